package org.medpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.medpulse.streams.state.LatestKey;

class KnownRespondentsTest {

    @Test
    void neverCallsARespondentItWasToldAboutAbsentAsItGrowsPastItsCapacity() {
        KnownRespondents known = new KnownRespondents(0);
        int respondents = (int) (KnownRespondents.MIN_CAPACITY * 4);

        IntStream.range(0, respondents).forEach(i -> known.add(respondent("2025-06", i)));

        assertThat(known.filters()).as("grown to 1 + 2 + 4 times the minimum capacity").isEqualTo(3);
        assertThat(IntStream.range(0, respondents).filter(i -> !known.mayHold(respondent("2025-06", i))))
                .as("respondents reported absent although added").isEmpty();
    }

    @Test
    void callsMostRespondentsItWasNeverToldAboutAbsent() {
        KnownRespondents known = new KnownRespondents(0);
        int respondents = (int) (KnownRespondents.MIN_CAPACITY * 4);
        IntStream.range(0, respondents).forEach(i -> known.add(respondent("2025-06", i)));

        long mayHold = IntStream.range(0, 100_000).filter(i -> known.mayHold(respondent("2025-09", i))).count();

        assertThat(mayHold / 100_000.0).as("false-positive rate")
                .isLessThan(2 * KnownRespondents.FALSE_POSITIVE_RATE);
    }

    @Test
    void oneFilterFilledToItsCapacityKeepsItsFalsePositiveRate() {
        KnownRespondents.Filter filter = new KnownRespondents.Filter(100_000, KnownRespondents.FALSE_POSITIVE_RATE);
        for (int i = 0; i < 100_000; i++) {
            byte[] key = respondent("2025-06", i).bytes();
            filter.put(KnownRespondents.hash1(key), KnownRespondents.hash2(key));
        }

        long mayHold = IntStream.range(0, 100_000).mapToObj(i -> respondent("2025-09", i).bytes())
                .filter(key -> filter.mightContain(KnownRespondents.hash1(key), KnownRespondents.hash2(key))).count();

        assertThat(mayHold / 100_000.0).as("false-positive rate").isLessThan(1.3 * KnownRespondents.FALSE_POSITIVE_RATE);
    }

    @Test
    void aWildStoreEstimateOnlyGivesTheLargestFirstFilter() {
        KnownRespondents known = new KnownRespondents(Long.MAX_VALUE);

        known.add(respondent("2025-06", 1));

        assertThat(known.mayHold(respondent("2025-06", 1))).isTrue();
        assertThat(known.mayHold(respondent("2025-06", 2))).isFalse();
        assertThat(known.filters()).isEqualTo(1);
    }

    @Test
    void theSameRespondentInAnotherWaveOrPartnerIsAnotherKey() {
        KnownRespondents known = new KnownRespondents(10);

        known.add(LatestKey.of("2025-06", "panel-fr", "R-1"));

        assertThat(known.mayHold(LatestKey.of("2025-06", "panel-fr", "R-1"))).isTrue();
        assertThat(known.mayHold(LatestKey.of("2025-09", "panel-fr", "R-1"))).isFalse();
        assertThat(known.mayHold(LatestKey.of("2025-06", "panel-be", "R-1"))).isFalse();
    }

    private static LatestKey respondent(String wave, int number) {
        return LatestKey.of(wave, "panel-fr", "R-" + number);
    }
}
