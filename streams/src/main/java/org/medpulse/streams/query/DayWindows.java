package org.medpulse.streams.query;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which day windows an audience may ask about: any length and end ({@link #any()}), or a few
 * lengths that tile the calendar ({@link #aligned}). Each answer about a small group is one more
 * noisy look at it; windows of every length ending on every day give an averaging attacker hundreds
 * of overlapping looks, while windows that tile the calendar (days, weeks ending on Sunday, fixed
 * blocks of 30 and 90 days) give a few (docs/disclosure.md measures both). Immutable.
 */
public final class DayWindows {

    /** Blocks are counted from this Monday, so that 7-day blocks are ISO weeks (Monday to Sunday). */
    static final LocalDate FIRST_BLOCK = LocalDate.of(1970, 1, 5);

    private static final DayWindows ANY = new DayWindows(List.of(), false);

    private final List<Integer> lengths;
    private final boolean aligned;

    private DayWindows(List<Integer> lengths, boolean aligned) {
        this.lengths = List.copyOf(lengths);
        this.aligned = aligned;
    }

    /** Any window of 1 to {@link DayRange#MAX_DAYS} days, ending on any day. */
    public static DayWindows any() {
        return ANY;
    }

    /** Windows of {@code lengths} days only, each ending on the last day of a block of its length. */
    public static DayWindows aligned(Integer... lengths) {
        for (int length : lengths) {
            if (length < 1 || length > DayRange.MAX_DAYS) {
                throw new IllegalArgumentException("A window holds 1 to " + DayRange.MAX_DAYS + " days, got " + length);
            }
        }
        return new DayWindows(List.of(lengths), true);
    }

    /** The lengths allowed, empty for any. */
    public List<Integer> lengths() {
        return lengths;
    }

    public boolean allowsLength(int days) {
        return lengths.isEmpty() || lengths.contains(days);
    }

    /** Whether a window of {@code days} days may end on {@code until}. */
    public boolean allowsEnd(int days, LocalDate until) {
        return !aligned || Math.floorMod(until.toEpochDay() - FIRST_BLOCK.toEpochDay() + 1, days) == 0;
    }

    /** The last allowed end of a {@code days}-day window on or before {@code day}. */
    public LocalDate latestEnd(int days, LocalDate day) {
        if (!aligned) {
            return day;
        }
        return day.minusDays(Math.floorMod(day.toEpochDay() - FIRST_BLOCK.toEpochDay() + 1, days));
    }

    /** What a person may ask for, for error messages. */
    public String describe(int days, LocalDate near) {
        if (!allowsLength(days)) {
            return "'days' must be one of " + lengths.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        LocalDate before = latestEnd(days, near);
        String blocks = days == DayOfWeek.values().length ? "a week (Monday to Sunday)" : "a block of " + days
                + " days (blocks counted from Monday " + FIRST_BLOCK + ")";
        return "a " + days + "-day window must end on the last day of " + blocks + ", e.g. 'until' " + before + " or "
                + before.plusDays(days);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DayWindows other && lengths.equals(other.lengths) && aligned == other.aligned;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lengths, aligned);
    }

    @Override
    public String toString() {
        return aligned ? "DayWindows" + lengths + " aligned" : "DayWindows{any}";
    }
}
