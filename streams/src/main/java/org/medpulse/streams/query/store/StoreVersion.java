package org.medpulse.streams.query.store;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;
import org.medpulse.streams.state.AggregateViews;
import org.medpulse.streams.state.AggregateVisibility;

/**
 * Tells whether one partition of this instance's active stores may have changed since an earlier
 * look, cheaply enough to ask on every request. What the read side's range queries see of a
 * partition changes only when a commit writes its task's aggregates, or when tasks move or restore.
 * The aggregates write behind ({@code WriteBehindKeyValueStore}): processing a record changes
 * nothing a range query sees (IQv2 range queries skip any record cache), its changes reach the
 * stores when the commit flushes them, inside {@link AggregateVisibility#write}, which counts the
 * commits of each partition. A rebalance passes through a state other than RUNNING, which
 * {@link #streamsStateChanged()} counts; a task restored without one (a task found corrupted under
 * exactly-once is wiped and restored while the client stays RUNNING) is counted by the
 * {@link #restoreListener()}. A version read before a partition is read is therefore never newer
 * than what the read saw. A partition's version does not move when others change: what was
 * remembered of one partition's scans stays good until that partition's own commit.
 *
 * <p>Standby and restoring copies change without either sign: stale reads must not rely on it.
 */
public final class StoreVersion {

    /**
     * One partition's stores as of a generation of task assignments, and how many commits began
     * writing that partition's aggregates ({@link AggregateVisibility#writes}): a commit's writes
     * are visible from the moment that count moves.
     */
    public record Version(long generation, long aggregateWrites) {
    }

    private final KafkaStreams streams;
    private final AggregateViews views;
    private final AtomicLong generation = new AtomicLong();

    /** @param views the instance's decoded aggregate views, told of the same changes as this version */
    public StoreVersion(KafkaStreams streams, AggregateViews views) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.views = Objects.requireNonNull(views, "views");
    }

    public StoreVersion(KafkaStreams streams) {
        this(streams, new AggregateViews());
    }

    /** To be called on every Kafka Streams state change: tasks may have moved. */
    public void streamsStateChanged() {
        generation.incrementAndGet();
        views.invalidateAll();
    }

    /**
     * Counts every restoration of an active task's store as a change. To be installed with
     * {@link KafkaStreams#setGlobalStateRestoreListener} before the application starts.
     */
    public StateRestoreListener restoreListener() {
        return new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
                restored(partition, store);
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
                restored(partition, store);
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                restored(partition, store);
            }
        };
    }

    // A store's changelog partition is its task's: the topology has one sub-topology.
    private void restored(TopicPartition changelog, String store) {
        generation.incrementAndGet();
        views.invalidate(store, changelog.partition());
    }

    /**
     * Drops the view of every store a standby task updates: those updates bypass the write-behind
     * layer that keeps the views, and a standby may become active again without its stores being
     * initialised anew. Active answers never read standbys, so this version does not move. To be
     * installed with {@link KafkaStreams#setStandbyUpdateListener} before the application starts.
     */
    public StandbyUpdateListener standbyUpdateListener() {
        return new StandbyUpdateListener() {
            @Override
            public void onUpdateStart(TopicPartition changelog, String store, long startingOffset) {
                views.invalidate(store, changelog.partition());
            }

            @Override
            public void onBatchLoaded(TopicPartition changelog, String store, TaskId task, long batchEndOffset,
                                      long batchSize, long currentEndOffset) {
                views.invalidate(store, changelog.partition());
            }

            @Override
            public void onUpdateSuspended(TopicPartition changelog, String store, long storeOffset, long currentEndOffset,
                                          SuspendReason reason) {
                views.invalidate(store, changelog.partition());
            }
        };
    }

    /** {@code partition}'s current version; empty unless Kafka Streams is RUNNING (then the stores are moving). */
    public Optional<Version> current(int partition) {
        return version(() -> AggregateVisibility.writes(partition));
    }

    /**
     * The version of all of this instance's active partitions at once: the generation, and how many
     * commits began writing aggregates on any partition ({@link AggregateVisibility#epoch}). Empty
     * unless Kafka Streams is RUNNING. Equal before and after a read, nothing the read could see
     * changed meanwhile: a commit counts itself before its first write.
     */
    public Optional<Version> allPartitions() {
        return version(AggregateVisibility::epoch);
    }

    private Optional<Version> version(LongSupplier aggregateWrites) {
        long seen = generation.get();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        long writes = aggregateWrites.getAsLong();
        // A state change meanwhile: the version may describe neither side.
        if (generation.get() != seen) {
            return Optional.empty();
        }
        return Optional.of(new Version(seen, writes));
    }
}
