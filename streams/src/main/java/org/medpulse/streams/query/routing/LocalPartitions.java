package org.medpulse.streams.query.routing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.PartitionUnavailableException;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.state.Mergeable;

/**
 * This instance's copies of the aggregate stores, partition by partition. Each partition holds the
 * partial aggregates of its own respondents, so a complete answer is the merge of every
 * partition's. Never throws for an unavailable partition: its result is a failure.
 */
public interface LocalPartitions {

    /** This instance's copy of {@code partition}'s stores, as {@code options} allow reading it. */
    PartitionStores partition(int partition, ReadOptions options);

    /** {@code question}'s partial answer from each of {@code partitions}. */
    default <P extends Mergeable<P>> Map<Integer, QueryResult<P>> read(Question<P, ?> question, Set<Integer> partitions,
                                                                       ReadOptions options) {
        Map<Integer, QueryResult<P>> results = new TreeMap<>();
        for (int partition : partitions) {
            results.put(partition, readOne(question, partition(partition, options)));
        }
        return results;
    }

    /**
     * {@code question}'s partial answer from all of {@code partitions} at once, merged, when this
     * instance can read them together now (see {@link org.medpulse.streams.query.MergedStores});
     * empty otherwise, and then they are {@link #read} one by one, each answering or failing on its own.
     */
    default <P extends Mergeable<P>> Optional<P> readTogether(Question<P, ?> question, Set<Integer> partitions,
                                                              ReadOptions options) {
        return Optional.empty();
    }

    /**
     * The version of what {@link #readTogether} reads of this instance's active partitions now,
     * opaque and compared by {@code equals}: equal versions, equal reads. Empty when it cannot be
     * known (the stores are starting, restoring or moving).
     */
    default Optional<Object> activeVersion() {
        return Optional.empty();
    }

    /** One partition's partial answer, or why its stores could not be read. */
    static <P extends Mergeable<P>> QueryResult<P> readOne(Question<P, ?> question, PartitionStores stores) {
        try {
            return QueryResult.success(question.read(stores));
        } catch (PartitionUnavailableException e) {
            return QueryResult.failure(e.reason(), e.getMessage());
        }
    }
}
