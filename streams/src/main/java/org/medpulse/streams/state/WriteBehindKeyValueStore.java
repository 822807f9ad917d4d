package org.medpulse.streams.state;

import java.util.ArrayList;
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
 * flushed, as Kafka Streams' own range queries do past its record cache. The values written are
 * also kept after a flush (up to a limit), so that the hot keys are never read back through the
 * store layers.
 */
public final class WriteBehindKeyValueStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {

    // Marks a deleted key (a concurrent map holds no nulls).
    private static final Object DELETED = new Object();

    /**
     * A written key's value and whether it changed since the last flush, in one object: an
     * aggregate update (a get, then a put of the same key) then costs one hash lookup rather than a
     * lookup, a concurrent insert and a dirty-set insert. The value is read by interactive key
     * queries on other threads; the rest is the stream thread's.
     */
    private static final class Entry<K> {
        final K key;
        volatile Object value;
        boolean dirty;

        Entry(K key) {
            this.key = key;
        }
    }

    private final int retainLimit;
    // The values this task wrote since the store was initialised, flushed or not: hot keys are read
    // from here rather than through the store layers. Written by the stream thread only, concurrent
    // so that interactive key queries may read it.
    private final Map<K, Entry<K>> written = new ConcurrentHashMap<>();
    // The entries written since the last flush, in the order they were first written.
    private final List<Entry<K>> dirty = new ArrayList<>();
    // The writing (stream) thread, and the entry its last get found: the put that follows for the
    // same key object (SurveyAggregates' get, then put) needs no second lookup. Only the writer sets
    // it, and it is forgotten whenever an entry leaves written, so it is always an entry of written.
    private Thread writer;
    private Entry<K> lastRead;
    // The task's other write-behind stores, written through with this one.
    private TaskAggregates task;
    // The instance's decoded views for the read side (null: none kept), this store's, and its partition.
    private AggregateViews views;
    private AggregateViews.View<K, V> view;
    private int partition;

    /** @param retainLimit written values kept after a flush, beyond which all are dropped (then read from the store again) */
    public WriteBehindKeyValueStore(KeyValueStore<K, V> store, int retainLimit) {
        super(store);
        this.retainLimit = retainLimit;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        forget();
        if (task != null) {
            task.leave(this);
        }
        super.init(context, root);
        task = TaskAggregates.join(context, this);
        views = AggregateViews.from(context.appConfigs());
        partition = context.taskId().partition();
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Entry<K> entry = written.get(key);
        if (entry == null) {
            return wrapped().get(key);
        }
        if (Thread.currentThread() == writer) {
            lastRead = entry;
        }
        Object value = entry.value;
        return value == DELETED ? null : (V) value;
    }

    @Override
    public void put(K key, V value) {
        writer = Thread.currentThread();
        Entry<K> entry = lastRead;
        if (entry == null || entry.key != key) {
            entry = written.get(key);
            if (entry == null) {
                entry = new Entry<>(key);
                written.put(key, entry);
            }
        }
        entry.value = value == null ? DELETED : value;
        if (!entry.dirty) {
            entry.dirty = true;
            dirty.add(entry);
        }
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
        put(key, null);
        return existing;
    }

    /**
     * Writes the changes since the last flush through the store (with those of the task's other
     * write-behind stores, so that readers see the commit whole), then lets the layers beneath flush
     * theirs.
     */
    @Override
    public void flushCache() {
        if (task != null) {
            task.writeThrough();
        } else {
            writePending();
        }
        super.flushCache();
    }

    boolean hasPendingWrites() {
        return !dirty.isEmpty();
    }

    /** Writes the changes since the last flush through the store beneath; the stream thread's only. */
    @SuppressWarnings("unchecked")
    void writePending() {
        if (dirty.isEmpty()) {
            return;
        }
        lastRead = null;
        List<KeyValue<K, V>> puts = new ArrayList<>(dirty.size());
        List<K> deletes = new ArrayList<>();
        for (Entry<K> entry : dirty) {
            entry.dirty = false;
            Object value = entry.value;
            if (value == DELETED) {
                wrapped().delete(entry.key);
                deletes.add(entry.key);
                written.remove(entry.key, entry);
            } else {
                puts.add(KeyValue.pair(entry.key, (V) value));
            }
        }
        wrapped().putAll(puts);
        updateView(puts, deletes);
        dirty.clear();
        if (written.size() > retainLimit) {
            written.clear();
        }
    }

    // The read side's view gets this commit's writes too; one it may no longer trust is loaded again
    // from the store beneath, which by now holds everything (restored and written).
    private void updateView(List<KeyValue<K, V>> puts, List<K> deletes) {
        if (views == null) {
            return;
        }
        AggregateViews.View<K, V> current = views.current(view);
        if (current == null) {
            view = views.start(name(), partition);
            try (KeyValueIterator<K, V> all = wrapped().all()) {
                all.forEachRemaining(entry -> view.put(entry.key, entry.value));
            }
            view.commit();
            views.publish(view);
            return;
        }
        deletes.forEach(current::delete);
        puts.forEach(entry -> current.put(entry.key, entry.value));
        current.commit();
    }

    @Override
    public void clearCache() {
        forget();
        super.clearCache();
    }

    @Override
    public void close() {
        forget();
        if (task != null) {
            task.leave(this);
            task = null;
        }
        super.close();
    }

    // Unflushed writes belong to input that will be processed again; the view may describe a store
    // about to be restored or closed.
    private void forget() {
        lastRead = null;
        written.clear();
        dirty.clear();
        if (views != null) {
            views.withdraw(view);
        }
        view = null;
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
