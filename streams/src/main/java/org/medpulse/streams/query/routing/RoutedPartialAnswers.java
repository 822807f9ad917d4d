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
import org.medpulse.streams.query.AnswersVersion;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.PartialAnswers;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.state.Mergeable;

/**
 * Answers completely from any instance, for every question alike: every partition is asked once,
 * of the instance that holds it (this one's stores directly, together when they can all be read
 * at once, the others over {@link PeerClient}), and the partial answers are merged. An instance that says a partition is no longer its own (the
 * metadata moved under us) is not believed to be the owner again: the placement is re-read and
 * the partition asked of its new owner, for a few rounds. A partition that nobody can answer for
 * makes the whole answer a retriable failure, never a partial one.
 */
public final class RoutedPartialAnswers implements PartialAnswers {

    /** Rounds of asking: the first, then re-routes after partitions moved. */
    static final int MAX_ROUNDS = 3;

    private final PartitionDirectory directory;
    private final LocalPartitions local;
    private final PeerClient peers;

    public RoutedPartialAnswers(PartitionDirectory directory, LocalPartitions local, PeerClient peers) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.local = Objects.requireNonNull(local, "local");
        this.peers = Objects.requireNonNull(peers, "peers");
    }

    @Override
    public <P extends Mergeable<P>> QueryResult<P> gather(Question<P, ?> question, ReadOptions options) {
        Optional<PartitionPlacement> first = directory.placement();
        if (first.isEmpty()) {
            return QueryResult.failure(FailureReason.NOT_READY, "The stores are not available yet: Kafka Streams is starting");
        }
        PartitionPlacement placement = first.get();
        // The common case, one instance actively holding every partition: read them all together
        // without the bookkeeping of rounds below (a tenth of the request threads' time under bench
        // api); the round would make the same plan and take the same answer.
        if (placement.allActiveOnSelf()) {
            Optional<P> together = local.readTogether(question, placement.allPartitions(), options);
            if (together.isPresent()) {
                return QueryResult.success(together.get());
            }
        }
        int partitions = placement.partitions();
        Map<Integer, P> answers = new TreeMap<>();
        // Partial answers of several partitions read together, each merged already.
        List<P> togetherAnswers = new ArrayList<>();
        Map<Integer, QueryResult.Failure<P>> failures = new TreeMap<>();
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
            Dispatched<P> dispatched = dispatch(placement.self(), plan, question, options);
            Map<Integer, QueryResult<P>> results = dispatched.each();
            dispatched.together().ifPresent(togetherAnswers::add);
            Set<Integer> readTogether = dispatched.together().isPresent() ? plan.get(placement.self()) : Set.of();
            pending.removeAll(readTogether);
            failures.keySet().removeAll(readTogether);
            for (int partition : plan.values().stream().flatMap(Set::stream).filter(p -> !readTogether.contains(p)).toList()) {
                QueryResult<P> result = results.getOrDefault(partition,
                        QueryResult.failure(FailureReason.UNREACHABLE, "No answer for partition " + partition));
                if (result instanceof QueryResult.Success<P> answered) {
                    answers.put(partition, answered.result());
                    failures.remove(partition);
                    pending.remove(partition);
                } else {
                    failures.put(partition, (QueryResult.Failure<P>) result);
                }
            }
        }
        if (!pending.isEmpty()) {
            return unavailable(pending, failures);
        }
        P merged = null;
        List<P> all = new ArrayList<>(togetherAnswers);
        all.addAll(answers.values());
        for (P answer : all) {
            merged = merged == null ? answer : merged.plus(answer);
        }
        return QueryResult.success(merged);
    }

    /**
     * Known only where {@link #gather} reads nothing but this instance's active partitions: it holds
     * every one of them and stale copies are not asked for. Then the version is the placement (a new
     * one whenever Kafka Streams' metadata changes) and what this instance's active stores hold.
     */
    @Override
    public Optional<AnswersVersion> version(ReadOptions options) {
        if (options.isStaleAllowed()) {
            return Optional.empty();
        }
        Optional<PartitionPlacement> placement = directory.placement();
        if (placement.isEmpty() || !placement.get().allActiveOnSelf()) {
            return Optional.empty();
        }
        return local.activeVersion().map(stores -> new AnswersVersion(placement.get(), stores));
    }

    /**
     * Assigns each pending partition to the next instance worth asking: the active owner, then,
     * when stale reads are allowed, the standbys; never an instance already asked for it.
     */
    private static <P> Map<HostInfo, Set<Integer>> plan(PartitionPlacement placement, Set<Integer> pending,
                                                        Map<Integer, Set<HostInfo>> asked, ReadOptions options,
                                                        Map<Integer, QueryResult.Failure<P>> failures) {
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
                failures.put(partition, new QueryResult.Failure<>(FailureReason.NOT_PRESENT,
                        "No instance holds partition " + partition + " right now"));
            }
        }
        return plan;
    }

    // The partial answers of one round: of the partitions read one by one (each answered or failed),
    // and of this instance's own partitions when they could be read together.
    private record Dispatched<P>(Map<Integer, QueryResult<P>> each, Optional<P> together) {
    }

    private <P extends Mergeable<P>> Dispatched<P> dispatch(HostInfo self, Map<HostInfo, Set<Integer>> plan,
                                                            Question<P, ?> question, ReadOptions options) {
        List<CompletableFuture<Map<Integer, QueryResult<P>>>> remote = new ArrayList<>();
        plan.forEach((host, partitions) -> {
            if (!host.equals(self)) {
                remote.add(peers.read(host, question, partitions, options)
                        .thenApply(answers -> asked(answers, partitions))
                        .exceptionally(e -> unreachable(partitions, host + ": " + e.getMessage())));
            }
        });
        Map<Integer, QueryResult<P>> results = new HashMap<>();
        // The local partitions are read while the peers work on theirs.
        Set<Integer> mine = plan.get(self);
        Optional<P> together = mine == null ? Optional.empty() : local.readTogether(question, mine, options);
        if (mine != null && together.isEmpty()) {
            results.putAll(local.read(question, mine, options));
        }
        remote.forEach(future -> results.putAll(future.join()));
        return new Dispatched<>(results, together);
    }

    /** Only the partitions {@code partitions} asked for: an instance answering for others is not believed. */
    private static <P> Map<Integer, QueryResult<P>> asked(Map<Integer, QueryResult<P>> answers, Set<Integer> partitions) {
        Map<Integer, QueryResult<P>> kept = new HashMap<>(answers);
        kept.keySet().retainAll(partitions);
        return kept;
    }

    private static <P> Map<Integer, QueryResult<P>> unreachable(Set<Integer> partitions, String message) {
        Map<Integer, QueryResult<P>> results = new TreeMap<>();
        partitions.forEach(p -> results.put(p, QueryResult.failure(FailureReason.UNREACHABLE, message)));
        return results;
    }

    private static <P> QueryResult<P> unavailable(Set<Integer> pending, Map<Integer, QueryResult.Failure<P>> failures) {
        Set<FailureReason> seen = pending.stream()
                .map(p -> failures.containsKey(p) ? failures.get(p).reason() : FailureReason.NOT_PRESENT)
                .collect(Collectors.toSet());
        FailureReason reason;
        if (seen.contains(FailureReason.UNREACHABLE) || seen.contains(FailureReason.PEER_UNAVAILABLE)) {
            reason = FailureReason.PEER_UNAVAILABLE;
        } else if (seen.stream().anyMatch(r -> r.isMoved() || r == FailureReason.REBALANCING)) {
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
