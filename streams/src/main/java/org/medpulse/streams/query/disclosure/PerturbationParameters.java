package org.medpulse.streams.query.disclosure;

/**
 * Parameters of a perturbation table for counts (cell key method).
 *
 * <ul>
 *   <li>{@code d}: maximum absolute noise; a count {@code i} may only be published as {@code i-d..i+d}.</li>
 *   <li>{@code v}: noise variance wanted for every original count. As in Destatis' {@code ptable} it is
 *       an upper bound that the maximum-entropy distribution reaches wherever it can; the rows where it
 *       cannot are listed by {@link PerturbationTable#rowsMissingTargetVariance()}.</li>
 *   <li>{@code js}: threshold; no count in {@code 1..js-1} is ever published (0 and 1 mean no threshold).
 *       Destatis' {@code ptable} counts the other way: its {@code js} is the largest count never
 *       published, so MedPulse's {@code js = 3} is {@code create_cnt_ptable(js = 2)}.</li>
 *   <li>{@code monotone}: Destatis' {@code mono}: on the negative side the probabilities never decrease
 *       towards zero noise, {@code p(-d) <= ... <= p(-1) <= p(0)}.</li>
 * </ul>
 *
 * Combinations for which the construction cannot deliver what is asked are refused with a message that
 * gives the exact bound.
 */
public record PerturbationParameters(int d, double v, int js, boolean monotone) {

    /**
     * Upper limit on {@code d}: the solver tries up to {@code d + 1} active sets per row on
     * {@code d + js + 1} rows, so very wide tables get slow; published examples stay at D <= 10.
     */
    public static final int MAX_D = 100;

    /** Slack for comparing V with its bounds, which are exact rationals computed in double precision. */
    private static final double BOUND_TOLERANCE = 1e-12;

    public PerturbationParameters {
        if (d < 1 || d > MAX_D) {
            throw new IllegalArgumentException(
                    "D (maximum absolute noise) must be between 1 and " + MAX_D + ", was " + d);
        }
        if (!Double.isFinite(v) || v <= 0) {
            throw new IllegalArgumentException("V (noise variance) must be a finite number > 0, was " + v);
        }
        if (js < 0) {
            throw new IllegalArgumentException("js (threshold) must be >= 0 (0 or 1 = no threshold), was " + js);
        }
        double maxV = maxEntropyVariance(d);
        if (v > maxV + BOUND_TOLERANCE) {
            throw new IllegalArgumentException(String.format(
                    "V=%s is too large for D=%d: the maximum-entropy noise on -D..D is uniform with variance"
                            + " D(D+1)/3 = %s, so no original count would receive variance V (any noise with |noise| <= D"
                            + " has variance at most D^2 = %d, reached only by putting all mass on -D and +D)."
                            + " Use V <= %s or a larger D.",
                    v, d, maxV, d * d, maxV));
        }
        int blocked = Math.max(0, js - 1);
        if (blocked > d) {
            throw new IllegalArgumentException(String.format(
                    "js=%d is too large for D=%d: an original count of 1 may only be published as 0 or as js=%d"
                            + " or more, which needs noise up to %d > D; without it the noise cannot have mean 0."
                            + " Use js <= D+1.",
                    js, d, js, js - 1));
        }
        if (blocked > 0) {
            int worst = (blocked + 1) / 2;
            double minV = blockedCountMinimumVariance(worst, blocked);
            if (v <= minV + BOUND_TOLERANCE) {
                throw new IllegalArgumentException(String.format(
                        "V=%s is too small for js=%d: an original count i in 1..js-1 must be published as 0 or as"
                                + " js or more, and the least variance an unbiased such move can have is i*(js-i),"
                                + " which is %s for i=%d. Use V > %s or a smaller js.",
                        v, js, minV, worst, minV));
            }
        }
    }

    /**
     * Recommended starting point: D=5, V=3, js=3 with monotony, the parameter set Destatis uses
     * throughout the {@code ptable} documentation ({@code create_cnt_ptable(D = 5, V = 3, js = 2)}) and in
     * the {@code cellKey} tests. Counts 1 and 2 are never published, the noise never exceeds 5, and every
     * original count, small ones included, gets noise of variance exactly 3 (standard deviation 1.7).
     */
    public static PerturbationParameters recommended() {
        return of(5, 3.0, 3);
    }

    /** Destatis' defaults for everything but D, V and js: monotony on. */
    public static PerturbationParameters of(int d, double v, int js) {
        return new PerturbationParameters(d, v, js, true);
    }

    public static PerturbationParameters of(int d, double v, int js, boolean monotone) {
        return new PerturbationParameters(d, v, js, monotone);
    }

    /** The largest count never published: Destatis' {@code js}. */
    public int blocked() {
        return Math.max(0, js - 1);
    }

    /**
     * The original count from which every larger count has the same noise distribution, i.e. the last
     * row of the table: from there all targets {@code i-d..i+d} are allowed. This is Destatis'
     * {@code ncat}: {@code D} without threshold, {@code D + js} with it.
     */
    public int symmetryCount() {
        return blocked() == 0 ? d : d + blocked() + 1;
    }

    /** Whether a perturbed count may take this value. Zero is always allowed ("false zeros" protect). */
    public boolean isPublishable(long count) {
        return count >= 0 && (count == 0 || count > blocked());
    }

    /** Variance of the uniform distribution on -d..d, the largest a maximum-entropy row can have. */
    static double maxEntropyVariance(int d) {
        return d * (d + 1) / 3.0;
    }

    /**
     * Least variance of a mean-zero move of the blocked count i: it must go down to 0 (noise -i) or up to
     * blocked+1 or more (noise blocked+1-i or more); the cheapest is the two-point distribution on those two.
     */
    static double blockedCountMinimumVariance(int i, int blocked) {
        return (double) i * (blocked + 1 - i);
    }
}
