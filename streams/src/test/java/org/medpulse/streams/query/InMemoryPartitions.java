package org.medpulse.streams.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.streams.query.routing.LocalPartitions;
import org.medpulse.streams.query.routing.PartitionDirectory;
import org.medpulse.streams.query.routing.PartitionPlacement;
import org.medpulse.streams.state.Aggregate;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.OrderedKey;

/**
 * One instance's copies of some partitions of a panel of latest answers, each an
 * {@link InMemoryStores}: answers are spread over partitions by their position in the panel. A
 * partition can be made to fail as Kafka Streams would (moved away, restoring), the whole
 * instance made unavailable (starting, rebalancing) with or without a standby copy for stale
 * reads, or broken like a reader with a defect.
 */
public final class InMemoryPartitions implements LocalPartitions {

    /** The partition an answer lives in: answers are spread by their position in the panel. */
    public static int partitionOf(int index, int partitions) {
        return index % partitions;
    }

    private final int partitions;
    private final Set<Integer> active = ConcurrentHashMap.newKeySet();
    private final Set<Integer> standby = ConcurrentHashMap.newKeySet();
    private final Map<Integer, FailureReason> failing = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile List<Answer> answers = List.of();
    private volatile List<InMemoryStores> stores;
    private volatile FailureReason unavailable;
    private volatile boolean standbyAvailable = true;
    private volatile RuntimeException bug;
    private volatile boolean together;
    private final AtomicInteger togetherReads = new AtomicInteger();
    private volatile Supplier<Optional<Object>> activeVersion = Optional::empty;

    private InMemoryPartitions(int partitions, Set<Integer> active, Set<Integer> standby) {
        this.partitions = partitions;
        this.active.addAll(active);
        this.standby.addAll(standby);
        this.stores = split(List.of());
    }

    /** This instance's partitions of {@code panel}: {@code activePartitions} active, {@code standbyPartitions} standby. */
    public static InMemoryPartitions of(List<Answer> panel, int partitions, Set<Integer> activePartitions,
                                        Set<Integer> standbyPartitions) {
        return new InMemoryPartitions(partitions, activePartitions, standbyPartitions).replaceAll(panel);
    }

    /** An instance holding every one of {@code partitions} partitions, with no answer yet. */
    public static InMemoryPartitions holdingAll(int partitions) {
        return new InMemoryPartitions(partitions, Set.copyOf(IntStream.range(0, partitions).boxed().toList()), Set.of());
    }

    /** The directory of an instance at {@code self} holding every partition. */
    public PartitionDirectory directory(HostInfo self) {
        return () -> Optional.of(new PartitionPlacement(self, partitions,
                IntStream.range(0, partitions).boxed().collect(Collectors.toMap(p -> p, p -> self)),
                Map.of()));
    }

    public int partitions() {
        return partitions;
    }

    public synchronized InMemoryPartitions add(Answer... more) {
        List<Answer> copy = new ArrayList<>(answers);
        copy.addAll(List.of(more));
        return replaceAll(copy);
    }

    public synchronized InMemoryPartitions replaceAll(List<Answer> all) {
        answers = List.copyOf(all);
        stores = split(answers);
        return this;
    }

    /** From now on, active reads fail with {@code reason}; {@code null} makes the stores available again. */
    public InMemoryPartitions unavailable(FailureReason reason, boolean standbyAvailable) {
        this.unavailable = reason;
        this.standbyAvailable = standbyAvailable;
        return this;
    }

    /** From now on, every read throws {@code bug}, as a reader with a defect would. */
    public InMemoryPartitions breakWith(RuntimeException bug) {
        this.bug = bug;
        return this;
    }

    /** From now on, {@code partition} fails with {@code failure} here; {@code null} heals it. */
    public InMemoryPartitions failing(int partition, FailureReason failure) {
        if (failure == null) {
            failing.remove(partition);
        } else {
            failing.put(partition, failure);
        }
        return this;
    }

    /** Moves {@code partition}'s active copy to {@code other}, as a rebalance does. */
    public void moveActive(int partition, InMemoryPartitions other) {
        active.remove(partition);
        other.active.add(partition);
    }

    /**
     * From now on, partitions are read together where they all can be (as an instance with views
     * of its active stores reads them), or one by one (the default).
     */
    public InMemoryPartitions readingTogether(boolean together) {
        this.together = together;
        return this;
    }

    /**
     * From now on, the version of what this instance's active partitions hold is {@code version}'s
     * (by default none, so that no answer is given again). Changing the answers does not move it:
     * the test does, as commits do.
     */
    public InMemoryPartitions versioned(Supplier<Optional<Object>> version) {
        this.activeVersion = version;
        return this;
    }

    @Override
    public Optional<Object> activeVersion() {
        return activeVersion.get();
    }

    /** How many questions were read of several partitions together. */
    public int togetherReads() {
        return togetherReads.get();
    }

    @Override
    public <P extends Mergeable<P>> Optional<P> readTogether(Question<P, ?> question, Set<Integer> partitions,
                                                             ReadOptions options) {
        if (!together || partitions.size() < 2 || options.isStaleAllowed()) {
            return Optional.empty();
        }
        List<PartitionStores> each = partitions.stream().map(partition -> partition(partition, options)).toList();
        if (each.stream().anyMatch(Failing.class::isInstance)) {
            return Optional.empty();
        }
        togetherReads.incrementAndGet();
        return Optional.of(question.read(MergedStores.of(each)));
    }

    /** How many partition reads were made. */
    public int reads() {
        return reads.get();
    }

    @Override
    public PartitionStores partition(int partition, ReadOptions options) {
        reads.incrementAndGet();
        RuntimeException defect = bug;
        if (defect != null) {
            return new Failing(defect);
        }
        FailureReason failure = failing.get(partition);
        if (failure != null) {
            return new Failing(new PartitionUnavailableException(failure, "partition " + partition + ": " + failure));
        }
        boolean stale = options.isStaleAllowed();
        FailureReason down = unavailable;
        if (down != null && !(stale && standbyAvailable)) {
            return new Failing(new PartitionUnavailableException(down, "Stores unavailable: " + down));
        }
        if (!active.contains(partition) && !(stale && standby.contains(partition)) && down == null) {
            FailureReason reason = standby.contains(partition) ? FailureReason.NOT_ACTIVE : FailureReason.NOT_PRESENT;
            return new Failing(new PartitionUnavailableException(reason, "partition " + partition + ": " + reason));
        }
        return stores.get(partition);
    }

    private List<InMemoryStores> split(List<Answer> panel) {
        List<InMemoryStores> split = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            List<Answer> mine = new ArrayList<>();
            for (int i = 0; i < panel.size(); i++) {
                if (partitionOf(i, partitions) == p) {
                    mine.add(panel.get(i));
                }
            }
            split.add(InMemoryStores.of(mine));
        }
        return split;
    }

    /** Stores whose every scan throws {@code failure}. */
    private record Failing(RuntimeException failure) implements PartitionStores {
        @Override
        public <K extends OrderedKey, V extends Mergeable<V>> List<KeyValue<K, V>> scan(Aggregate<K, V> store,
                                                                                         KeyRange<K> range) {
            throw failure;
        }
    }
}
