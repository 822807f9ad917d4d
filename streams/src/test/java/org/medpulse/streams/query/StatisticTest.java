package org.medpulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatisticTest {

    // Reference values computed independently with 50-digit decimal arithmetic.
    @ParameterizedTest(name = "{0}/{1} -> {2} [{3}, {4}]")
    @CsvSource({
            "15, 50, 0.3000, 0.1910, 0.4375",
            "0, 10, 0.0000, 0.0000, 0.2775",
            "10, 10, 1.0000, 0.7225, 1.0000",
            "0, 1, 0.0000, 0.0000, 0.7935",
            "1, 1, 1.0000, 0.2065, 1.0000",
            "1, 2, 0.5000, 0.0945, 0.9055",
            "5, 5, 1.0000, 0.5655, 1.0000",
            "3, 7, 0.4286, 0.1582, 0.7495",
            "20, 50, 0.4000, 0.2761, 0.5382",
            "1, 3, 0.3333, 0.0615, 0.7923",
            "2, 3, 0.6667, 0.2077, 0.9385",
            "0, 50, 0.0000, 0.0000, 0.0714",
            "50, 50, 1.0000, 0.9286, 1.0000",
            "1, 8, 0.1250, 0.0224, 0.4709",
            "123, 1000, 0.1230, 0.1041, 0.1448",
            "1, 100000, 0.0000, 0.0000, 0.0001",
    })
    void shareAndWilsonIntervalAtNinetyFivePercent(long count, long n, String share, String lower, String upper) {
        Statistic statistic = Statistic.of(count, n);

        assertThat(statistic.count()).isEqualTo(count);
        assertThat(statistic.share()).isEqualTo(new BigDecimal(share));
        assertThat(statistic.ci95()).containsExactly(new BigDecimal(lower), new BigDecimal(upper));
    }

    @Test
    void sharesRoundHalfUpFromTheExactFraction() {
        assertThat(Statistic.of(1, 32).share()).isEqualTo(new BigDecimal("0.0313"));
        assertThat(Statistic.of(3, 32).share()).isEqualTo(new BigDecimal("0.0938"));
        assertThat(Statistic.of(1, 16).share()).isEqualTo(new BigDecimal("0.0625"));
    }

    @Test
    void intervalsStayInsideZeroAndOne() {
        for (long n = 1; n <= 200; n++) {
            WilsonScore.Interval none = WilsonScore.interval95(0, n);
            WilsonScore.Interval all = WilsonScore.interval95(n, n);
            assertThat(none.lower()).isEqualTo(0.0);
            assertThat(all.upper()).isEqualTo(1.0);
            assertThat(none.upper()).isBetween(0.0, 1.0);
            assertThat(all.lower()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void sharesAndBoundsRoundAsTheirDecimalsDo() {
        // The reference: the exact fraction, and each bound's decimal string, rounded by BigDecimal.
        for (long n = 1; n <= 600; n++) {
            for (long count = 0; count <= n; count++) {
                WilsonScore.Interval interval = WilsonScore.interval95(count, n);
                assertThat(Statistic.of(count, n)).as("%d/%d", count, n).isEqualTo(new Statistic(count,
                        BigDecimal.valueOf(count).divide(BigDecimal.valueOf(n), Statistic.SCALE, RoundingMode.HALF_UP),
                        List.of(decimalRounding(interval.lower()), decimalRounding(interval.upper()))));
            }
        }
        // Ties and their neighbours, where binary and decimal rounding could part, and values at random.
        for (int k = 0; k < 10_000; k++) {
            double tie = (k + 0.5) / 10_000;
            for (double value : new double[] {tie, Math.nextUp(tie), Math.nextDown(tie), k / 10_000.0}) {
                assertThat(Statistic.round(value)).as("%s", value).isEqualTo(decimalRounding(value));
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double value = random.nextDouble();
            assertThat(Statistic.round(value)).as("%s", value).isEqualTo(decimalRounding(value));
        }
        assertThat(Statistic.round(-0.00005)).isEqualTo(decimalRounding(-0.00005));
    }

    private static BigDecimal decimalRounding(double value) {
        return BigDecimal.valueOf(value).setScale(Statistic.SCALE, RoundingMode.HALF_UP);
    }

    @Test
    void rejectsImpossibleProportions() {

        assertThatThrownBy(() -> Statistic.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistic.of(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistic.of(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
