package org.medpulse.streams.query.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;
import org.medpulse.streams.state.AggregateViews;
import org.medpulse.streams.state.AggregateVisibility;

/**
 * Tells whether this instance's active stores may have changed since an earlier look, cheaply
 * enough to ask on every request. What range queries see changes only when a stream thread
 * processes records, when it commits, or when tasks move or restore. Processing shows in the
 * threads' {@code process-total} metric, which Kafka Streams raises after the records' writes. A
 * commit shows in {@code commit-total}, raised after the commit: it matters because the aggregates
 * write behind ({@code WriteBehindKeyValueStore}) and IQv2 range queries skip any record cache (only
 * key queries consult Kafka Streams' own), so writes become visible to range readers when the commit
 * flushes them, after {@code process-total} moved. A
 * rebalance passes through a state
 * other than RUNNING, which {@link #streamsStateChanged()} counts; a task restored without one (a
 * task found corrupted under exactly-once is wiped and restored while the client stays RUNNING) is
 * counted by the {@link #restoreListener()}. A version read before a store is read is therefore never
 * newer than what the read saw.
 *
 * <p>Standby and restoring copies change without either sign: stale reads must not rely on it.
 */
public final class StoreVersion {

    private static final String THREAD_GROUP = "stream-thread-metrics";
    private static final Set<String> COUNTERS = Set.of("process-total", "commit-total");

    /**
     * The stores' contents as of a generation of task assignments, the sum of the threads' counts
     * of processed records and of commits, and how many commits began writing aggregates
     * ({@link AggregateVisibility}): a commit's writes are visible before its {@code commit-total}.
     */
    public record Version(long generation, double processedAndCommitted, long aggregateWrites) {
    }

    private record Threads(long generation, List<Metric> counters) {
    }

    private final KafkaStreams streams;
    private final AggregateViews views;
    private final AtomicLong generation = new AtomicLong();
    private volatile Threads threads = new Threads(-1, List.of());

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

    /** The current version; empty unless Kafka Streams is RUNNING (then the stores are moving). */
    public Optional<Version> current() {
        long seen = generation.get();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        double counted = 0;
        for (Metric total : counters(seen)) {
            counted += ((Number) total.metricValue()).doubleValue();
        }
        // A state change while the metrics were read: the version may describe neither side.
        if (generation.get() != seen) {
            return Optional.empty();
        }
        return Optional.of(new Version(seen, counted, AggregateVisibility.epoch()));
    }

    // Stream threads come and go only with a state change: their metrics are looked up once per generation.
    private List<Metric> counters(long seen) {
        Threads known = threads;
        if (known.generation() != seen) {
            List<Metric> totals = streams.metrics().entrySet().stream()
                    .filter(e -> THREAD_GROUP.equals(e.getKey().group()) && COUNTERS.contains(e.getKey().name()))
                    .map(e -> (Metric) e.getValue())
                    .toList();
            known = new Threads(seen, totals);
            threads = known;
        }
        return known.counters();
    }
}
