package org.medpulse.streams.topology;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's aggregate store plus a read-through copy of the values this task read or wrote. The
 * processor is the only writer of its task's stores, so the copy is never stale; reads then skip
 * the store layers (metrics, record cache, value decoding) that otherwise cost a quarter of the
 * processing. Writes still go to the store, so changelogs and exactly-once commits are unchanged.
 * Created in the processor's {@code init}, hence rebuilt whenever Kafka Streams re-initialises
 * the task (after a rebalance, a restore, or an aborted transaction).
 */
final class MirroredStore<K, V> {

    // Marks a key known to be absent from the store.
    private static final Object ABSENT = new Object();

    private final KeyValueStore<K, V> store;
    private final int limit;
    private final Map<K, Object> copy = new HashMap<>();

    MirroredStore(KeyValueStore<K, V> store, int limit) {
        this.store = store;
        this.limit = limit;
    }

    @SuppressWarnings("unchecked")
    V get(K key) {
        Object known = copy.get(key);
        if (known == null) {
            V value = store.get(key);
            remember(key, value == null ? ABSENT : value);
            return value;
        }
        return known == ABSENT ? null : (V) known;
    }

    void put(K key, V value) {
        store.put(key, value);
        remember(key, value);
    }

    void delete(K key) {
        store.delete(key);
        remember(key, ABSENT);
    }

    private void remember(K key, Object value) {
        if (copy.size() >= limit && !copy.containsKey(key)) {
            copy.clear();
        }
        copy.put(key, value);
    }
}
