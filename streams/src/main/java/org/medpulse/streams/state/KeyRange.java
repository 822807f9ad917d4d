package org.medpulse.streams.state;

import org.apache.kafka.streams.query.RangeQuery;

/**
 * Inclusive bounds of a contiguous run of store keys, e.g. every cell of one wave. The bounds are
 * not full keys: use them only as range bounds.
 */
public record KeyRange<K extends OrderedKey>(K from, K to) {

    /** The IQv2 query for this range. */
    public <V> RangeQuery<K, V> toQuery() {
        return RangeQuery.withRange(from, to);
    }

    /** Whether {@code key} lies in the range. */
    public boolean contains(K key) {
        return key.compareTo(from) >= 0 && key.compareTo(to) <= 0;
    }
}
