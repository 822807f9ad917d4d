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

    public Statistic {
        ci95 = List.copyOf(ci95);
    }

    /** {@code count} out of {@code respondents}, which must be positive. */
    public static Statistic of(long count, long respondents) {
        WilsonScore.Interval interval = WilsonScore.interval95(count, respondents);
        BigDecimal share = BigDecimal.valueOf(count).divide(BigDecimal.valueOf(respondents), SCALE, RoundingMode.HALF_UP);
        return new Statistic(count, share, List.of(round(interval.lower()), round(interval.upper())));
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

    static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_UP);
    }
}
