package org.medpulse.streams.query.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.query.CellSums;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.PartitionUnavailableException;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.state.Aggregate;
import org.medpulse.streams.state.CellKeyed;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.OrderedKey;

/**
 * One partition's stores on this instance, read with IQv2 range queries (through the
 * {@link StoreScanner}, which many questions share). A failed scan ends the question's read of
 * this partition.
 */
final class StorePartition implements PartitionStores {

    // What a range's sums are remembered under: the grouping, compared by identity.
    private record SumsBy(Object group) {
    }

    private final StoreScanner scanner;
    private final int partition;
    private final boolean requireActive;

    StorePartition(StoreScanner scanner, int partition, ReadOptions options) {
        this.scanner = scanner;
        this.partition = partition;
        this.requireActive = !options.isStaleAllowed();
    }

    @Override
    public <K extends OrderedKey & CellKeyed, V extends Mergeable<V>, G> CellSums<G, V> sums(Aggregate<K, V> store,
                                                                                             KeyRange<K> range,
                                                                                             Function<? super K, ? extends G> group) {
        Optional<CellSums<G, V>> remembered = scanner.derive(store.name(), partition, range, new SumsBy(group),
                (List<KeyValue<K, V>> entries) -> CellSums.of(entries, group), requireActive);
        return remembered.orElseGet(() -> PartitionStores.super.sums(store, range, group));
    }

    @Override
    public <K extends OrderedKey, V extends Mergeable<V>> List<KeyValue<K, V>> scan(Aggregate<K, V> store, KeyRange<K> range) {
        QueryResult<List<KeyValue<K, V>>> entries = scanner.scan(store.name(), partition, range, requireActive);
        if (entries instanceof QueryResult.Failure<List<KeyValue<K, V>>> failure) {
            throw new PartitionUnavailableException(failure.reason(), failure.message());
        }
        return entries.value();
    }
}
