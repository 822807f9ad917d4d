package org.medpulse.streams.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A count among respondents, its share and the share's 95% Wilson interval. Shares and bounds are
 * rounded half-up to four decimals; the share is rounded from the exact fraction, not a double.
 */
@JsonPropertyOrder({"count", "share", "ci95"})
public record Statistic(long count, BigDecimal share, List<BigDecimal> ci95) {

    static final int SCALE = 4;
    private static final long UNIT = 10_000; // 10^SCALE
    private static final double NEAR_TIE = 1e-6;

    public Statistic {
        ci95 = List.copyOf(ci95);
    }

    /** {@code count} out of {@code respondents}, which must be positive. */
    public static Statistic of(long count, long respondents) {
        WilsonScore.Interval interval = WilsonScore.interval95(count, respondents);
        return new Statistic(count, share(count, respondents), List.of(round(interval.lower()), round(interval.upper())));
    }

    /**
     * A perturbed {@code count} out of perturbed {@code respondents} (positive): the count as
     * published, the share and its interval from the count clamped to {@code 0..respondents}, since
     * independent noise can take a count above its total.
     */
    public static Statistic clamped(long count, long respondents) {
        Statistic within = of(Math.max(0, Math.min(count, respondents)), respondents);
        return new Statistic(count, within.share(), within.ci95());
    }

    // The fraction rounded half-up to SCALE decimals, in integers: count <= respondents, so no overflow.
    static BigDecimal share(long count, long respondents) {
        return BigDecimal.valueOf((2 * count * UNIT + respondents) / (2 * respondents), SCALE);
    }

    /**
     * {@code value} rounded half-up to {@link #SCALE} decimals, as its decimal string would round
     * ({@code BigDecimal.valueOf(value)}), which answers round. Making that string took a seventh of
     * the request threads' time: a value not within a millionth of a tie is rounded in binary,
     * where the string and the double cannot round apart; the rest, and negative values, the slow way.
     */
    static BigDecimal round(double value) {
        double scaled = value * UNIT;
        double below = Math.floor(scaled);
        double fraction = scaled - below;
        if (value >= 0 && scaled < Long.MAX_VALUE / 2.0 && Math.abs(fraction - 0.5) > NEAR_TIE) {
            return BigDecimal.valueOf((long) below + (fraction > 0.5 ? 1 : 0), SCALE);
        }
        return BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_UP);
    }
}
