package org.medpulse.streams.query.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.routing.LocalPartitions;
import org.medpulse.streams.state.AggregateViews;
import org.medpulse.streams.state.AggregateVisibility;
import org.medpulse.streams.state.Mergeable;

/**
 * This instance's partitions of the survey stores: active copies from the views of what their
 * last commit wrote ({@link AggregateViews}), else through Kafka Streams' interactive
 * queries (IQv2). Active copies only, unless the read allows stale copies (standbys, restoring).
 * A question is read once for all of this instance's active partitions when it can be
 * ({@link PartitionsTogether}, from sums each commit keeps up to date), else partition by partition.
 * A question's scans of one partition are one consistent view: a read that a commit's writes
 * overlapped ({@link AggregateVisibility}) is read again, so that no answer mixes the stores of
 * two commits (a tool with more users than its cell has respondents).
 */
public final class StorePartitions implements LocalPartitions {

    private final StoreScanner scanner;
    private final PartitionsTogether together;
    private final Supplier<Optional<StoreVersion.Version>> activeVersion;

    /**
     * @param versions a partition's current version, empty while it cannot be known (no scan is remembered then)
     * @param activeVersion the version of all active partitions at once ({@link StoreVersion#allPartitions})
     * @param maxBytes about how much memory remembered scans may take
     */
    public StorePartitions(KafkaStreams streams, AggregateViews views, IntFunction<Optional<StoreVersion.Version>> versions,
                           Supplier<Optional<StoreVersion.Version>> activeVersion, long maxBytes) {
        this.activeVersion = Objects.requireNonNull(activeVersion, "activeVersion");
        this.scanner = new StoreScanner(streams::query, views, versions, maxBytes, System::nanoTime);
        LiveSums sums = new LiveSums(views);
        views.listen(sums);
        this.together = new PartitionsTogether(scanner, sums);
    }

    @Override
    public PartitionStores partition(int partition, ReadOptions options) {
        return new StorePartition(scanner, partition, options);
    }

    @Override
    public <P extends Mergeable<P>> Map<Integer, QueryResult<P>> read(Question<P, ?> question, Set<Integer> partitions,
                                                                      ReadOptions options) {
        Map<Integer, QueryResult<P>> results = new TreeMap<>();
        for (int partition : partitions) {
            results.put(partition, consistentRead(question, partition, options));
        }
        return results;
    }

    @Override
    public <P extends Mergeable<P>> Optional<P> readTogether(Question<P, ?> question, Set<Integer> partitions,
                                                             ReadOptions options) {
        // Stale reads may read standbys, which keep no view; one partition gains nothing.
        if (options.isStaleAllowed() || partitions.size() < 2) {
            return Optional.empty();
        }
        return together.read(question, partitions);
    }

    @Override
    public Optional<Object> activeVersion() {
        return activeVersion.get().map(Object.class::cast);
    }

    private <P extends Mergeable<P>> QueryResult<P> consistentRead(Question<P, ?> question, int partition, ReadOptions options) {
        return ConsistentReads.read(() -> LocalPartitions.readOne(question, partition(partition, options)),
                "Partition " + partition);
    }
}
