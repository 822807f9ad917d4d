package org.medpulse.streams.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;

/**
 * The aggregate stores of one application instance's active tasks as their last commit left them,
 * decoded, for the read side: what an interactive range query would return, without one. An IQv2
 * range query over an in-memory store copies the range's keys, looks each one up again, and
 * decodes every key and value, then the answer decodes each key's cell again; with a live trickle
 * the stores change at every commit, so every answer paid that for every entry it read.
 *
 * <p>A task's {@link WriteBehindKeyValueStore} keeps its view: it loads it from the store beneath
 * at its first commit with writes, then applies each commit's writes to it as it writes them
 * through, inside {@link AggregateVisibility#write}. Readers therefore read a view only within
 * {@link AggregateVisibility#reading} for its partition, where no commit writes it. A view is
 * trusted only while nothing else may have written the store beneath: restoration and standby
 * updates bypass the write-behind layer, so they {@link #invalidate(String, int) drop} the store's
 * view, and any change of the application's state (tasks may have moved, been recycled between
 * active and standby, or been revived) {@link #invalidateAll() drops} every view. A dropped view is
 * loaded again at its task's next commit with writes; until then readers ask the store.
 *
 * <p>One per application instance, handed to the stores through the Kafka Streams configuration
 * under {@value #CONFIG} (without it, stores keep no view). Thread-safe.
 */
public final class AggregateViews {

    /** The Kafka Streams setting that carries an instance's views to its stores. */
    public static final String CONFIG = "medpulse.internal.aggregate.views";

    private record Place(String store, int partition) {
    }

    /**
     * Told of every commit's writes to the views readers use, as they are made, and of every other
     * change of those views, so that what a reader keeps up to date across commits (sums over all
     * of an instance's partitions, say) follows the views exactly.
     */
    public interface Listener {

        /**
         * A commit wrote {@code writes} to {@code store} on {@code partition}: what readers now see.
         * On the task's stream thread, within {@link AggregateVisibility#write} for the partition.
         */
        void committed(String store, int partition, List<Write<?, ?>> writes);

        /** Views were loaded, dropped or may no longer be trusted: whatever followed them must start again. */
        void reset();
    }

    /**
     * One key a commit wrote: its value before (null when the key was new) and after (null when
     * deleted).
     */
    public record Write<K, V>(K key, V before, V after) {
    }

    private static final Listener NOBODY = new Listener() {
        @Override
        public void committed(String store, int partition, List<Write<?, ?>> writes) {
        }

        @Override
        public void reset() {
        }
    };

    private final AtomicLong generation = new AtomicLong();
    private final Map<Place, View<?, ?>> views = new ConcurrentHashMap<>();
    private volatile Listener listener = NOBODY;

    /** From now on {@code listener} is told of the views' commits and changes (one listener; null: none). */
    public void listen(Listener listener) {
        this.listener = listener == null ? NOBODY : listener;
        this.listener.reset();
    }

    /** The instance's views in a store's configuration, or null when it has none. */
    static AggregateViews from(Map<String, ?> configs) {
        Object views = configs.get(CONFIG);
        return views instanceof AggregateViews given ? given : null;
    }

    /** Every view is dropped: tasks may have moved. To be called on every Kafka Streams state change. */
    public void invalidateAll() {
        generation.incrementAndGet();
        listener.reset();
    }

    /** {@code store}'s view on {@code partition} is dropped: something wrote the store beneath its writer. */
    public void invalidate(String store, int partition) {
        View<?, ?> view = views.remove(new Place(store, partition));
        if (view != null) {
            view.trusted = false;
        }
        listener.reset();
    }

    /**
     * The entries of {@code range} in {@code store} on {@code partition} as the task's last commit
     * wrote them, in key order; empty when there is no view to trust (then ask the store). To be
     * called within {@link AggregateVisibility#reading} for {@code partition}.
     */
    @SuppressWarnings("unchecked")
    public <K extends OrderedKey, V> Optional<List<KeyValue<K, V>>> scan(String store, int partition, KeyRange<K> range) {
        View<K, V> view = (View<K, V>) views.get(new Place(store, partition));
        if (view == null || !trusted(view)) {
            return Optional.empty();
        }
        List<KeyValue<K, V>> entries = view.snapshot.scan(range);
        // Dropped while read: the store may have been written beneath the view.
        return trusted(view) ? Optional.of(entries) : Optional.empty();
    }

    /**
     * What {@code derive} makes of the entries of {@code range} in {@code store} on {@code partition}
     * as the task's last commit wrote them, made once per commit for each {@code range} and
     * {@code how} (a constant naming the derivation: equal ones share the result); empty when there
     * is no view to trust (then ask the store). A commit's entries never change, so what is derived
     * from them holds until the next commit writes the store: a dashboard asking one range under
     * many filters pays one pass over it per commit, not one per request. To be called within
     * {@link AggregateVisibility#reading} for {@code partition}.
     */
    @SuppressWarnings("unchecked")
    public <K extends OrderedKey, V, R> Optional<R> derive(String store, int partition, KeyRange<K> range, Object how,
                                                           Function<List<KeyValue<K, V>>, R> derive) {
        View<K, V> view = (View<K, V>) views.get(new Place(store, partition));
        if (view == null || !trusted(view)) {
            return Optional.empty();
        }
        R derived = view.snapshot.derive(range, how, derive);
        return trusted(view) ? Optional.of(derived) : Optional.empty();
    }

    private boolean trusted(View<?, ?> view) {
        return view.trusted && view.generation == generation.get();
    }

    /**
     * The view its writer keeps current, or null when it must load it again (then it calls
     * {@link #publish}). The writer's thread only, within {@link AggregateVisibility#write}.
     */
    <K, V> View<K, V> current(View<K, V> view) {
        return view != null && trusted(view) && views.get(view.place) == view ? view : null;
    }

    /** Starts a view of {@code store} on {@code partition}, to be filled then {@link #publish published}. */
    <K, V> View<K, V> start(String store, int partition) {
        return new View<>(this, new Place(store, partition), generation.get());
    }

    /** Lets readers use {@code view}; within {@link AggregateVisibility#write}, once it is filled. */
    void publish(View<?, ?> view) {
        views.put(view.place, view);
        view.published = true;
        listener.reset();
    }

    /** Drops {@code view} if it is the one readers use: its store closed or was initialised again. */
    void withdraw(View<?, ?> view) {
        if (view != null) {
            view.trusted = false;
            views.remove(view.place, view);
            listener.reset();
        }
    }

    /**
     * One store's entries on one partition, decoded. Written by the task's stream thread and read by
     * the API's threads, never at once ({@link AggregateVisibility}'s lock for the partition), which
     * also makes the writes visible to the readers. Commits come a few times a second, scans
     * thousands of times: each commit's writes go to a sorted map of their own, then are merged
     * with the last commit's sorted array into a new one that scans only bisect, and share, since it
     * never changes. Merging copies the runs between written keys whole: a commit of a live trickle
     * writes a few keys of many, and copying every entry out of one sorted map (as before) took most
     * of the stream thread's time, under the partition's lock that readers wait on.
     */
    static final class View<K, V> {

        private final AggregateViews owner;
        private final Place place;
        // Once published, its commits are told to the listener (loading it is not a commit readers see).
        private boolean published;
        // The views' generation it was loaded in: a later one means tasks may have moved since.
        private final long generation;
        private Snapshot<K, V> snapshot = new Snapshot<>(new ArrayList<>(), Map.of());
        // The puts (an entry) and deletes (null) since the last commit, by key.
        private final NavigableMap<K, KeyValue<K, V>> pending = new TreeMap<>();
        private volatile boolean trusted = true;

        private View(AggregateViews owner, Place place, long generation) {
            this.owner = owner;
            this.place = place;
            this.generation = generation;
        }

        void put(K key, V value) {
            // The key already held stays: it has decoded its components for earlier answers.
            K kept = held(key);
            pending.put(kept, KeyValue.pair(kept, value));
        }

        void delete(K key) {
            pending.put(key, null);
        }

        private K held(K key) {
            KeyValue<K, V> put = pending.get(key);
            if (put != null) {
                return put.key;
            }
            if (pending.containsKey(key)) {
                return key; // deleted since the last commit
            }
            List<KeyValue<K, V>> sorted = snapshot.entries;
            int at = Snapshot.firstNotBelow(sorted, key, false);
            return at < sorted.size() && compare(sorted.get(at).key, key) == 0 ? sorted.get(at).key : key;
        }

        /**
         * Makes the puts and deletes so far what scans see. What readers derived from ranges the
         * commit did not write stays derived: a live wave changes at every commit, the waves before
         * it (and the days before today) do not.
         */
        void commit() {
            if (pending.isEmpty()) {
                return; // the same entries: the snapshot, and what was derived from it, stay
            }
            Listener listener = published ? owner.listener : NOBODY;
            List<Write<?, ?>> writes = listener == NOBODY ? null : new ArrayList<>(pending.size());
            ArrayList<KeyValue<K, V>> last = snapshot.entries;
            ArrayList<KeyValue<K, V>> merged = new ArrayList<>(last.size() + pending.size());
            int from = 0;
            for (Map.Entry<K, KeyValue<K, V>> write : pending.entrySet()) {
                int at = Snapshot.firstNotBelow(last.subList(from, last.size()), write.getKey(), false) + from;
                merged.addAll(last.subList(from, at));
                V before = null;
                if (at < last.size() && compare(last.get(at).key, write.getKey()) == 0) {
                    before = last.get(at).value;
                    at++; // replaced or deleted
                }
                if (write.getValue() != null) {
                    merged.add(write.getValue());
                }
                if (writes != null) {
                    writes.add(new Write<>(write.getKey(), before, write.getValue() == null ? null : write.getValue().value));
                }
                from = at;
            }
            merged.addAll(last.subList(from, last.size()));
            snapshot = new Snapshot<>(merged, snapshot.unchangedBy(pending.navigableKeySet()));
            pending.clear();
            if (writes != null) {
                listener.committed(place.store(), place.partition(), writes);
            }
        }
    }

    // Store keys order themselves (OrderedKey), as the sorted maps and arrays of views keep them.
    @SuppressWarnings("unchecked")
    private static int compare(Object key, Object other) {
        return ((Comparable<Object>) key).compareTo(other);
    }

    /**
     * A view's entries as one commit left them, sorted, never changed, and what readers derived from
     * them. Derivations are many ranges (a wave's, some days') times few kinds, but the days a reader
     * may ask for are open-ended: past {@link #MAX_DERIVED} of them a snapshot keeps no more.
     */
    private static final class Snapshot<K, V> {

        static final int MAX_DERIVED = 1_024;

        private record Derivation(KeyRange<?> range, Object how) {
        }

        // Never changed once made; readers get it unmodifiable.
        private final ArrayList<KeyValue<K, V>> entries;
        private final List<KeyValue<K, V>> sorted;
        private final Map<Derivation, Object> derived;

        /** @param derived what was derived from ranges whose entries are the same in {@code entries} */
        Snapshot(ArrayList<KeyValue<K, V>> entries, Map<Derivation, Object> derived) {
            this.entries = entries;
            this.sorted = Collections.unmodifiableList(entries);
            this.derived = new ConcurrentHashMap<>(derived);
        }

        // What was derived from ranges none of the keys lies in: their entries are the same after
        // the change. Within AggregateVisibility.write, so no reader is deriving meanwhile. The keys are
        // sorted: a range holds one of them exactly when it holds the first not below its start.
        @SuppressWarnings("unchecked")
        Map<Derivation, Object> unchangedBy(NavigableSet<?> keys) {
            Map<Derivation, Object> unchanged = new HashMap<>();
            NavigableSet<OrderedKey> written = (NavigableSet<OrderedKey>) keys;
            derived.forEach((derivation, value) -> {
                KeyRange<OrderedKey> range = (KeyRange<OrderedKey>) derivation.range();
                OrderedKey first = written.isEmpty() ? null
                        : range.from() == null ? written.first() : written.ceiling(range.from());
                if (first == null || !range.contains(first)) {
                    unchanged.put(derivation, value);
                }
            });
            return unchanged;
        }

        @SuppressWarnings("unchecked")
        <R extends OrderedKey, D> D derive(KeyRange<R> range, Object how, Function<List<KeyValue<R, V>>, D> derive) {
            Derivation derivation = new Derivation(range, Objects.requireNonNull(how, "how"));
            Object known = derived.get(derivation);
            if (known != null) {
                return (D) known;
            }
            if (derived.size() >= MAX_DERIVED) {
                return derive.apply(scan(range));
            }
            // Concurrent readers of one derivation wait for the first rather than repeat its work.
            return (D) derived.computeIfAbsent(derivation, d -> derive.apply(scan(range)));
        }

        @SuppressWarnings("unchecked")
        <R extends OrderedKey> List<KeyValue<R, V>> scan(KeyRange<R> range) {
            List<KeyValue<R, V>> all = (List<KeyValue<R, V>>) (List<?>) sorted;
            int from = range.from() == null ? 0 : firstNotBelow(all, range.from(), false);
            int to = range.to() == null ? all.size() : firstNotBelow(all, range.to(), true);
            return from >= to ? List.of() : all.subList(from, to);
        }

        // The index of the first entry whose key is above {@code bound} (or not below it, when not {@code past}).
        static <R> int firstNotBelow(List<? extends KeyValue<R, ?>> all, R bound, boolean past) {
            int low = 0;
            int high = all.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                int order = compare(all.get(middle).key, bound);
                if (order < 0 || (past && order == 0)) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }
}
