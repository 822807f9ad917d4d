package org.medpulse.streams.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.state.Aggregate;
import org.medpulse.streams.state.CellKeyed;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.OrderedKey;

/**
 * Several partitions' stores read as one: a scan returns each key once, in key order, with the
 * values the partitions hold for it merged, and sums are the partitions' sums merged. Partitions
 * hold disjoint respondents, so a {@link Question} reads these stores to the same partial answer
 * as the {@link Mergeable#plus merge} of its reads of each partition (every question only scans
 * and sums, and what it makes of them adds up); the instance that holds several partitions then
 * reads, merges and answers once per question rather than once per partition.
 */
public final class MergedStores implements PartitionStores {

    private final List<? extends PartitionStores> partitions;

    private MergedStores(List<? extends PartitionStores> partitions) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("no partition to read");
        }
        this.partitions = List.copyOf(partitions);
    }

    /** The stores of {@code partitions}, read as one. */
    public static PartitionStores of(List<? extends PartitionStores> partitions) {
        return new MergedStores(Objects.requireNonNull(partitions, "partitions"));
    }

    @Override
    public <K extends OrderedKey, V extends Mergeable<V>> List<KeyValue<K, V>> scan(Aggregate<K, V> store, KeyRange<K> range) {
        List<KeyValue<K, V>> merged = null;
        for (PartitionStores partition : partitions) {
            List<KeyValue<K, V>> entries = partition.scan(store, range);
            merged = merged == null ? entries : merge(merged, entries);
        }
        return merged;
    }

    @Override
    public <K extends OrderedKey & CellKeyed, V extends Mergeable<V>, G> CellSums<G, V> sums(Aggregate<K, V> store,
                                                                                             KeyRange<K> range,
                                                                                             Function<? super K, ? extends G> group) {
        List<CellSums<G, V>> sums = new ArrayList<>(partitions.size());
        for (PartitionStores partition : partitions) {
            sums.add(partition.sums(store, range, group));
        }
        return CellSums.merged(sums);
    }

    /** Two scans in key order as one, in key order, the values of a key both hold merged. */
    public static <K extends OrderedKey, V extends Mergeable<V>> List<KeyValue<K, V>> merge(List<KeyValue<K, V>> one,
                                                                                          List<KeyValue<K, V>> other) {
        if (other.isEmpty()) {
            return one;
        }
        if (one.isEmpty()) {
            return other;
        }
        List<KeyValue<K, V>> merged = new ArrayList<>(one.size() + other.size());
        int i = 0;
        int j = 0;
        while (i < one.size() && j < other.size()) {
            KeyValue<K, V> a = one.get(i);
            KeyValue<K, V> b = other.get(j);
            int order = a.key.compareTo(b.key);
            if (order < 0) {
                merged.add(a);
                i++;
            } else if (order > 0) {
                merged.add(b);
                j++;
            } else {
                merged.add(KeyValue.pair(a.key, a.value.plus(b.value)));
                i++;
                j++;
            }
        }
        merged.addAll(one.subList(i, one.size()));
        merged.addAll(other.subList(j, other.size()));
        return merged;
    }
}
