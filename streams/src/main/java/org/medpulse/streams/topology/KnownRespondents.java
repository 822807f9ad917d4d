package org.medpulse.streams.topology;

import java.util.ArrayList;
import java.util.List;

import org.medpulse.streams.state.LatestKey;

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
 *
 * <p>A key is hashed once per call, whatever the number of filters (each probes the same 128 bits
 * of hash): Guava's filters hashed it again for each filter, through a streaming hasher.
 */
final class KnownRespondents {

    static final double FALSE_POSITIVE_RATE = 0.01;
    static final long MIN_CAPACITY = 65_536;
    // The store's estimate of its size can be far off: a first filter beyond this is not worth the risk.
    static final long MAX_INITIAL_CAPACITY = 4_000_000;

    private final List<Filter> filters = new ArrayList<>();
    private Filter current;
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
        byte[] bytes = key.bytes();
        if (current.put(hash1(bytes), hash2(bytes))) {
            added++;
        }
    }

    /** False only if {@code key} was never added. */
    boolean mayHold(LatestKey key) {
        byte[] bytes = key.bytes();
        long h1 = hash1(bytes);
        long h2 = hash2(bytes);
        for (int i = filters.size() - 1; i >= 0; i--) {
            if (filters.get(i).mightContain(h1, h2)) {
                return true;
            }
        }
        return false;
    }

    /** Filters in use; each one's false-positive rate is half the previous one's. */
    int filters() {
        return filters.size();
    }

    private Filter newFilter() {
        Filter filter = new Filter(capacity, falsePositiveRate);
        filters.add(filter);
        added = 0;
        return filter;
    }

    // Two independent 64-bit hashes of the key (FNV-1a with different offsets, each finished by
    // MurmurHash3's mixer): the filter derives its k probes from them (Kirsch and Mitzenmacher).
    static long hash1(byte[] bytes) {
        return mix(fnv(bytes, 0xcbf29ce484222325L));
    }

    static long hash2(byte[] bytes) {
        return mix(fnv(bytes, 0x84222325cbf29ce4L)) | 1;
    }

    private static long fnv(byte[] bytes, long offset) {
        long h = offset;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h ^ bytes.length;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** A Bloom filter sized for {@code expected} keys at {@code falsePositiveRate}, probed by a pair of hashes. */
    static final class Filter {
        private final long[] words;
        private final long bits;
        private final int probes;

        Filter(long expected, double falsePositiveRate) {
            double ln2 = Math.log(2);
            long wanted = (long) Math.ceil(-expected * Math.log(falsePositiveRate) / (ln2 * ln2));
            words = new long[(int) Math.max(1, (wanted + 63) / 64)];
            bits = 64L * words.length;
            probes = Math.max(1, (int) Math.round((double) bits / expected * ln2));
        }

        /** Whether a bit changed: false when the key was (probably) there already. */
        boolean put(long h1, long h2) {
            boolean changed = false;
            long combined = h1;
            for (int i = 0; i < probes; i++) {
                long index = (combined & Long.MAX_VALUE) % bits;
                long mask = 1L << index;
                int word = (int) (index >>> 6);
                if ((words[word] & mask) == 0) {
                    words[word] |= mask;
                    changed = true;
                }
                combined += h2;
            }
            return changed;
        }

        boolean mightContain(long h1, long h2) {
            long combined = h1;
            for (int i = 0; i < probes; i++) {
                long index = (combined & Long.MAX_VALUE) % bits;
                if ((words[(int) (index >>> 6)] & (1L << index)) == 0) {
                    return false;
                }
                combined += h2;
            }
            return true;
        }
    }
}
