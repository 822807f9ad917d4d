package org.medpulse.streams.query;

import java.time.LocalDate;
import java.util.Objects;

/**
 * UTC days {@code from … until}, both included, at most {@value #MAX_DAYS} of them: a range is a
 * scan of the day stores, bounded wherever a range comes from (a request, or another instance).
 */
public record DayRange(LocalDate from, LocalDate until) {

    public static final int MAX_DAYS = 366;

    public DayRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.isAfter(until)) {
            throw new IllegalArgumentException("Day range starts after it ends: " + from + " > " + until);
        }
        if (from.plusDays(MAX_DAYS).isBefore(until.plusDays(1))) {
            throw new IllegalArgumentException("A day range holds at most " + MAX_DAYS + " days: " + from + " … " + until);
        }
    }

    /** The {@code days} days ending with {@code until}. */
    public static DayRange ending(LocalDate until, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("A day range holds 1 to " + MAX_DAYS + " days, got " + days);
        }
        return new DayRange(until.minusDays(days - 1L), until);
    }

    /** How many days the range holds. */
    public int days() {
        return (int) (until.toEpochDay() - from.toEpochDay()) + 1;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(until);
    }
}
