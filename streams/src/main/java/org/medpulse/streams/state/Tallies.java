package org.medpulse.streams.state;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A fixed row of counts, each with the sum of its respondents' record keys: the body of every
 * aggregate value. Key sums are {@code int}s that wrap around, which is exactly addition and
 * subtraction modulo 2^32. Arrays rather than objects: a response's contribution is added to
 * several aggregates per response. Immutable once built.
 */
final class Tallies {

    private final long[] counts;
    private final int[] keys;

    private Tallies(long[] counts, int[] keys) {
        this.counts = counts;
        this.keys = keys;
    }

    static Tallies zeros(int size) {
        return new Tallies(new long[size], new int[size]);
    }

    /** One respondent (record key {@code key}) counted at each of {@code positions}. */
    static Tallies one(int size, int key, int... positions) {
        Tallies one = zeros(size);
        for (int position : positions) {
            one.counts[position] = 1;
            one.keys[position] = key;
        }
        return one;
    }

    Tallies combine(Tallies other, int sign) {
        long[] counts = this.counts.clone();
        int[] keys = this.keys.clone();
        for (int i = 0; i < counts.length; i++) {
            counts[i] += sign * other.counts[i];
            keys[i] += sign * other.keys[i];
        }
        return new Tallies(counts, keys);
    }

    int size() {
        return counts.length;
    }

    long n(int position) {
        return counts[position];
    }

    Count count(int position) {
        return new Count(counts[position], keys[position]);
    }

    /** Nobody counted anywhere (the key sums are then zero too). */
    boolean isEmpty() {
        for (long count : counts) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }

    void write(CompactWriter out) {
        out.writeCounts(counts);
        out.writeKeys(keys);
    }

    /**
     * Reads a row written by {@link #write}, into {@code size} slots (a value written when an enum had
     * fewer symbols reads with zeros for the new ones). Values of format 1 carried no key sums: they
     * read with zeros, which stays consistent because the responses they count retract with key 0.
     */
    static Tallies read(CompactReader in, int size, boolean withKeys) {
        long[] counts = in.readCounts(size);
        int[] keys = withKeys ? in.readKeys(size) : new int[size];
        return new Tallies(counts, keys);
    }

    static Tallies withoutKeys(long[] counts) {
        return new Tallies(counts, new int[counts.length]);
    }

    static Builder builder(int size) {
        return new Builder(size);
    }

    /** {@code [n, keySum]}: a count as it travels between instances. */
    static List<Long> pair(Count count) {
        return List.of(count.n(), (long) count.keySum());
    }

    /** Puts {@code count} under {@code name} unless nobody is counted there. */
    static void putIfCounted(Map<String, List<Long>> named, String name, Count count) {
        if (count.n() != 0) {
            named.put(name, pair(count));
        }
    }

    /** {@code named}, or nothing when it was left out. */
    static Map<String, List<Long>> named(Map<String, List<Long>> named) {
        return named == null ? Map.of() : named;
    }

    /** Fills a row from {@code [n, keySum]} pairs. Not thread-safe. */
    static final class Builder {
        private final long[] counts;
        private final int[] keys;

        private Builder(int size) {
            counts = new long[size];
            keys = new int[size];
        }

        Builder set(int position, List<Long> pair) {
            if (pair == null) {
                return this;
            }
            if (pair.size() != 2) {
                throw new IllegalArgumentException("A count travels as [n, keySum], got " + pair);
            }
            counts[position] = pair.get(0);
            keys[position] = pair.get(1).intValue();
            return this;
        }

        Tallies build() {
            return new Tallies(counts, keys);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tallies other && Arrays.equals(counts, other.counts) && Arrays.equals(keys, other.keys);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(counts) + Arrays.hashCode(keys);
    }
}
