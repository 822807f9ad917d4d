package org.medpulse.streams.query.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.query.CellSums;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.state.Aggregate;
import org.medpulse.streams.state.AggregateViews;
import org.medpulse.streams.state.AggregateVisibility;
import org.medpulse.streams.state.CellKeyed;
import org.medpulse.streams.state.Counts;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.OrderedKey;

/**
 * Sums of a range over all of an instance's active partitions under every filter, kept up to date
 * by each commit's own writes ({@link AggregateViews.Listener}) instead of being derived again per
 * partition after every commit and merged per request. With a live trickle every wave of every
 * partition changes at each commit, so sums derived per commit lived one commit, and each answer
 * still read, looked up and merged six partitions' (about half of an answer's time); a commit of a
 * trickle writes a few keys, and each key changes the sums of the eight filters that keep its cell
 * ({@link SurveyFilter#keeping}) by its value after less its value before.
 *
 * <p>A range's sums are made from the partitions' views the first time they are asked for, and
 * kept only if no commit began meanwhile ({@link AggregateVisibility}): from then on every commit
 * that writes one of those partitions applies its writes under the same lock. Any other change of
 * the views (one loaded, dropped, or no longer trusted: restoration, standbys, rebalances) drops
 * every range: they are made again from the views as they are asked for. Values subtract exactly
 * ({@link Counts}: counts and key sums are integers), and a key whose counts fall to nothing is
 * deleted from its store, so a group is absent here exactly when {@link CellSums#of} leaves it
 * out. Readers read the sums within a {@link ConsistentReads consistent read}: one that a commit
 * overlapped is read again. At most {@link #MAX_RANGES} ranges are kept. Thread-safe.
 *
 * <p>Small scans are kept the same way ({@link #scan}): each key's value per partition, and the
 * merged entries made again by each commit that writes the range. Every question about a wave
 * asks whether any partition has it, and the tool trends list the waves: six scans of the waves
 * store per answer otherwise. Ranges of more than {@link #MAX_SCANNED} entries are not kept (a
 * commit would copy them whole).
 */
final class LiveSums implements AggregateViews.Listener {

    /** The most ranges kept up to date (each range's sums are at most eight per entry of the range). */
    static final int MAX_RANGES = 1_024;
    /** The most entries of a scan kept up to date. */
    static final int MAX_SCANNED = 64;

    // What a range's scan is kept under, in place of a grouping.
    private static final Object SCAN = new Object();

    // A range's sums: its store, range, grouping (compared by identity) and of which partitions.
    private record Read(String store, KeyRange<?> range, Object group, Set<Integer> partitions) {
    }

    // One range's sums, per filter then group; the maps are concurrent: readers read them as commits change them.
    private static final class Live<K, G, V extends Mergeable<V>> {

        private final Read read;
        private final Function<? super K, ? extends G> group;
        private final Map<SurveyFilter, Map<G, V>> byFilter = new ConcurrentHashMap<>();
        private final Map<SurveyFilter, Map<G, V>> readOnly = new ConcurrentHashMap<>();
        private final CellSums<G, V> sums = CellSums.live(Collections.unmodifiableMap(readOnly));

        Live(Read read, Function<? super K, ? extends G> group) {
            this.read = read;
            this.group = group;
        }

        @SuppressWarnings("unchecked")
        void apply(K key, V before, V after) {
            G g = group.apply(key);
            for (SurveyFilter filter : SurveyFilter.keeping(((CellKeyed) key).cell())) {
                Map<G, V> groups = byFilter.get(filter);
                if (groups == null) {
                    groups = new ConcurrentHashMap<>();
                    byFilter.put(filter, groups);
                    readOnly.put(filter, Collections.unmodifiableMap(groups));
                }
                V sum = groups.get(g);
                if (before != null) {
                    sum = (V) ((Counts) sum).minus((Counts) before);
                }
                if (after != null) {
                    sum = sum == null ? after : sum.plus(after);
                }
                if (sum == null || ((Counts<?>) sum).isEmpty()) {
                    groups.remove(g);
                } else {
                    groups.put(g, sum);
                }
            }
        }
    }

    // One small range's entries over several partitions: each key's value per partition (in the
    // order of the sorted partitions), and the entries merged; written under the lock.
    private static final class LiveScan<K extends OrderedKey, V extends Mergeable<V>> {

        private final Read read;
        private final List<Integer> partitions;
        private final NavigableMap<K, Object[]> parts = new TreeMap<>();
        private volatile List<KeyValue<K, V>> entries = List.of();

        LiveScan(Read read) {
            this.read = read;
            this.partitions = read.partitions().stream().sorted().toList();
        }

        void put(int partition, K key, V value) {
            Object[] values = parts.computeIfAbsent(key, k -> new Object[partitions.size()]);
            values[partitions.indexOf(partition)] = value;
            if (Arrays.stream(values).allMatch(Objects::isNull)) {
                parts.remove(key);
            }
        }

        @SuppressWarnings("unchecked")
        void publish() {
            List<KeyValue<K, V>> merged = new ArrayList<>(parts.size());
            parts.forEach((key, values) -> {
                V sum = null;
                for (Object value : values) {
                    if (value != null) {
                        sum = sum == null ? (V) value : sum.plus((V) value);
                    }
                }
                merged.add(KeyValue.pair(key, sum));
            });
            entries = Collections.unmodifiableList(merged);
        }
    }

    private final AggregateViews views;
    // Held while a commit's writes are applied and while a new range is kept: see the class comment.
    private final Object lock = new Object();
    private final Map<Read, Live<?, ?, ?>> ranges = new ConcurrentHashMap<>();
    private final Map<Read, LiveScan<?, ?>> scans = new ConcurrentHashMap<>();
    // Scans found too large to keep, not tried again until the next reset.
    private final Set<Read> tooLarge = ConcurrentHashMap.newKeySet();
    // How many times every range was dropped; guarded by lock.
    private long resets;

    LiveSums(AggregateViews views) {
        this.views = Objects.requireNonNull(views, "views");
    }

    /**
     * The sums of {@code range} in {@code store} over {@code partitions} under every filter, per
     * {@code group} of keys, as the partitions' last commits left them; empty when a partition has
     * no view to read or its values do not subtract (then merge the partitions' own sums). To be read within a
     * {@link ConsistentReads consistent read}.
     */
    @SuppressWarnings("unchecked")
    <K extends OrderedKey & CellKeyed, V extends Mergeable<V>, G> Optional<CellSums<G, V>> sums(
            Aggregate<K, V> aggregate, KeyRange<K> range, Function<? super K, ? extends G> group, Set<Integer> partitions) {
        String store = aggregate.name();
        Read read = new Read(store, range, group, partitions);
        Live<K, G, V> known = (Live<K, G, V>) ranges.get(read);
        if (known != null) {
            return Optional.of(known.sums);
        }
        return keepIfStill(ranges, read, () -> {
            Live<K, G, V> made = new Live<>(read, group);
            for (int partition : partitions) {
                Optional<List<KeyValue<K, V>>> entries = viewOf(store, partition, range);
                if (entries.isEmpty()) {
                    return Optional.empty();
                }
                for (KeyValue<K, V> entry : entries.get()) {
                    if (!(entry.value instanceof Counts<?>)) {
                        return Optional.empty();
                    }
                    made.apply(entry.key, null, entry.value);
                }
            }
            return Optional.of(made);
        }).map(live -> live.sums);
    }

    /**
     * The entries of {@code range} in {@code store} over {@code partitions}, each key once with the
     * partitions' values merged, in key order, as their last commits left them; empty when a
     * partition has no view or the range holds more than {@link #MAX_SCANNED} entries (then merge
     * the partitions' own scans). To be read within a {@link ConsistentReads consistent read}.
     */
    @SuppressWarnings("unchecked")
    <K extends OrderedKey, V extends Mergeable<V>> Optional<List<KeyValue<K, V>>> scan(Aggregate<K, V> aggregate,
                                                                                     KeyRange<K> range,
                                                                                     Set<Integer> partitions) {
        String store = aggregate.name();
        Read read = new Read(store, range, SCAN, partitions);
        LiveScan<K, V> known = (LiveScan<K, V>) scans.get(read);
        if (known != null) {
            return Optional.of(known.entries);
        }
        if (tooLarge.contains(read)) {
            return Optional.empty();
        }
        return keepIfStill(scans, read, () -> {
            LiveScan<K, V> made = new LiveScan<>(read);
            for (int partition : partitions) {
                Optional<List<KeyValue<K, V>>> entries = viewOf(store, partition, range);
                if (entries.isEmpty()) {
                    return Optional.empty();
                }
                entries.get().forEach(entry -> made.put(partition, entry.key, entry.value));
                if (made.parts.size() > MAX_SCANNED) {
                    if (tooLarge.size() < MAX_RANGES) {
                        tooLarge.add(read);
                    }
                    return Optional.empty();
                }
            }
            made.publish();
            return Optional.of(made);
        }).map(scan -> scan.entries);
    }

    // What the partition's last commit left in the range, from its view; empty when it has none to trust.
    private <K extends OrderedKey, V> Optional<List<KeyValue<K, V>>> viewOf(String store, int partition, KeyRange<K> range) {
        return AggregateVisibility.reading(partition, () -> views.<K, V>scan(store, partition, range));
    }

    /**
     * What {@code make} makes from the views now, kept in {@code kept} under {@code read} only if no
     * commit began and no view changed meanwhile: every later commit then finds it. Otherwise it
     * serves this read only (which a commit overlapped, and will be read again).
     */
    @SuppressWarnings("unchecked")
    private <T> Optional<T> keepIfStill(Map<Read, ? super T> kept, Read read, Supplier<Optional<T>> make) {
        OptionalLong mark = AggregateVisibility.stable();
        long resetsBefore;
        synchronized (lock) {
            resetsBefore = resets;
        }
        Optional<T> made = make.get();
        if (made.isEmpty()) {
            return made;
        }
        synchronized (lock) {
            if (mark.isPresent() && AggregateVisibility.unchangedSince(mark.getAsLong()) && resets == resetsBefore
                    && kept.size() < MAX_RANGES) {
                Object raced = kept.putIfAbsent(read, made.get());
                return raced == null ? made : Optional.of((T) raced);
            }
        }
        return made;
    }

    /** How many ranges are kept up to date. */
    int ranges() {
        return ranges.size();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void committed(String store, int partition, List<AggregateViews.Write<?, ?>> writes) {
        synchronized (lock) {
            for (Live live : ranges.values()) {
                if (!live.read.store().equals(store) || !live.read.partitions().contains(partition)) {
                    continue;
                }
                KeyRange range = live.read.range();
                for (AggregateViews.Write<?, ?> write : writes) {
                    if (range.contains((OrderedKey) write.key())) {
                        live.apply(write.key(), (Mergeable) write.before(), (Mergeable) write.after());
                    }
                }
            }
            scans.values().removeIf(scan -> {
                if (!scan.read.store().equals(store) || !scan.read.partitions().contains(partition)) {
                    return false;
                }
                KeyRange range = scan.read.range();
                boolean written = false;
                for (AggregateViews.Write<?, ?> write : writes) {
                    if (range.contains((OrderedKey) write.key())) {
                        ((LiveScan) scan).put(partition, (OrderedKey) write.key(), (Mergeable) write.after());
                        written = true;
                    }
                }
                if (written) {
                    scan.publish();
                }
                return scan.parts.size() > MAX_SCANNED; // grown too large: merged per read again
            });
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            resets++;
            ranges.clear();
            scans.clear();
            tooLarge.clear();
        }
    }
}
