package org.medpulse.streams.query.routing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Where each partition of the aggregate stores lives, as Kafka Streams metadata says right now:
 * the instance with the active copy and those with standby copies. Metadata can lag a rebalance;
 * the router verifies by asking, and retries when an instance says a partition moved.
 */
public record PartitionPlacement(HostInfo self, int partitions, Map<Integer, HostInfo> active,
                                 Map<Integer, List<HostInfo>> standbys) {

    // Every partition's set, made once per partition count: the router asks for it at each question.
    private static final Map<Integer, Set<Integer>> ALL = new ConcurrentHashMap<>();

    public PartitionPlacement {
        Objects.requireNonNull(self, "self");
        if (partitions < 1) {
            throw new IllegalArgumentException("At least one partition, got " + partitions);
        }
        active = Map.copyOf(active);
        standbys = Map.copyOf(standbys);
    }

    public Optional<HostInfo> activeHost(int partition) {
        return Optional.ofNullable(active.get(partition));
    }

    public List<HostInfo> standbyHosts(int partition) {
        return standbys.getOrDefault(partition, List.of());
    }

    /** Whether this instance holds the active copy of every partition. */
    public boolean allActiveOnSelf() {
        for (int partition = 0; partition < partitions; partition++) {
            if (!self.equals(active.get(partition))) {
                return false;
            }
        }
        return true;
    }

    /** Every partition, {@code 0} to {@code partitions - 1}. */
    public Set<Integer> allPartitions() {
        return ALL.computeIfAbsent(partitions, n -> IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableSet()));
    }
}
