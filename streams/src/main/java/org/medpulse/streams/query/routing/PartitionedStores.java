package org.medpulse.streams.query.routing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.medpulse.streams.query.ReadOptions;

/**
 * This instance's copies of the aggregate stores, read partition by partition (IQv2 with
 * {@code withPartitions}). Each partition holds the partial aggregates of its own respondents, so a
 * complete answer is the merge of every partition's answer. Never throws for an unavailable
 * partition: it reports a {@link PartitionFailure} for it.
 */
public interface PartitionedStores {

    /** The stores of {@code partition} as this instance holds them, read with {@code options}. */
    PartitionReader partition(int partition, ReadOptions options);

    /** One result per requested partition. */
    default <T> Map<Integer, PartitionResult<T>> read(PartialQuery<T> query, Set<Integer> partitions, ReadOptions options) {
        Map<Integer, PartitionResult<T>> results = new TreeMap<>();
        for (int partition : partitions) {
            results.put(partition, query.readFrom(partition(partition, options)));
        }
        return results;
    }
}
