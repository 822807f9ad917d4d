package org.medpulse.streams.query;

/**
 * The Wilson score interval for a proportion: unlike the normal approximation it stays inside
 * [0, 1] and is meaningful for 0/n and n/n, which small survey cells produce all the time.
 */
public final class WilsonScore {

    /** The standard normal quantile for a two-sided 95% interval. */
    public static final double Z_95 = 1.96;

    private WilsonScore() {
    }

    /** The interval for {@code successes} out of {@code trials} at the confidence {@code z} stands for. */
    public static Interval interval(long successes, long trials, double z) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("Need 0 <= successes <= trials and trials > 0, got " + successes + "/" + trials);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double halfWidth = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // Exactly 0 for 0/n and 1 for n/n, which floating point misses by a hair.
        double lower = successes == 0 ? 0 : Math.max(0, centre - halfWidth);
        double upper = successes == trials ? 1 : Math.min(1, centre + halfWidth);
        return new Interval(lower, upper);
    }

    public static Interval interval95(long successes, long trials) {
        return interval(successes, trials, Z_95);
    }

    public record Interval(double lower, double upper) {
    }
}
