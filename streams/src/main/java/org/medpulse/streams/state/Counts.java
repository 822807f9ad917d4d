package org.medpulse.streams.state;

/**
 * Counts that responses add to and take back from: a response that stops being a respondent's
 * latest is subtracted from every aggregate it was added to. A key whose counts fall back to
 * nothing is deleted rather than kept as zeros.
 */
public interface Counts<T extends Counts<T>> extends Mergeable<T> {

    /** These counts without {@code other}'s, which they include. */
    T minus(T other);

    /** True when no respondent is counted any more. */
    boolean isEmpty();
}
