package org.medpulse.streams.query;

import java.time.LocalDate;
import java.util.Objects;

/** UTC days {@code from … until}, both included. */
public record DayRange(LocalDate from, LocalDate until) {

    public DayRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.isAfter(until)) {
            throw new IllegalArgumentException("Day range starts after it ends: " + from + " > " + until);
        }
    }

    /** The {@code days} days ending with {@code until}. */
    public static DayRange ending(LocalDate until, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("A day range holds at least one day, got " + days);
        }
        return new DayRange(until.minusDays(days - 1L), until);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(until);
    }
}
