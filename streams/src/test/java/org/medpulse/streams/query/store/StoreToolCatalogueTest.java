package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.schemas.catalogue.ToolCatalogue;

class StoreToolCatalogueTest {

    private static final String MEDSCRIBE = "{\"id\":\"medscribe\",\"name\":\"MedScribe\",\"vendor\":\"Scribe SAS\","
            + "\"category\":\"documentation\",\"aliases\":[\"med scribe\"]}";

    @TempDir
    Path stateDir;

    private final NavigableMap<String, String> entries = new ConcurrentSkipListMap<>();
    private final MovingClock clock = new MovingClock();
    private CatalogueStreams streams;

    @AfterEach
    void close() {
        if (streams != null) {
            streams.close();
        }
    }

    @Test
    void givesTheSameCatalogueWhileTheOperatorsEntriesStayTheSame() {
        StoreToolCatalogue catalogues = new StoreToolCatalogue(streams(), ToolCatalogue.builtIn(), clock);
        ToolCatalogue builtIn = catalogues.get();
        assertThat(builtIn.find("MedScribe")).isEmpty();

        entries.put("medscribe", MEDSCRIBE);
        assertThat(catalogues.get()).as("read at most once a second").isSameAs(builtIn);
        clock.advance(StoreToolCatalogue.REFRESH);
        ToolCatalogue extended = catalogues.get();
        assertThat(extended.find("MedScribe")).isPresent();

        clock.advance(StoreToolCatalogue.REFRESH);
        assertThat(catalogues.get()).as("read again, the same entries").isSameAs(extended);

        entries.remove("medscribe");
        clock.advance(StoreToolCatalogue.REFRESH);
        ToolCatalogue reduced = catalogues.get();
        assertThat(reduced).isNotSameAs(extended);
        assertThat(reduced.find("MedScribe")).isEmpty();
    }

    private CatalogueStreams streams() {
        streams = new CatalogueStreams(UnstartedStreams.topology(), UnstartedStreams.properties("store-tool-catalogue-test", stateDir), entries);
        return streams;
    }

    /** Kafka Streams, never started, whose catalogue store holds the test's entries. */
    private static final class CatalogueStreams extends KafkaStreams {

        private final NavigableMap<String, String> entries;

        CatalogueStreams(Topology topology, Properties props, NavigableMap<String, String> entries) {
            super(topology, props);
            this.entries = entries;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T store(StoreQueryParameters<T> parameters) {
            return (T) new EntriesStore(entries);
        }
    }

    private record EntriesStore(NavigableMap<String, String> entries) implements ReadOnlyKeyValueStore<String, String> {

        @Override
        public String get(String key) {
            return entries.get(key);
        }

        @Override
        public KeyValueIterator<String, String> range(String from, String to) {
            return KeyValueIterators.over(entries.subMap(from, true, to, true));
        }

        @Override
        public KeyValueIterator<String, String> all() {
            return KeyValueIterators.over(entries);
        }

        @Override
        public long approximateNumEntries() {
            return entries.size();
        }
    }

    private static final class MovingClock extends Clock {

        private volatile Instant now = Instant.parse("2025-06-05T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
