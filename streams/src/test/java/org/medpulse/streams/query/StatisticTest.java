package org.medpulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

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
    void rejectsImpossibleProportions() {
        assertThatThrownBy(() -> Statistic.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistic.of(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistic.of(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
