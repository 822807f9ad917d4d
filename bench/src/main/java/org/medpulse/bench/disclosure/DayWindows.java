package org.medpulse.bench.disclosure;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Day windows an attacker can ask about, as 0-based day ranges {@code {from, to}} of a panel of
 * {@code days} days. A window reaching before the first or after the last day covers only the panel's
 * days (the others hold no response, and the attacker knows the panel's first and last answer from
 * {@code /waves}), so windows that differ only outside the panel are one and the same question: the
 * same respondents, the same noise. Duplicates are dropped.
 */
public final class DayWindows {

    /** The day the API's aligned windows are counted from: a Monday, so that 7-day windows are ISO weeks. */
    static final LocalDate ALIGNMENT_ORIGIN = LocalDate.of(1969, 12, 29);

    private DayWindows() {
    }

    /** Windows of each length in {@code lengths} ending on every day (the API's {@code days} and any {@code until}). */
    public static List<int[]> sliding(int days, Collection<Integer> lengths) {
        Set<Range> windows = new LinkedHashSet<>();
        for (int length : lengths) {
            for (int end = 0; end < days + length - 1; end++) {
                add(windows, end - length + 1, end, days);
            }
        }
        return list(windows);
    }

    /**
     * Windows of each length ending only on the last day of a block of that many days counted from
     * {@link #ALIGNMENT_ORIGIN}: for each length, the windows tile the calendar and never overlap (7: ISO
     * weeks Monday to Sunday).
     */
    public static List<int[]> aligned(LocalDate start, int days, Collection<Integer> lengths) {
        Set<Range> windows = new LinkedHashSet<>();
        long origin = ALIGNMENT_ORIGIN.toEpochDay();
        for (int length : lengths) {
            for (int end = 0; end < days + length - 1; end++) {
                long sinceOrigin = start.toEpochDay() + end - origin;
                if (Math.floorMod(sinceOrigin + 1, length) == 0) {
                    add(windows, end - length + 1, end, days);
                }
            }
        }
        return list(windows);
    }

    /** The calendar months the panel spans: the per-wave answers, waves being {@code yyyy-MM} months. */
    public static List<int[]> months(LocalDate start, int days) {
        Set<Range> windows = new LinkedHashSet<>();
        LocalDate last = start.plusDays(days - 1L);
        for (YearMonth month = YearMonth.from(start); !month.atDay(1).isAfter(last); month = month.plusMonths(1)) {
            int from = (int) (month.atDay(1).toEpochDay() - start.toEpochDay());
            int to = (int) (month.atEndOfMonth().toEpochDay() - start.toEpochDay());
            add(windows, from, to, days);
        }
        return list(windows);
    }

    /** The calendar quarters the panel spans. */
    public static List<int[]> quarters(LocalDate start, int days) {
        Set<Range> windows = new LinkedHashSet<>();
        LocalDate last = start.plusDays(days - 1L);
        YearMonth first = YearMonth.from(start);
        for (YearMonth quarter = first.withMonth(1 + 3 * ((first.getMonthValue() - 1) / 3));
                !quarter.atDay(1).isAfter(last); quarter = quarter.plusMonths(3)) {
            int from = (int) (quarter.atDay(1).toEpochDay() - start.toEpochDay());
            int to = (int) (quarter.plusMonths(2).atEndOfMonth().toEpochDay() - start.toEpochDay());
            add(windows, from, to, days);
        }
        return list(windows);
    }

    /** Every window of {@code first}, then those of {@code more} not already in it. */
    @SafeVarargs
    public static List<int[]> union(List<int[]> first, List<int[]>... more) {
        Set<Range> windows = new LinkedHashSet<>();
        for (int[] w : first) {
            windows.add(new Range(w[0], w[1]));
        }
        for (List<int[]> list : more) {
            for (int[] w : list) {
                windows.add(new Range(w[0], w[1]));
            }
        }
        return list(windows);
    }

    /** The windows of {@code windows} that are not in {@code excluded}. */
    public static List<int[]> minus(List<int[]> windows, List<int[]> excluded) {
        Set<Range> without = new LinkedHashSet<>();
        for (int[] w : windows) {
            without.add(new Range(w[0], w[1]));
        }
        for (int[] w : excluded) {
            without.remove(new Range(w[0], w[1]));
        }
        return list(without);
    }

    private static void add(Set<Range> windows, int from, int to, int days) {
        int a = Math.max(0, from);
        int b = Math.min(days - 1, to);
        if (a <= b) {
            windows.add(new Range(a, b));
        }
    }

    private static List<int[]> list(Set<Range> windows) {
        List<int[]> list = new ArrayList<>(windows.size());
        for (Range r : windows) {
            list.add(new int[] {r.from(), r.to()});
        }
        return List.copyOf(list);
    }

    private record Range(int from, int to) {
    }
}
