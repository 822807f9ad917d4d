package org.medpulse.streams.query.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.streams.query.BarrierTotals;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.SurveyStatsReader;
import org.medpulse.streams.query.ToolTotals;
import org.medpulse.streams.query.ToolTrendTotals;
import org.medpulse.streams.query.UsageTotals;
import org.medpulse.streams.query.WaveOverview;
import org.medpulse.streams.query.WaveTotals;

/**
 * Answers completely from any instance: every partition is asked once, of the instance that holds
 * it (this one's stores directly, the others over {@link PeerClient}), and the partial answers are
 * merged. An instance that says a partition is no longer its own (the metadata moved under us) is
 * not believed to be the owner again: the placement is re-read and the partition asked of its new
 * owner, for a few rounds. A partition that nobody can answer for makes the whole answer a
 * retriable failure, never a partial one.
 */
public final class RoutedSurveyStatsReader implements SurveyStatsReader {

    /** Rounds of asking: the first, then re-routes after partitions moved. */
    static final int MAX_ROUNDS = 3;

    private final PartitionDirectory directory;
    private final PartitionedStores local;
    private final PeerClient peers;

    public RoutedSurveyStatsReader(PartitionDirectory directory, PartitionedStores local, PeerClient peers) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.local = Objects.requireNonNull(local, "local");
        this.peers = Objects.requireNonNull(peers, "peers");
    }

    /** This instance's stores, which the peer endpoint serves to the other instances. */
    public PartitionedStores localStores() {
        return local;
    }

    @Override
    public QueryResult<List<WaveOverview>> waves(ReadOptions options) {
        return ask(new PartialQuery.Waves(), options);
    }

    @Override
    public QueryResult<UsageTotals> usage(String wave, SurveyFilter filter, ReadOptions options) {
        return inKnownWave(wave, ask(new PartialQuery.Usage(wave, filter), options));
    }

    @Override
    public QueryResult<BarrierTotals> barriers(String wave, SurveyFilter filter, ReadOptions options) {
        return inKnownWave(wave, ask(new PartialQuery.Barriers(wave, filter), options));
    }

    @Override
    public QueryResult<ToolTotals> tools(String wave, SurveyFilter filter, ReadOptions options) {
        return inKnownWave(wave, ask(new PartialQuery.Tools(wave, filter), options));
    }

    @Override
    public QueryResult<UsageTotals> usageByDays(DayRange days, SurveyFilter filter, ReadOptions options) {
        return ask(new PartialQuery.UsageByDays(days, filter), options);
    }

    @Override
    public QueryResult<ToolTrendTotals> toolTrend(String toolId, SurveyFilter filter, ReadOptions options) {
        return ask(new PartialQuery.ToolTrend(toolId, filter), options);
    }

    @Override
    public QueryResult<List<WaveTotals>> waveTotals(ReadOptions options) {
        return ask(new PartialQuery.AllWaveTotals(), options);
    }

    private static <T> QueryResult<T> inKnownWave(String wave, QueryResult<InWave<T>> result) {
        return result.flatMap(merged -> merged.waveSeen()
                ? QueryResult.success(merged.totals())
                : QueryResult.failure(FailureReason.UNKNOWN_WAVE, "Unknown wave '" + wave + "'"));
    }

    /** Every partition's answer to {@code query}, merged; or why some partition could not answer. */
    public <T> QueryResult<T> ask(PartialQuery<T> query, ReadOptions options) {
        Optional<PartitionPlacement> first = directory.placement();
        if (first.isEmpty()) {
            return QueryResult.failure(FailureReason.NOT_READY, "The stores are not available yet: Kafka Streams is starting");
        }
        PartitionPlacement placement = first.get();
        int partitions = placement.partitions();
        Map<Integer, T> answers = new TreeMap<>();
        Map<Integer, PartitionResult.Failed<T>> failures = new TreeMap<>();
        Map<Integer, Set<HostInfo>> asked = new HashMap<>();
        Set<Integer> pending = new TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            pending.add(p);
        }
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
            if (round > 0) {
                Optional<PartitionPlacement> refreshed = directory.placement();
                if (refreshed.isEmpty() || refreshed.get().partitions() != partitions) {
                    break;
                }
                placement = refreshed.get();
            }
            Map<HostInfo, Set<Integer>> plan = plan(placement, pending, asked, options, failures);
            if (plan.isEmpty()) {
                break;
            }
            Map<Integer, PartitionResult<T>> results = dispatch(placement.self(), plan, query, options);
            for (int partition : plan.values().stream().flatMap(Set::stream).toList()) {
                PartitionResult<T> result = results.getOrDefault(partition,
                        PartitionResult.failed(PartitionFailure.UNREACHABLE, "No answer for partition " + partition));
                if (result instanceof PartitionResult.Answered<T> answered) {
                    answers.put(partition, answered.value());
                    failures.remove(partition);
                    pending.remove(partition);
                } else {
                    failures.put(partition, (PartitionResult.Failed<T>) result);
                }
            }
        }
        if (!pending.isEmpty()) {
            return unavailable(pending, failures);
        }
        T merged = query.empty();
        for (T answer : answers.values()) {
            merged = query.merge(merged, answer);
        }
        return QueryResult.success(merged);
    }

    /**
     * Assigns each pending partition to the next instance worth asking: the active owner, then,
     * when stale reads are allowed, the standbys; never an instance already asked for it.
     */
    private static <T> Map<HostInfo, Set<Integer>> plan(PartitionPlacement placement, Set<Integer> pending,
                                                        Map<Integer, Set<HostInfo>> asked, ReadOptions options,
                                                        Map<Integer, PartitionResult.Failed<T>> failures) {
        Map<HostInfo, Set<Integer>> plan = new LinkedHashMap<>();
        for (int partition : pending) {
            List<HostInfo> candidates = new ArrayList<>(2);
            placement.activeHost(partition).ifPresent(candidates::add);
            if (options.isStaleAllowed()) {
                candidates.addAll(placement.standbyHosts(partition));
            }
            Set<HostInfo> already = asked.computeIfAbsent(partition, p -> new HashSet<>());
            Optional<HostInfo> next = candidates.stream().filter(h -> !already.contains(h)).findFirst();
            if (next.isPresent()) {
                already.add(next.get());
                plan.computeIfAbsent(next.get(), h -> new TreeSet<>()).add(partition);
            } else if (!failures.containsKey(partition)) {
                failures.put(partition, new PartitionResult.Failed<>(PartitionFailure.NOT_PRESENT,
                        "No instance holds partition " + partition + " right now"));
            }
        }
        return plan;
    }

    private <T> Map<Integer, PartitionResult<T>> dispatch(HostInfo self, Map<HostInfo, Set<Integer>> plan,
                                                         PartialQuery<T> query, ReadOptions options) {
        List<CompletableFuture<Map<Integer, PartitionResult<T>>>> remote = new ArrayList<>();
        plan.forEach((host, partitions) -> {
            if (!host.equals(self)) {
                remote.add(peers.read(host, query, partitions, options).exceptionally(e ->
                        PartitionResult.allFailed(partitions, PartitionFailure.UNREACHABLE, host + ": " + e.getMessage())));
            }
        });
        Map<Integer, PartitionResult<T>> results = new HashMap<>();
        // The local partitions are read while the peers work on theirs.
        Set<Integer> mine = plan.get(self);
        if (mine != null) {
            results.putAll(local.read(query, mine, options));
        }
        remote.forEach(future -> results.putAll(future.join()));
        return results;
    }

    private static <T, R> QueryResult<R> unavailable(Set<Integer> pending, Map<Integer, PartitionResult.Failed<T>> failures) {
        Set<PartitionFailure> seen = pending.stream()
                .map(p -> failures.containsKey(p) ? failures.get(p).failure() : PartitionFailure.NOT_PRESENT)
                .collect(Collectors.toSet());
        FailureReason reason;
        if (seen.contains(PartitionFailure.UNREACHABLE)) {
            reason = FailureReason.PEER_UNAVAILABLE;
        } else if (seen.contains(PartitionFailure.NOT_ACTIVE) || seen.contains(PartitionFailure.NOT_PRESENT)) {
            reason = FailureReason.REBALANCING;
        } else {
            reason = FailureReason.NOT_READY;
        }
        String detail = pending.stream()
                .map(p -> p + ": " + (failures.containsKey(p) ? failures.get(p).message() : "not asked"))
                .collect(Collectors.joining("; "));
        return QueryResult.failure(reason, "Not every partition could answer (" + reason + "); retry shortly. " + detail);
    }
}
