package org.medpulse.streams.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * An aggregate store that keeps its task's writes in memory until Kafka Streams prepares a
 * commit, then writes each changed key once through the store beneath (serialisation, changelog,
 * metrics). A response updates four or more aggregate keys, and the same few keys (a wave's cells,
 * tools and days) again and again: passing every update through the store layers cost most of the
 * processing time.
 *
 * <p>Exactly-once holds because the writes reach the changelog in the same transaction as the
 * input offsets: Kafka Streams flushes a task's store caches ({@code flushCache}) before it flushes
 * the producer and commits, and this store's pending writes are such a cache. That hook is
 * Kafka Streams' internal {@link org.apache.kafka.streams.state.internals.CachedStateStore}
 * contract, the one its own record cache uses; it is inherited from {@link WrappedStateStore}.
 * Pending writes are dropped when the store is (re)initialised or closed: a task closed without
 * committing reprocesses its input.
 *
 * <p>Key lookups see pending writes; range scans and interactive queries see what was last
 * flushed, as Kafka Streams' own range queries do past its record cache.
 */
public final class WriteBehindKeyValueStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {

    // Marks a pending delete (a concurrent map holds no nulls).
    private static final Object DELETED = new Object();

    // Written by the stream thread only; concurrent so that interactive key queries may read it.
    private final Map<K, Object> pending = new ConcurrentHashMap<>();

    public WriteBehindKeyValueStore(KeyValueStore<K, V> store) {
        super(store);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        pending.clear();
        super.init(context, root);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object written = pending.get(key);
        if (written == null) {
            return wrapped().get(key);
        }
        return written == DELETED ? null : (V) written;
    }

    @Override
    public void put(K key, V value) {
        pending.put(key, value == null ? DELETED : value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(K key) {
        V existing = get(key);
        pending.put(key, DELETED);
        return existing;
    }

    /** Writes the pending changes through the store, then lets the layers beneath flush theirs. */
    @Override
    @SuppressWarnings("unchecked")
    public void flushCache() {
        for (Map.Entry<K, Object> write : pending.entrySet()) {
            if (write.getValue() == DELETED) {
                wrapped().delete(write.getKey());
            } else {
                wrapped().put(write.getKey(), (V) write.getValue());
            }
            // Removed only once written: a concurrent key query sees the new value in one place or the other.
            pending.remove(write.getKey(), write.getValue());
        }
        super.flushCache();
    }

    @Override
    public void clearCache() {
        pending.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        pending.clear();
        super.close();
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(
            P prefix, PS prefixKeySerializer) {
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }
}
