package org.medpulse.bench.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class QueryDimensionTest {

    @Test
    void theWholePanelMinusTheOtherPartnerIsOneMoreLook() {
        // Answers p0, p1 and p0+p1, each with noise V: the best estimate of p0 has variance 2V/3.
        QueryDimension partners = new QueryDimension("partners", 2,
                List.of(new int[] {0}, new int[] {1}, new int[] {0, 1}), new int[] {0});

        assertThat(partners.varianceFactor()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(partners.weights()).containsExactly(new double[] {2.0 / 3, -1.0 / 3, 1.0 / 3}, within(1e-12));
    }

    @Test
    void aTotalAndItsPartsGiveVarianceNOverNPlusOne() {
        // n = 1: the part is the total, the same question, so no second look.
        for (int n = 1; n <= 7; n++) {
            List<int[]> subsets = new ArrayList<>();
            subsets.add(IntStream.range(0, n).toArray());
            for (int c = 0; c < n; c++) {
                subsets.add(new int[] {c});
            }
            QueryDimension dimension = new QueryDimension("parts", n, subsets, IntStream.range(0, n).toArray());
            double expected = n == 1 ? 1.0 : n / (n + 1.0);
            assertThat(dimension.varianceFactor()).as("n=%d", n).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void theSameSubsetTwiceIsOneQuestion() {
        QueryDimension dimension = new QueryDimension("partners", 1, List.of(new int[] {0}, new int[] {0}), new int[] {0});

        assertThat(dimension.subsets()).hasSize(1);
        assertThat(dimension.varianceFactor()).isEqualTo(1.0);
    }

    @Test
    void categoriesNoSubsetTellsApartArePooled() {
        // Only the total of three categories is asked: the target "all three" is estimable, one of them is not.
        QueryDimension total = new QueryDimension("types", 3, List.<int[]>of(new int[] {0, 1, 2}), new int[] {0, 1, 2});
        assertThat(total.varianceFactor()).isEqualTo(1.0);

        assertThatThrownBy(() -> new QueryDimension("types", 3, List.<int[]>of(new int[] {0, 1, 2}), new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never tell");
    }

    @Test
    void slidingWindowsAreCutAtThePanelsEdgesAndCountedOnce() {
        // 10 days, lengths 1 and 7: 10 single days, 4 full weeks, prefixes [0,1]..[0,5], suffixes [4,9]..[8,9].
        List<int[]> windows = DayWindows.sliding(10, List.of(1, 7));

        assertThat(windows).hasSize(10 + 4 + 5 + 5);
        assertThat(windows).allSatisfy(w -> assertThat(w[0]).isBetween(0, w[1]));
        assertThat(windows).allSatisfy(w -> assertThat(w[1]).isLessThan(10));
        Set<List<Integer>> distinct = new HashSet<>();
        windows.forEach(w -> distinct.add(List.of(w[0], w[1])));
        assertThat(distinct).hasSize(windows.size());
    }

    @Test
    void alignedWindowsOfOneLengthCoverEachDayOnce() {
        LocalDate start = LocalDate.of(2025, 1, 1);
        for (int length : List.of(1, 7, 30, 90)) {
            int[] covered = new int[181];
            for (int[] w : DayWindows.aligned(start, 181, List.of(length))) {
                for (int d = w[0]; d <= w[1]; d++) {
                    covered[d]++;
                }
            }
            assertThat(covered).as("length %d", length).containsOnly(1);
        }
        // Weeks run Monday to Sunday: 2025-01-01 is a Wednesday, so the first week is cut to 5 days.
        assertThat(DayWindows.aligned(start, 181, List.of(7)).get(0)).containsExactly(0, 4);
    }

    @Test
    void theWavesAreTheCalendarMonths() {
        List<int[]> months = DayWindows.months(LocalDate.of(2025, 1, 1), 181);

        assertThat(months).hasSize(6);
        assertThat(months.get(0)).containsExactly(0, 30);
        assertThat(months.get(1)).containsExactly(31, 58);
        assertThat(months.get(5)).containsExactly(151, 180);
        assertThat(DayWindows.quarters(LocalDate.of(2025, 2, 10), 181))
                .containsExactly(new int[] {0, 49}, new int[] {50, 140}, new int[] {141, 180});
    }
}
