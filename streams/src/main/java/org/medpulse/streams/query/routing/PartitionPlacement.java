package org.medpulse.streams.query.routing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Where each partition of the aggregate stores lives, as Kafka Streams metadata says right now:
 * the instance with the active copy and those with standby copies. Metadata can lag a rebalance;
 * the router verifies by asking, and retries when an instance says a partition moved.
 */
public record PartitionPlacement(HostInfo self, int partitions, Map<Integer, HostInfo> active,
                                 Map<Integer, List<HostInfo>> standbys) {

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
}
