package org.medpulse.streams.query.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * The noise distribution of one original count, with the cumulative cell-key intervals that draw from
 * it. Transitions are ordered by increasing noise, as in {@code ptable}, so the intervals run from the
 * most negative noise at 0 to the most positive at 1.
 */
public final class PerturbationRow {

    private final int originalCount;
    private final List<Transition> transitions;
    private final double[] upperBounds;
    private final int[] deviations;

    PerturbationRow(int originalCount, int[] deviations, double[] probabilities) {
        this.originalCount = originalCount;
        this.deviations = deviations.clone();
        this.upperBounds = new double[deviations.length];
        List<Transition> list = new ArrayList<>(deviations.length);
        double cumulative = 0;
        for (int k = 0; k < deviations.length; k++) {
            double lower = cumulative;
            cumulative += probabilities[k];
            // The last bound is exactly 1 so that every cell key in [0, 1) finds an interval.
            double upper = k == deviations.length - 1 ? 1.0 : cumulative;
            upperBounds[k] = upper;
            list.add(new Transition(originalCount, originalCount + deviations[k], probabilities[k], deviations[k],
                    lower, upper));
        }
        this.transitions = List.copyOf(list);
    }

    public int originalCount() {
        return originalCount;
    }

    public List<Transition> transitions() {
        return transitions;
    }

    /**
     * The noise selected by a cell key: the first transition with {@code cellKey < p_int_ub}, as the
     * {@code cellKey} package looks it up. Intervals of zero width are never selected.
     */
    int noise(double cellKey) {
        int low = 0;
        int high = upperBounds.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cellKey < upperBounds[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return deviations[low];
    }

    /** Expected noise; zero up to rounding, since the table is unbiased. */
    public double mean() {
        double sum = 0;
        for (Transition t : transitions) {
            sum += t.p() * t.v();
        }
        return sum;
    }

    /** Achieved noise variance (the mean being zero, the second moment). */
    public double variance() {
        double sum = 0;
        for (Transition t : transitions) {
            sum += t.p() * t.v() * t.v();
        }
        return sum;
    }
}
