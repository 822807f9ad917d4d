package org.medpulse.streams.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.state.Cell;
import org.medpulse.streams.state.CellKeyed;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.OrderedKey;

/**
 * The sums of a range of aggregate entries under every {@link SurveyFilter} that keeps any of them,
 * per group of keys (a tool, say; or one group for the whole range), computed in one pass. A
 * dashboard asks the same range of a wave under up to 120 filters (each partner, practice type and
 * setting, each also left open), and with a live trickle the range changes at every commit:
 * scanning it once per filter read every entry of the range for every request, while one pass
 * over it answers all filters until the next commit. Each entry is summed into its cell first, and
 * each cell into the eight filters that keep it (its partner or any, its practice type or any, its
 * setting or any); a filter's sum is then one lookup, exactly the sum of the entries it
 * {@link SurveyFilter#matches matches}, since filters are equal exactly when they keep the same
 * cells (partners compared folded). Immutable (the sums of {@link #merged} ranges are merged once asked for).
 *
 * @param <G> what the keys are grouped by
 * @param <V> the values summed
 */
public final class CellSums<G, V extends Mergeable<V>> {

    private static final Object WHOLE_RANGE = new Object();
    private static final Function<Object, Object> UNGROUPED = key -> WHOLE_RANGE;

    /** The most filters a merged range keeps the sums of (see {@link #merged}). */
    static final int MAX_MERGED_FILTERS = 1_024;

    private final Map<SurveyFilter, Map<G, V>> byFilter;
    // The ranges whose sums these are, merged filter by filter as asked; null when byFilter holds every filter.
    private final List<CellSums<G, V>> parts;

    private CellSums(Map<SurveyFilter, Map<G, V>> byFilter, List<CellSums<G, V>> parts) {
        this.byFilter = byFilter;
        this.parts = parts;
    }

    /** The grouping that puts the whole range in one group. */
    @SuppressWarnings("unchecked")
    public static <K> Function<K, Object> ungrouped() {
        return (Function<K, Object>) UNGROUPED;
    }

    /** The sums of {@code entries} under every filter, per {@code group} of their keys. */
    public static <K extends OrderedKey & CellKeyed, V extends Mergeable<V>, G> CellSums<G, V> of(
            List<? extends KeyValue<K, V>> entries, Function<? super K, ? extends G> group) {
        Objects.requireNonNull(group, "group");
        // Per group and cell first: a range repeats each cell (once a day, once a tool).
        Map<G, Map<Cell, V>> cells = new HashMap<>();
        for (KeyValue<K, V> entry : entries) {
            cells.computeIfAbsent(group.apply(entry.key), g -> new HashMap<>()).merge(entry.key.cell(), entry.value, Mergeable::plus);
        }
        // Then each filter a slot, and each cell the slots of the eight filters that keep it: a cell's
        // sum goes to its filters by index, without hashing a filter per cell and group.
        Map<SurveyFilter, Integer> slots = new HashMap<>();
        Map<Cell, int[]> keeping = new HashMap<>();
        for (Map<Cell, V> sums : cells.values()) {
            for (Cell cell : sums.keySet()) {
                keeping.computeIfAbsent(cell, c -> slotsKeeping(c, slots));
            }
        }
        List<Map<G, V>> bySlot = new ArrayList<>(slots.size());
        for (int slot = 0; slot < slots.size(); slot++) {
            bySlot.add(new HashMap<>());
        }
        cells.forEach((g, sums) -> {
            List<V> total = new ArrayList<>(Collections.nCopies(slots.size(), null));
            sums.forEach((cell, value) -> {
                for (int slot : keeping.get(cell)) {
                    V sum = total.get(slot);
                    total.set(slot, sum == null ? value : sum.plus(value));
                }
            });
            for (int slot = 0; slot < total.size(); slot++) {
                if (total.get(slot) != null) {
                    bySlot.get(slot).put(g, total.get(slot));
                }
            }
        });
        Map<SurveyFilter, Map<G, V>> byFilter = new HashMap<>();
        slots.forEach((filter, slot) -> byFilter.put(filter, Collections.unmodifiableMap(bySlot.get(slot))));
        return new CellSums<>(byFilter, null);
    }

    // The slots of every filter that keeps the cell, numbering filters not seen before.
    private static int[] slotsKeeping(Cell cell, Map<SurveyFilter, Integer> slots) {
        SurveyFilter[] filters = SurveyFilter.keeping(cell);
        int[] keeping = new int[filters.length];
        for (int i = 0; i < filters.length; i++) {
            keeping[i] = slots.computeIfAbsent(filters[i], f -> slots.size());
        }
        return keeping;
    }

    /**
     * Sums kept by someone else, per filter and group, read as they stand when asked: the maps must
     * be safe to read while they change (concurrent ones), and the reader must know when they are
     * stable (see {@code LiveSums}).
     */
    public static <G, V extends Mergeable<V>> CellSums<G, V> live(Map<SurveyFilter, Map<G, V>> byFilter) {
        return new CellSums<>(Objects.requireNonNull(byFilter, "byFilter"), null);
    }

    /**
     * The sums of several ranges' entries together, when no two hold a key in common (the same range
     * in several partitions' stores, which hold disjoint respondents). A filter's sums are merged
     * when first asked for, then kept: a commit on any partition makes a new one, and between two
     * commits the answers ask for a few of the filters, not all 120.
     */
    public static <G, V extends Mergeable<V>> CellSums<G, V> merged(List<CellSums<G, V>> parts) {
        return parts.size() == 1 ? parts.get(0) : new CellSums<>(new ConcurrentHashMap<>(), List.copyOf(parts));
    }

    /** The sums per group of the entries {@code filter} keeps; groups with none are absent. */
    public Map<G, V> sums(SurveyFilter filter) {
        if (parts == null) {
            return byFilter.getOrDefault(filter, Map.of());
        }
        Map<G, V> known = byFilter.get(filter);
        if (known != null) {
            return known;
        }
        // Filters come from requests: past MAX_MERGED_FILTERS, merged again at each request.
        return byFilter.size() >= MAX_MERGED_FILTERS ? merge(filter) : byFilter.computeIfAbsent(filter, this::merge);
    }

    private Map<G, V> merge(SurveyFilter filter) {
        Map<G, V> sum = new HashMap<>();
        for (CellSums<G, V> part : parts) {
            part.sums(filter).forEach((group, value) -> sum.merge(group, value, Mergeable::plus));
        }
        return Collections.unmodifiableMap(sum);
    }

    /** The sum of the entries {@code filter} keeps, in an {@link #ungrouped()} sum; {@code zero} when none. */
    public V sum(SurveyFilter filter, V zero) {
        V sum = sums(filter).get(WHOLE_RANGE);
        return sum == null ? zero : sum;
    }
}
