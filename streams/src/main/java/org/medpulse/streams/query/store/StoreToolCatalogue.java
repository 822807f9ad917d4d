package org.medpulse.streams.query.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.state.SurveyStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool catalogue the API names tools with: the built-in one extended by the operators' entries
 * of the global {@code tool-catalogue} store. IQv2 does not serve global stores yet, so this reads
 * it through {@code KafkaStreams#store}; the result is kept for a second, as entries change rarely
 * and every request asks.
 */
public final class StoreToolCatalogue implements Supplier<ToolCatalogue> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreToolCatalogue.class);
    static final Duration REFRESH = Duration.ofSeconds(1);

    private final KafkaStreams streams;
    private final ToolCatalogue builtIn;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(ToolCatalogue catalogue, Instant readAt) {
    }

    public StoreToolCatalogue(KafkaStreams streams, ToolCatalogue builtIn, Clock clock) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.builtIn = Objects.requireNonNull(builtIn, "builtIn");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.snapshot = new Snapshot(builtIn, Instant.MIN);
    }

    @Override
    public ToolCatalogue get() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current.readAt().plus(REFRESH).isAfter(now)) {
            return current.catalogue();
        }
        ToolCatalogue read = read().orElse(current.catalogue());
        snapshot = new Snapshot(read, now);
        return read;
    }

    private Optional<ToolCatalogue> read() {
        try {
            ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType(
                    SurveyStores.TOOL_CATALOGUE, QueryableStoreTypes.keyValueStore()));
            ToolCatalogue catalogue = builtIn;
            try (KeyValueIterator<String, String> entries = store.all()) {
                while (entries.hasNext()) {
                    KeyValue<String, String> entry = entries.next();
                    try {
                        catalogue = catalogue.with(ToolCatalogue.parseEntry(entry.value));
                    } catch (RuntimeException e) {
                        LOG.debug("Skipping unreadable catalogue entry {}", entry.key, e);
                    }
                }
            }
            return Optional.of(catalogue);
        } catch (InvalidStateStoreException e) {
            // Starting or stopping: names from the last read (or the built-in catalogue) will do.
            return Optional.empty();
        }
    }
}
