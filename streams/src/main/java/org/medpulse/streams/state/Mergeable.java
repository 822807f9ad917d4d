package org.medpulse.streams.state;

/**
 * A partial aggregate: two of them, over disjoint sets of respondents, add up to the aggregate of
 * both. Partitions hold disjoint respondents, so every partition's part of an answer merges into
 * the whole answer this way, whichever instance holds it.
 */
public interface Mergeable<T extends Mergeable<T>> {

    /** The aggregate of this part and {@code other}; associative and commutative. */
    T plus(T other);
}
