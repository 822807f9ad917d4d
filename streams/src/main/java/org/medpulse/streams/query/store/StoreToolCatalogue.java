package org.medpulse.streams.query.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
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

    // The catalogue, the operators' entries it was made from (key to JSON value), and when they were read.
    private record Snapshot(ToolCatalogue catalogue, Map<String, String> entries, Instant readAt) {
    }

    public StoreToolCatalogue(KafkaStreams streams, ToolCatalogue builtIn, Clock clock) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.builtIn = Objects.requireNonNull(builtIn, "builtIn");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.snapshot = new Snapshot(builtIn, Map.of(), Instant.MIN);
    }

    /**
     * The catalogue as of at most a second ago. The very same object while the operators' entries
     * stay the same: answers given again are kept for one catalogue object (a new one every second
     * dropped every answer kept, whether or not an entry had changed).
     */
    @Override
    public ToolCatalogue get() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current.readAt().plus(REFRESH).isAfter(now)) {
            return current.catalogue();
        }
        Map<String, String> entries = entries().orElse(current.entries());
        ToolCatalogue catalogue = entries.equals(current.entries()) ? current.catalogue() : catalogue(entries);
        snapshot = new Snapshot(catalogue, entries, now);
        return catalogue;
    }

    // The operators' entries, key to JSON value; empty while the store cannot be read.
    private Optional<Map<String, String>> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        try {
            ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType(
                    SurveyStores.TOOL_CATALOGUE, QueryableStoreTypes.keyValueStore()));
            try (KeyValueIterator<String, String> all = store.all()) {
                all.forEachRemaining(entry -> entries.put(entry.key, entry.value));
            }
        } catch (InvalidStateStoreException e) {
            // Starting or stopping: names from the last read (or the built-in catalogue) will do.
            return Optional.empty();
        }
        return Optional.of(Collections.unmodifiableMap(entries));
    }

    private ToolCatalogue catalogue(Map<String, String> entries) {
        ToolCatalogue catalogue = builtIn;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            try {
                catalogue = catalogue.with(ToolCatalogue.parseEntry(entry.getValue()));
            } catch (RuntimeException e) {
                LOG.debug("Skipping unreadable catalogue entry {}", entry.getKey(), e);
            }
        }
        return catalogue;
    }
}
