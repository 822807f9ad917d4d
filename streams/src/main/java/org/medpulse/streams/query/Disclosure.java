package org.medpulse.streams.query;

import org.medpulse.streams.state.Count;

/**
 * How an answer publishes its counts: every published count passes through here, so that no
 * answer can publish a count another way. Each count arrives with its respondents' key sum
 * ({@link Count}); a method may use it (the cell key method) or not (k-suppression). Implementations
 * live in {@code query.disclosure}; they are immutable and thread-safe.
 */
public interface Disclosure {

    /** The block every answer carries, naming the method and its parameters. */
    DisclosureBlock describe();

    /** {@code count} as published. */
    long publish(Count count);

    /**
     * True when an answer about {@code respondents} shows how many they are (as published) and
     * nothing of what they answered.
     */
    boolean suppresses(Count respondents);

    /** {@code count} among {@code respondents}, as published; only asked when not {@link #suppresses}. */
    Statistic statistic(Count count, Count respondents);

    /**
     * The day windows answers may cover: a method whose answers are noisy may allow a few only, so
     * that the answers about one small group stay few.
     */
    default DayWindows windows() {
        return DayWindows.any();
    }
}
