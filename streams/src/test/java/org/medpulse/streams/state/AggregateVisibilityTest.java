package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Store reads and commits exclude each other: Kafka Streams' in-memory stores deadlock when an
 * interactive range query meets a commit's writes (they take the same two locks in opposite orders).
 */
class AggregateVisibilityTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void aCommitWaitsUntilTheReadInProgressIsDone() throws Exception {
        AtomicBoolean written = new AtomicBoolean();
        AtomicReference<Thread> committer = new AtomicReference<>();
        boolean writtenDuringTheRead = AggregateVisibility.reading(0, () -> {
            committer.set(new Thread(() -> AggregateVisibility.write(0, () -> written.set(true))));
            committer.get().start();
            await().atMost(PATIENCE).until(() -> committer.get().getState() == Thread.State.WAITING);
            return written.get();
        });
        committer.get().join();

        assertThat(writtenDuringTheRead).isFalse();
        assertThat(written).isTrue();
    }

    @Test
    void aReadWaitsUntilTheCommitInProgressIsWritten() throws Exception {
        AtomicBoolean writing = new AtomicBoolean();
        AtomicBoolean readWhileWriting = new AtomicBoolean();
        AtomicReference<Thread> reader = new AtomicReference<>();
        AggregateVisibility.write(0, () -> {
            writing.set(true);
            reader.set(new Thread(() -> AggregateVisibility.reading(0, () -> {
                readWhileWriting.set(writing.get());
                return null;
            })));
            reader.get().start();
            await().atMost(PATIENCE).until(() -> reader.get().getState() == Thread.State.WAITING);
            writing.set(false);
        });
        reader.get().join();

        assertThat(readWhileWriting).isFalse();
    }

    @Test
    void readsDoNotWaitForEachOther() throws Exception {
        AtomicBoolean otherRead = new AtomicBoolean();
        AtomicReference<Thread> other = new AtomicReference<>();
        boolean seen = AggregateVisibility.reading(0, () -> {
            other.set(new Thread(() -> AggregateVisibility.reading(0, () -> {
                otherRead.set(true);
                return null;
            })));
            other.get().start();
            // The other read completes while this one still holds its share of the lock.
            await().atMost(PATIENCE).untilTrue(otherRead);
            return otherRead.get();
        });
        other.get().join();

        assertThat(seen).isTrue();
    }

    @Test
    void aCommitHoldsBackOnlyTheReadersOfItsOwnPartition() throws Exception {
        AtomicBoolean otherPartitionRead = new AtomicBoolean();
        AtomicReference<Thread> reader = new AtomicReference<>();
        AggregateVisibility.write(1, () -> {
            reader.set(new Thread(() -> AggregateVisibility.reading(0, () -> {
                otherPartitionRead.set(true);
                return null;
            })));
            reader.get().start();
            // Partition 0's read completes while partition 1's commit is still writing.
            await().atMost(PATIENCE).untilTrue(otherPartitionRead);
        });
        reader.get().join();

        assertThat(otherPartitionRead).isTrue();
    }
}
