package org.medpulse.streams.query.routing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.streams.query.ReadOptions;

/**
 * Asks another instance for its partitions' partial answers. The future completes with one result
 * per requested partition; a peer that cannot be reached yields {@link PartitionFailure#UNREACHABLE}
 * for each, never an exceptional completion.
 */
@FunctionalInterface
public interface PeerClient {

    <T> CompletableFuture<Map<Integer, PartitionResult<T>>> read(HostInfo peer, PartialQuery<T> query,
                                                                 Set<Integer> partitions, ReadOptions options);
}
