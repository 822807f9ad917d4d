package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.streams.state.AggregateVisibility;

class StoreVersionTest {

    // Partitions no other test of this JVM writes through AggregateVisibility, which is the JVM's.
    private static final int PARTITION = 1_000_001;
    private static final int OTHER_PARTITION = 1_000_002;

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
    void movesWhenACommitWritesThePartitionsAggregatesAndOnlyThen() {
        StoreVersion version = new StoreVersion(streams());
        Optional<StoreVersion.Version> first = version.current(PARTITION);
        assertThat(first).isPresent();
        assertThat(version.current(PARTITION)).as("nothing happened").isEqualTo(first);

        // Records processed change nothing a range query sees: the aggregates write behind.
        Optional<StoreVersion.Version> other = version.current(OTHER_PARTITION);
        AggregateVisibility.write(PARTITION, () -> { });
        Optional<StoreVersion.Version> committed = version.current(PARTITION);
        assertThat(committed).isNotEqualTo(first);
        assertThat(version.current(OTHER_PARTITION)).as("another partition's commit").isEqualTo(other);

        AggregateVisibility.write(OTHER_PARTITION, () -> { });
        assertThat(version.current(PARTITION)).isEqualTo(committed);
        assertThat(version.current(OTHER_PARTITION)).isNotEqualTo(other);
    }

    @Test
    void aReadThatSeesACommitsWritesSeesItsVersion() {
        StoreVersion version = new StoreVersion(streams());
        Optional<StoreVersion.Version> before = version.current(PARTITION);
        AtomicReference<Optional<StoreVersion.Version>> during = new AtomicReference<>();

        AggregateVisibility.write(PARTITION, () -> during.set(version.current(PARTITION)));

        assertThat(during.get()).as("counted before the writes").isNotEqualTo(before).isEqualTo(version.current(PARTITION));
    }

    @Test
    void movesWhenTasksMoveOrRestore() {
        StoreVersion version = new StoreVersion(streams());
        Optional<StoreVersion.Version> first = version.current(PARTITION);

        version.streamsStateChanged();
        Optional<StoreVersion.Version> rebalanced = version.current(PARTITION);
        assertThat(rebalanced).isNotEqualTo(first);

        TopicPartition changelog = new TopicPartition("app-usage-by-wave-changelog", 0);
        version.restoreListener().onRestoreStart(changelog, "usage-by-wave", 0, 10);
        Optional<StoreVersion.Version> restoring = version.current(PARTITION);
        assertThat(restoring).isNotEqualTo(rebalanced);
        version.restoreListener().onBatchRestored(changelog, "usage-by-wave", 5, 5);
        Optional<StoreVersion.Version> restored = version.current(PARTITION);
        assertThat(restored).isNotEqualTo(restoring);
        version.restoreListener().onRestoreEnd(changelog, "usage-by-wave", 10);
        assertThat(version.current(PARTITION)).isNotEqualTo(restored);
    }

    @Test
    void isUnknownUnlessRunning() {
        StoreVersion version = new StoreVersion(streams());
        streams.state = KafkaStreams.State.REBALANCING;

        assertThat(version.current(PARTITION)).isEmpty();
        assertThat(version.allPartitions()).isEmpty();
    }

    @Test
    void theVersionOfAllPartitionsMovesWithAnyPartitionsCommitAndWithTasks() {
        StoreVersion version = new StoreVersion(streams());
        Optional<StoreVersion.Version> first = version.allPartitions();
        assertThat(first).isPresent();
        assertThat(version.allPartitions()).as("nothing happened").isEqualTo(first);

        AggregateVisibility.write(PARTITION, () -> { });
        Optional<StoreVersion.Version> one = version.allPartitions();
        assertThat(one).isNotEqualTo(first);
        AggregateVisibility.write(OTHER_PARTITION, () -> { });
        Optional<StoreVersion.Version> other = version.allPartitions();
        assertThat(other).isNotEqualTo(one);

        version.streamsStateChanged();
        Optional<StoreVersion.Version> rebalanced = version.allPartitions();
        assertThat(rebalanced).isNotEqualTo(other);
        version.restoreListener().onRestoreEnd(new TopicPartition("app-usage-by-wave-changelog", 3), "usage-by-wave", 10);
        assertThat(version.allPartitions()).isNotEqualTo(rebalanced);
    }

    @Test
    void theVersionOfAllPartitionsSeenDuringACommitsWritesIsTheCommits() {
        StoreVersion version = new StoreVersion(streams());
        Optional<StoreVersion.Version> before = version.allPartitions();
        AtomicReference<Optional<StoreVersion.Version>> during = new AtomicReference<>();

        AggregateVisibility.write(OTHER_PARTITION, () -> during.set(version.allPartitions()));

        assertThat(during.get()).as("counted before the writes").isNotEqualTo(before).isEqualTo(version.allPartitions());
    }

    private ScriptedStreams streams() {
        streams = new ScriptedStreams(UnstartedStreams.topology(), UnstartedStreams.properties("store-version-test", stateDir));
        return streams;
    }

    /** Kafka Streams, never started, whose state the test sets. */
    private static final class ScriptedStreams extends KafkaStreams {

        private volatile State state = State.RUNNING;

        ScriptedStreams(Topology topology, Properties props) {
            super(topology, props);
        }

        @Override
        public State state() {
            return state;
        }
    }
}
