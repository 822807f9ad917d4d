package org.medpulse.streams.query;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * A count among respondents, its share and the share's 95% Wilson interval. Shares and bounds are
 * rounded half-up to four decimals; the share is rounded from the exact fraction, not a double.
 * Written as JSON by {@link Json}, which alone says the properties' order.
 */
@JsonSerialize(using = Statistic.Json.class)
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

    /**
     * Writes a statistic as its properties always read, {@code {"count":12,"share":0.1910,"ci95":[0.1000,0.3000]}},
     * without reflection and without making a string of each decimal: every answer is mostly statistics,
     * and writing them through Jackson's bean serializer (an accessor called by reflection per property,
     * a list serializer for the interval, {@code BigDecimal.toPlainString} per number) took about a sixth
     * of the request threads' time under {@code bench api}. A decimal of four places that fits a long is
     * written from its digits; any other goes through the generator as before.
     */
    static final class Json extends StdSerializer<Statistic> {

        Json() {
            super(Statistic.class);
        }

        @Override
        public void serialize(Statistic statistic, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeStartObject(statistic);
            json.writeNumberField("count", statistic.count());
            json.writeFieldName("share");
            writeDecimal(statistic.share(), json);
            json.writeArrayFieldStart("ci95");
            for (BigDecimal bound : statistic.ci95()) {
                writeDecimal(bound, json);
            }
            json.writeEndArray();
            json.writeEndObject();
        }

        static void writeDecimal(BigDecimal value, JsonGenerator json) throws IOException {
            if (value == null) {
                json.writeNull();
                return;
            }
            // Not unscaledValue(): it makes a BigInteger of the long a small decimal holds (4% of the request
            // threads' time under bench api); at most 18 digits fit a long.
            if (value.scale() != SCALE || value.signum() < 0 || value.precision() > 18) {
                json.writeNumber(value);
                return;
            }
            long units = value.scaleByPowerOfTen(SCALE).longValue();
            // Integer digits, a point, four decimals: what toPlainString gives at this scale.
            char[] digits = new char[24];
            int end = digits.length;
            for (int i = 0; i < SCALE; i++) {
                digits[--end] = (char) ('0' + units % 10);
                units /= 10;
            }
            digits[--end] = '.';
            do {
                digits[--end] = (char) ('0' + units % 10);
                units /= 10;
            } while (units > 0);
            json.writeNumber(digits, end, digits.length - end);
        }
    }
}
