package org.medpulse.streams.query.disclosure;

import java.util.Arrays;

/**
 * Maximum-entropy noise distribution for one original count, the problem Destatis' {@code ptable}
 * hands to nloptr/SLSQP in {@code pt_optim_entropy} (option {@code optim = 1}):
 *
 * <pre>
 *   maximise  -sum p ln p
 *   subject to sum p = 1,  sum v p = 0,  sum v^2 p <= V,
 *              and, if monotone, p(v_0) <= p(v_1) <= ... <= p(0) over the allowed negative deviations.
 * </pre>
 *
 * Instead of a general nonlinear solver this uses the structure of the solution. Without the monotony
 * constraints it is {@code p(v) ∝ exp(a v + b v^2)}; {@code b = 0} when the variance bound is slack,
 * otherwise {@code b < 0} with variance exactly V. The multipliers minimise the convex dual
 * {@code log Z(a, b) - b V}, solved by Newton's method with backtracking. A binding monotony
 * constraint pools neighbours into one block of equal probability; the solution then has the same form
 * with each block using the block averages of {@code v} and {@code v^2}. Because {@code a v + b v^2} is
 * concave, only a single block ending at {@code v = 0} can ever be needed (a decrease, once started,
 * continues up to zero), and the candidate blocks are nested, so the first candidate, smallest block
 * first, that satisfies monotony is the optimum.
 */
final class MaxEntropySolver {

    /**
     * Gradient tolerance of the dual, per unit of the largest absolute deviation: the bias and the
     * variance error end up of this order, far below what a cell key can resolve.
     */
    private static final double GRADIENT_TOLERANCE = 1e-13;
    private static final int MAX_NEWTON_STEPS = 500;
    /** Slack for accepting a monotony or variance check computed in floating point. */
    private static final double CHECK_TOLERANCE = 1e-12;

    private MaxEntropySolver() {}

    /**
     * @param deviations allowed noise values {@code j - i}, strictly increasing
     * @param variance the variance bound V
     * @param monotone Destatis' {@code mono}
     * @return the probability of each deviation
     * @throws IllegalArgumentException if no distribution satisfies the constraints
     */
    static double[] solve(int[] deviations, double variance, boolean monotone) {
        int zero = Arrays.binarySearch(deviations, 0);
        boolean canGoDown = deviations[0] < 0;
        boolean canGoUp = deviations[deviations.length - 1] > 0;
        if (!canGoDown || !canGoUp) {
            // Mean zero leaves only "stay": e.g. js = D, where count js+1 cannot go down past the block.
            if (zero < 0) {
                throw new IllegalArgumentException("no unbiased noise exists on " + Arrays.toString(deviations));
            }
            double[] stay = new double[deviations.length];
            stay[zero] = 1.0;
            return stay;
        }
        // A monotone block always ends at zero noise. Destatis applies monotony only when zero noise is
        // allowed, i.e. not on the rows of blocked counts. A block of one position is no pooling at all.
        int blockEnd = monotone && zero > 0 ? zero : 0;
        for (int blockStart = blockEnd; blockStart >= 0; blockStart--) {
            double[] p = solvePooled(deviations, variance, blockStart, blockEnd);
            if (p != null && (blockEnd == 0 || isMonotone(p, blockEnd))) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "no noise distribution with variance <= " + variance + " on " + Arrays.toString(deviations));
    }

    /** Solves with positions {@code blockStart..blockEnd} forced equal; returns null if infeasible. */
    private static double[] solvePooled(int[] deviations, double variance, int blockStart, int blockEnd) {
        Groups groups = new Groups(deviations, blockStart, blockEnd);
        double[] meanOnly = minimiseDual(groups, false, variance, new double[] {0.0});
        double[] lambda = {meanOnly[0], 0.0};
        if (groups.variance(lambda) > variance + CHECK_TOLERANCE) {
            if (groups.minimumVariance() >= variance - CHECK_TOLERANCE) {
                return null;
            }
            lambda = minimiseDual(groups, true, variance, lambda);
        }
        return groups.probabilities(lambda);
    }

    private static boolean isMonotone(double[] p, int zero) {
        for (int k = 0; k < zero; k++) {
            if (p[k] > p[k + 1] + CHECK_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Newton's method with Armijo backtracking on the dual {@code log Z(a, b) - b V} (or
     * {@code log Z(a, 0)} when the variance is free). Its gradient is (mean, variance - V) and its Hessian
     * the covariance of (v, v^2), so it is convex; it has a minimiser whenever the targets lie inside the
     * attainable moments, which the caller has checked.
     */
    private static double[] minimiseDual(Groups groups, boolean withVariance, double variance, double[] start) {
        int dim = withVariance ? 2 : 1;
        double tolerance = GRADIENT_TOLERANCE * (1 + groups.maxAbsDeviation());
        double[] lambda = Arrays.copyOf(start, dim);
        Moments m = groups.moments(lambda, variance);
        for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
            double[] gradient = gradient(m, withVariance, variance);
            if (maxAbs(gradient) < tolerance) {
                return lambda;
            }
            double[] direction = newtonDirection(m, gradient, withVariance);
            double slope = dot(gradient, direction);
            double t = 1.0;
            double[] candidate = axpy(lambda, t, direction);
            Moments next = groups.moments(candidate, variance);
            while (!acceptable(m, next, t * slope, gradient, withVariance, variance) && t > 1e-12) {
                t /= 2;
                candidate = axpy(lambda, t, direction);
                next = groups.moments(candidate, variance);
            }
            lambda = candidate;
            m = next;
        }
        throw new IllegalStateException("maximum-entropy solver did not converge for " + groups);
    }

    /**
     * Armijo's sufficient decrease of the dual. Near the optimum that decrease drops below double
     * precision; then a step that leaves the dual unchanged to rounding but shrinks the gradient is good.
     */
    private static boolean acceptable(
            Moments current, Moments next, double slope, double[] gradient, boolean withVariance, double variance) {
        if (next.dual <= current.dual + 1e-4 * slope) {
            return true;
        }
        boolean sameToRounding = next.dual <= current.dual + 1e-14 * (1 + Math.abs(current.dual));
        return sameToRounding && maxAbs(gradient(next, withVariance, variance)) < maxAbs(gradient);
    }

    private static double[] gradient(Moments m, boolean withVariance, double variance) {
        return withVariance ? new double[] {m.mean, m.secondMoment - variance} : new double[] {m.mean};
    }

    private static double[] newtonDirection(Moments m, double[] g, boolean withVariance) {
        // A tiny ridge keeps the step defined if the covariance is numerically singular.
        double ridge = 1e-14;
        if (!withVariance) {
            return new double[] {-g[0] / (m.varV + ridge)};
        }
        double h11 = m.varV + ridge;
        double h22 = m.varV2 + ridge;
        double h12 = m.covVV2;
        double det = h11 * h22 - h12 * h12;
        return new double[] {-(h22 * g[0] - h12 * g[1]) / det, -(-h12 * g[0] + h11 * g[1]) / det};
    }

    private static double maxAbs(double[] x) {
        double max = 0;
        for (double value : x) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }

    private static double[] axpy(double[] x, double t, double[] d) {
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k] + t * d[k];
        }
        return out;
    }

    /** Moments of the exponential-family distribution for given multipliers, and the dual's value. */
    private record Moments(double dual, double mean, double secondMoment, double varV, double varV2, double covVV2) {}

    /**
     * The allowed deviations with one block pooled: group g has {@code size[g]} positions sharing one
     * probability, {@code exp(a * meanV[g] + b * meanV2[g]) / Z}. A block of one position pools nothing.
     */
    private static final class Groups {
        private final int[] deviations;
        private final int blockStart;
        private final int blockEnd;
        private final double[] size;
        private final double[] meanV;
        private final double[] meanV2;

        Groups(int[] deviations, int blockStart, int blockEnd) {
            this.deviations = deviations;
            this.blockStart = blockStart;
            this.blockEnd = blockEnd;
            int count = deviations.length - (blockEnd - blockStart);
            size = new double[count];
            meanV = new double[count];
            meanV2 = new double[count];
            for (int k = 0; k < deviations.length; k++) {
                int g = groupOf(k);
                double v = deviations[k];
                size[g] += 1;
                meanV[g] += v;
                meanV2[g] += v * v;
            }
            for (int g = 0; g < count; g++) {
                meanV[g] /= size[g];
                meanV2[g] /= size[g];
            }
        }

        private int groupOf(int position) {
            if (position < blockStart) {
                return position;
            }
            return position <= blockEnd ? blockStart : position - (blockEnd - blockStart);
        }

        private double exponent(double[] lambda, int g) {
            double b = lambda.length > 1 ? lambda[1] : 0.0;
            return lambda[0] * meanV[g] + b * meanV2[g];
        }

        /** log Z, shifted by the largest exponent so that nothing overflows. */
        private double logPartition(double[] lambda) {
            double max = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < size.length; g++) {
                max = Math.max(max, exponent(lambda, g));
            }
            double sum = 0;
            for (int g = 0; g < size.length; g++) {
                sum += size[g] * Math.exp(exponent(lambda, g) - max);
            }
            return max + Math.log(sum);
        }

        /** Probability of each group as a whole (its per-position probability times its size). */
        private double[] masses(double[] lambda) {
            double logZ = logPartition(lambda);
            double[] mass = new double[size.length];
            for (int g = 0; g < size.length; g++) {
                mass[g] = size[g] * Math.exp(exponent(lambda, g) - logZ);
            }
            return mass;
        }

        Moments moments(double[] lambda, double variance) {
            double b = lambda.length > 1 ? lambda[1] : 0.0;
            double dual = logPartition(lambda) - b * variance;
            double[] mass = masses(lambda);
            double mean = 0;
            double second = 0;
            for (int g = 0; g < size.length; g++) {
                mean += mass[g] * meanV[g];
                second += mass[g] * meanV2[g];
            }
            double varV = 0;
            double varV2 = 0;
            double cov = 0;
            for (int g = 0; g < size.length; g++) {
                double dv = meanV[g] - mean;
                double dv2 = meanV2[g] - second;
                varV += mass[g] * dv * dv;
                varV2 += mass[g] * dv2 * dv2;
                cov += mass[g] * dv * dv2;
            }
            return new Moments(dual, mean, second, varV, varV2, cov);
        }

        double maxAbsDeviation() {
            return Math.max(-deviations[0], deviations[deviations.length - 1]);
        }

        double variance(double[] lambda) {
            return moments(lambda, 0.0).secondMoment;
        }

        /**
         * Least second moment of a mean-zero distribution over the groups: a linear programme whose optimum
         * sits on at most two groups, one on each side of zero (or a single group at zero).
         */
        double minimumVariance() {
            double min = Double.POSITIVE_INFINITY;
            for (int g = 0; g < size.length; g++) {
                if (meanV[g] == 0) {
                    min = Math.min(min, meanV2[g]);
                }
                for (int h = 0; h < size.length; h++) {
                    if (meanV[g] < 0 && meanV[h] > 0) {
                        double weightG = meanV[h] / (meanV[h] - meanV[g]);
                        min = Math.min(min, weightG * meanV2[g] + (1 - weightG) * meanV2[h]);
                    }
                }
            }
            return min;
        }

        /** Per-position probabilities, renormalised so that rounding in exp does not leak into the sum. */
        double[] probabilities(double[] lambda) {
            double[] mass = masses(lambda);
            double[] p = new double[deviations.length];
            double total = 0;
            for (int k = 0; k < deviations.length; k++) {
                int g = groupOf(k);
                p[k] = mass[g] / size[g];
                total += p[k];
            }
            for (int k = 0; k < p.length; k++) {
                p[k] /= total;
            }
            return p;
        }

        @Override
        public String toString() {
            return Arrays.toString(deviations) + " with block " + blockStart + ".." + blockEnd;
        }
    }
}
