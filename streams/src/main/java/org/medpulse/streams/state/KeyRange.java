package org.medpulse.streams.state;

import org.apache.kafka.streams.query.RangeQuery;

/**
 * Inclusive bounds of a contiguous run of store keys, e.g. every cell of one wave; {@code null}
 * bounds are open ({@link #all()}). The bounds are not full keys: use them only as range bounds.
 */
public record KeyRange<K extends OrderedKey>(K from, K to) {

    private static final KeyRange<?> ALL = new KeyRange<>(null, null);

    /** Every key of a store. */
    @SuppressWarnings("unchecked")
    public static <K extends OrderedKey> KeyRange<K> all() {
        return (KeyRange<K>) ALL;
    }

    /** The IQv2 query for this range. */
    public <V> RangeQuery<K, V> toQuery() {
        if (from == null && to == null) {
            return RangeQuery.withNoBounds();
        }
        if (from == null) {
            return RangeQuery.withUpperBound(to);
        }
        return to == null ? RangeQuery.withLowerBound(from) : RangeQuery.withRange(from, to);
    }

    /** Whether {@code key} lies in the range. */
    public boolean contains(K key) {
        return (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0);
    }
}
