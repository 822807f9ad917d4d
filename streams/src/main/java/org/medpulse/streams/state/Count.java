package org.medpulse.streams.state;

/**
 * A published count's raw form: how many respondents it counts, and the sum of their record keys
 * modulo 2^32 (the cell key of the cell key method; see {@code docs/disclosure.md}). Key sums add and
 * subtract with the counts, so the same set of respondents always has the same key sum, whatever
 * partition, instance or order it was summed in. Immutable.
 */
public record Count(long n, int keySum) {

    public static final Count ZERO = new Count(0, 0);

    public Count plus(Count other) {
        return new Count(n + other.n, keySum + other.keySum);
    }

    public Count minus(Count other) {
        return new Count(n - other.n, keySum - other.keySum);
    }
}
