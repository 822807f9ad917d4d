package org.medpulse.streams.state;

import java.util.Objects;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * One aggregate store, declared once with its name, key and value types and serdes: the topology
 * builds it from this, and the read side names it by this to get typed range scans.
 *
 * <p>Aggregates live in memory: their size depends on waves x cells x days x tools, not on the
 * number of respondents (a few thousand keys per wave), they are updated several times per
 * response, and their changelogs restore them in moments. The write-behind layer lets the many
 * updates an aggregate key receives between two commits reach the store and its changelog once;
 * Kafka Streams' record cache would only repeat that work beneath it.
 */
public record Aggregate<K extends OrderedKey, V extends Mergeable<V>>(String name, Serde<K> keys, Serde<V> values) {

    // Aggregate keys a task keeps in hand between commits: waves x cells (x days, x tools).
    private static final int KEYS_RETAINED = 100_000;

    public Aggregate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
    }

    /** The store as the topology adds it: in memory, changelogged, written behind. */
    public StoreBuilder<KeyValueStore<K, V>> builder() {
        return new WriteBehindStoreBuilder<>(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values).withCachingDisabled(),
                KEYS_RETAINED);
    }

    @Override
    public String toString() {
        return name;
    }
}
