package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.streams.testing.Responses;
import org.medpulse.streams.testing.TopologyFixture;

/**
 * The one Kafka Streams internal MedPulse relies on (docs/architecture.md, "Kafka Streams
 * internals"): before it commits, Kafka Streams calls {@code flushCache()} on every store that is
 * a {@code CachedStateStore}, which {@link WriteBehindKeyValueStore} is through
 * {@code WrappedStateStore}. If an upgrade stops doing so, the aggregates' writes never reach their
 * changelog nor range readers: this test fails first, and says why.
 */
class KafkaStreamsInternalsTest {

    static final String STORE = "internals-probe";
    static final String APPLICATION = "internals-test";
    static final Aggregate<WaveKey, WaveSummary> AGGREGATE =
            new Aggregate<>(STORE, StateSerdes.waveKey(), StateSerdes.waveSummary());

    /** Writes each record's wave into the write-behind store, as the survey topology does. */
    static final class Writer implements Processor<String, String, Void, Void> {
        private KeyValueStore<WaveKey, WaveSummary> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            store.put(WaveKey.of(record.value()), WaveSummary.of(7, record.timestamp()));
        }
    }

    @Test
    void writeBehindWritesReachTheChangelogAndRangeReadersAtEachCommit() {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        topology.addProcessor("write", Writer::new, "in");
        topology.addStateStore(AGGREGATE.builder(), "write");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestOutputTopic<WaveKey, WaveSummary> changelog = driver.createOutputTopic(
                    APPLICATION + "-" + STORE + "-changelog", AGGREGATE.keys().deserializer(), AGGREGATE.values().deserializer());

            // The test driver commits after every record, as Kafka Streams does at each commit interval.
            in.pipeInput("r1", "2025-06", Instant.ofEpochMilli(1_000));

            assertThat(changelog.readKeyValuesToList())
                    .as("Kafka Streams no longer calls CachedStateStore.flushCache() before committing: "
                            + "WriteBehindKeyValueStore's writes would be lost (see docs/architecture.md)")
                    .isEqualTo(List.of(KeyValue.pair(WaveKey.of("2025-06"), WaveSummary.of(7, 1_000))));
            KeyValueStore<WaveKey, WaveSummary> store = driver.getKeyValueStore(STORE);
            assertThat(store.all()).toIterable()
                    .as("range readers see the flushed write").containsExactly(KeyValue.pair(WaveKey.of("2025-06"), WaveSummary.of(7, 1_000)));
        }
    }

    @Test
    void everyStoreOfATaskIsInitialisedWithTheTasksOneContextSoACommitIsWrittenWhole() {
        try (TopologyFixture topology = new TopologyFixture()) {
            long before = AggregateVisibility.epoch();

            topology.send(Responses.response("p1", "r1", "2025-06").tool("chatgpt", UsageFrequency.DAILY).build());

            // One commit (the test driver commits after each record) writes five aggregate stores:
            // one bracket if they were grouped as one task, five if each store were on its own.
            assertThat(AggregateVisibility.epoch() - before)
                    .as("Kafka Streams no longer initialises a task's stores with one context: TaskAggregates cannot "
                            + "group them, and readers could see a commit half written (see docs/architecture.md)")
                    .isEqualTo(1);
        }
    }
}
