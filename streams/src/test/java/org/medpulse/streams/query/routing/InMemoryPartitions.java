package org.medpulse.streams.query.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.BarrierTotals;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.InMemorySurveyStats;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.ToolTotals;
import org.medpulse.streams.query.ToolTrendTotals;
import org.medpulse.streams.query.UsageTotals;
import org.medpulse.streams.query.WaveOverview;
import org.medpulse.streams.query.WaveTotals;

/**
 * One instance's copies of some partitions, each an {@link InMemorySurveyStats} over the answers of
 * that partition. A partition can be made to fail as Kafka Streams would (moved away, restoring),
 * and standby copies answer only stale reads.
 */
public final class InMemoryPartitions implements PartitionedStores {

    /** The partition an answer lives in: answers are spread by their position in the panel. */
    public static int partitionOf(int index, int partitions) {
        return index % partitions;
    }

    private final Map<Integer, InMemorySurveyStats> active = new ConcurrentHashMap<>();
    private final Map<Integer, InMemorySurveyStats> standby = new ConcurrentHashMap<>();
    private final Map<Integer, PartitionFailure> failing = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    /** This instance's partitions of {@code panel}: {@code activePartitions} active, {@code standbyPartitions} standby. */
    public static InMemoryPartitions of(List<Answer> panel, int partitions, Set<Integer> activePartitions,
                                        Set<Integer> standbyPartitions) {
        InMemoryPartitions stores = new InMemoryPartitions();
        for (int p = 0; p < partitions; p++) {
            InMemorySurveyStats stats = new InMemorySurveyStats();
            for (int i = 0; i < panel.size(); i++) {
                if (partitionOf(i, partitions) == p) {
                    stats.add(panel.get(i));
                }
            }
            if (activePartitions.contains(p)) {
                stores.active.put(p, stats);
            } else if (standbyPartitions.contains(p)) {
                stores.standby.put(p, stats);
            }
        }
        return stores;
    }

    /** From now on, {@code partition} fails with {@code failure} here; {@code null} heals it. */
    public InMemoryPartitions failing(int partition, PartitionFailure failure) {
        if (failure == null) {
            failing.remove(partition);
        } else {
            failing.put(partition, failure);
        }
        return this;
    }

    /** Moves {@code partition}'s active copy to {@code other}, as a rebalance does. */
    public void moveActive(int partition, InMemoryPartitions other) {
        InMemorySurveyStats stats = active.remove(partition);
        other.active.put(partition, stats);
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public PartitionReader partition(int partition, ReadOptions options) {
        reads.incrementAndGet();
        PartitionFailure failure = failing.get(partition);
        InMemorySurveyStats stats = active.get(partition);
        if (stats == null && options.isStaleAllowed()) {
            stats = standby.get(partition);
        }
        if (failure == null && stats == null) {
            failure = standby.containsKey(partition) ? PartitionFailure.NOT_ACTIVE : PartitionFailure.NOT_PRESENT;
        }
        return failure == null ? new StatsReader(stats) : new FailingReader(failure, "partition " + partition + ": " + failure);
    }

    /** A partition's stores, answered by the reference reader over that partition's answers. */
    private record StatsReader(InMemorySurveyStats stats) implements PartitionReader {

        private static final ReadOptions READ = ReadOptions.activeOnly();

        @Override
        public PartitionResult<List<WaveOverview>> waves() {
            return PartitionResult.answered(stats.waves(READ).value());
        }

        @Override
        public PartitionResult<InWave<UsageTotals>> usage(String wave, SurveyFilter filter) {
            return inWave(() -> stats.usage(wave, filter, READ), UsageTotals.EMPTY);
        }

        @Override
        public PartitionResult<InWave<BarrierTotals>> barriers(String wave, SurveyFilter filter) {
            return inWave(() -> stats.barriers(wave, filter, READ), BarrierTotals.EMPTY);
        }

        @Override
        public PartitionResult<InWave<ToolTotals>> tools(String wave, SurveyFilter filter) {
            return inWave(() -> stats.tools(wave, filter, READ), ToolTotals.EMPTY);
        }

        @Override
        public PartitionResult<UsageTotals> usageByDays(DayRange days, SurveyFilter filter) {
            return PartitionResult.answered(stats.usageByDays(days, filter, READ).value());
        }

        @Override
        public PartitionResult<ToolTrendTotals> toolTrend(String toolId, SurveyFilter filter) {
            return PartitionResult.answered(stats.toolTrend(toolId, filter, READ).value());
        }

        @Override
        public PartitionResult<List<WaveTotals>> waveTotals() {
            return PartitionResult.answered(stats.waveTotals(READ).value());
        }

        private static <T> PartitionResult<InWave<T>> inWave(Supplier<QueryResult<T>> read, T empty) {
            QueryResult<T> result = read.get();
            if (result instanceof QueryResult.Failure<T> failure && failure.reason() == FailureReason.UNKNOWN_WAVE) {
                return PartitionResult.answered(new InWave<>(false, empty));
            }
            return PartitionResult.answered(new InWave<>(true, result.value()));
        }
    }

    private record FailingReader(PartitionFailure failure, String message) implements PartitionReader {

        private <T> PartitionResult<T> fail() {
            return PartitionResult.failed(failure, message);
        }

        @Override
        public PartitionResult<List<WaveOverview>> waves() {
            return fail();
        }

        @Override
        public PartitionResult<InWave<UsageTotals>> usage(String wave, SurveyFilter filter) {
            return fail();
        }

        @Override
        public PartitionResult<InWave<BarrierTotals>> barriers(String wave, SurveyFilter filter) {
            return fail();
        }

        @Override
        public PartitionResult<InWave<ToolTotals>> tools(String wave, SurveyFilter filter) {
            return fail();
        }

        @Override
        public PartitionResult<UsageTotals> usageByDays(DayRange days, SurveyFilter filter) {
            return fail();
        }

        @Override
        public PartitionResult<ToolTrendTotals> toolTrend(String toolId, SurveyFilter filter) {
            return fail();
        }

        @Override
        public PartitionResult<List<WaveTotals>> waveTotals() {
            return fail();
        }
    }
}
