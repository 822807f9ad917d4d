package org.medpulse.streams.query.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.query.CellSums;
import org.medpulse.streams.query.MergedStores;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.PartitionUnavailableException;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.state.Aggregate;
import org.medpulse.streams.state.CellKeyed;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.OrderedKey;

/**
 * This instance's active partitions read together ({@link MergedStores}): a question is read once
 * for all of them, not once per partition, and its sums come from {@link LiveSums}, kept up to
 * date by each commit. Read partition by partition, every answer locked, looked up and merged each
 * partition's sums and built each partition's partial answer: with six partitions, about half of
 * an answer's time under load. A partition that cannot be read (moved, restoring) ends the read:
 * the question is then read partition by partition, where each answers or fails on its own. One
 * read is one consistent view of every partition ({@link ConsistentReads}).
 */
final class PartitionsTogether {

    private static final ReadOptions ACTIVE = ReadOptions.activeOnly();

    private final StoreScanner scanner;
    private final LiveSums sums;
    private volatile Together last;

    PartitionsTogether(StoreScanner scanner, LiveSums sums) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.sums = Objects.requireNonNull(sums, "sums");
    }

    /** {@code question}'s partial answer of the active copies of all {@code partitions}, merged; empty when one cannot be read. */
    <P extends Mergeable<P>> Optional<P> read(Question<P, ?> question, Set<Integer> partitions) {
        Together together = together(partitions);
        QueryResult<P> read = ConsistentReads.read(() -> {
            try {
                return QueryResult.success(question.read(together));
            } catch (PartitionUnavailableException e) {
                return QueryResult.failure(e.reason(), e.getMessage());
            }
        }, together.description);
        return read instanceof QueryResult.Success<P> success ? Optional.of(success.result()) : Optional.empty();
    }

    // The stores of the partitions read last, made again only when the set changes (an assignment
    // moved): they keep no state of a read, and making them at each question was 3% of its time.
    private Together together(Set<Integer> partitions) {
        Together known = last;
        if (known != null && known.partitions.equals(partitions)) {
            return known;
        }
        Together made = new Together(Set.copyOf(partitions));
        last = made;
        return made;
    }

    // The partitions' stores merged; sums over all of them kept up to date.
    private final class Together implements PartitionStores {

        private final Set<Integer> partitions;
        private final PartitionStores merged;
        private final String description;

        Together(Set<Integer> partitions) {
            this.partitions = partitions;
            this.merged = MergedStores.of(partitions.stream().sorted().map(p -> new StorePartition(scanner, p, ACTIVE)).toList());
            this.description = "Partitions " + partitions;
        }

        @Override
        public <K extends OrderedKey, V extends Mergeable<V>> List<KeyValue<K, V>> scan(Aggregate<K, V> store,
                                                                                       KeyRange<K> range) {
            Optional<List<KeyValue<K, V>>> live = sums.scan(store, range, partitions);
            return live.isPresent() ? live.get() : merged.scan(store, range);
        }

        @Override
        public <K extends OrderedKey & CellKeyed, V extends Mergeable<V>, G> CellSums<G, V> sums(
                Aggregate<K, V> store, KeyRange<K> range, Function<? super K, ? extends G> group) {
            Optional<CellSums<G, V>> live = sums.<K, V, G>sums(store, range, group, partitions);
            return live.isPresent() ? live.get() : merged.sums(store, range, group);
        }
    }
}
