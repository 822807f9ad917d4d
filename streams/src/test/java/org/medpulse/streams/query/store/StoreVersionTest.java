package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreVersionTest {

    @TempDir
    Path stateDir;

    private ScriptedStreams streams;

    @AfterEach
    void close() {
        if (streams != null) {
            streams.close();
        }
    }

    @Test
    void movesWhenRecordsAreProcessedOrCommitted() {
        StoreVersion version = new StoreVersion(streams());
        Optional<StoreVersion.Version> first = version.current();
        assertThat(first).isPresent();
        assertThat(version.current()).as("nothing happened").isEqualTo(first);

        streams.counter("process-total", 1).set(11);
        Optional<StoreVersion.Version> processed = version.current();
        assertThat(processed).isNotEqualTo(first);

        // What range queries see also changes when a commit flushes the write-behind stores.
        streams.counter("commit-total", 1).set(3);
        assertThat(version.current()).isNotEqualTo(processed);
    }

    @Test
    void movesWhenTasksMoveOrRestore() {
        StoreVersion version = new StoreVersion(streams());
        Optional<StoreVersion.Version> first = version.current();

        version.streamsStateChanged();
        Optional<StoreVersion.Version> rebalanced = version.current();
        assertThat(rebalanced).isNotEqualTo(first);

        TopicPartition changelog = new TopicPartition("app-usage-by-wave-changelog", 0);
        version.restoreListener().onRestoreStart(changelog, "usage-by-wave", 0, 10);
        Optional<StoreVersion.Version> restoring = version.current();
        assertThat(restoring).isNotEqualTo(rebalanced);
        version.restoreListener().onBatchRestored(changelog, "usage-by-wave", 5, 5);
        Optional<StoreVersion.Version> restored = version.current();
        assertThat(restored).isNotEqualTo(restoring);
        version.restoreListener().onRestoreEnd(changelog, "usage-by-wave", 10);
        assertThat(version.current()).isNotEqualTo(restored);
    }

    @Test
    void isUnknownUnlessRunning() {
        StoreVersion version = new StoreVersion(streams());
        streams.state = KafkaStreams.State.REBALANCING;

        assertThat(version.current()).isEmpty();
    }

    private ScriptedStreams streams() {
        Topology topology = new Topology();
        topology.addSource("responses", "survey-responses");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-version-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new ScriptedStreams(topology, props);
        streams.counter("process-total", 1).set(10);
        streams.counter("commit-total", 1).set(2);
        return streams;
    }

    /** Kafka Streams, never started, whose state and stream-thread counters the test sets. */
    private static final class ScriptedStreams extends KafkaStreams {

        private final Map<MetricName, Counter> counters = new HashMap<>();
        private volatile State state = State.RUNNING;

        ScriptedStreams(Topology topology, Properties props) {
            super(topology, props);
        }

        Counter counter(String name, int thread) {
            MetricName metric = new MetricName(name, "stream-thread-metrics", "", Map.of("thread-id", "thread-" + thread));
            return counters.computeIfAbsent(metric, Counter::new);
        }

        @Override
        public State state() {
            return state;
        }

        @Override
        public Map<MetricName, ? extends Metric> metrics() {
            return Map.copyOf(counters);
        }
    }

    private static final class Counter implements Metric {

        private final MetricName name;
        private volatile double value;

        Counter(MetricName name) {
            this.name = name;
        }

        void set(double value) {
            this.value = value;
        }

        @Override
        public MetricName metricName() {
            return name;
        }

        @Override
        public Object metricValue() {
            return value;
        }
    }
}
