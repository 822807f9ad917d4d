package org.medpulse.streams.topology;

import java.util.ArrayList;
import java.util.List;

import org.medpulse.streams.state.LatestKey;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;

/**
 * The respondent-waves a task's {@code responses-latest} may hold: a key never added is certainly
 * absent, so its first response needs no store lookup. Most responses are a respondent's first in
 * their wave, and in RocksJava 10 a lookup that finds nothing throws and catches a C++ exception,
 * which costs more than the lookup itself.
 *
 * <p>Never a false "absent": every key the store holds is added (at start from a scan of the store,
 * then as the task writes). A false "may hold" only costs the lookup this class saves. It grows
 * without rescanning, as a scalable Bloom filter: when a filter has taken its capacity, a new one
 * twice as large, with half the false-positive rate, takes the next keys, so that the rate over
 * all of them stays below twice {@value #FALSE_POSITIVE_RATE}. Used by one stream thread.
 */
final class KnownRespondents {

    static final double FALSE_POSITIVE_RATE = 0.01;
    static final long MIN_CAPACITY = 65_536;
    // The store's estimate of its size can be far off: a first filter beyond this is not worth the risk.
    static final long MAX_INITIAL_CAPACITY = 4_000_000;

    private final List<BloomFilter<byte[]>> filters = new ArrayList<>();
    private BloomFilter<byte[]> current;
    private long capacity;
    private double falsePositiveRate = FALSE_POSITIVE_RATE;
    private long added;

    /** @param expected keys expected soon (those already in the store, for instance) */
    KnownRespondents(long expected) {
        capacity = Math.max(MIN_CAPACITY, 2 * Math.min(MAX_INITIAL_CAPACITY / 2, Math.max(0, expected)));
        current = newFilter();
    }

    void add(LatestKey key) {
        if (added >= capacity) {
            capacity *= 2;
            falsePositiveRate /= 2;
            current = newFilter();
        }
        if (current.put(key.bytes())) {
            added++;
        }
    }

    /** False only if {@code key} was never added. */
    boolean mayHold(LatestKey key) {
        byte[] bytes = key.bytes();
        for (int i = filters.size() - 1; i >= 0; i--) {
            if (filters.get(i).mightContain(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Filters in use; each one's false-positive rate is half the previous one's. */
    int filters() {
        return filters.size();
    }

    private BloomFilter<byte[]> newFilter() {
        BloomFilter<byte[]> filter = BloomFilter.create(Funnels.byteArrayFunnel(), capacity, falsePositiveRate);
        filters.add(filter);
        added = 0;
        return filter;
    }
}
