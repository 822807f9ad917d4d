package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OrderedKeyTest {

    private static final Cell GP_HOSPITAL = new Cell("p1", PracticeType.GENERAL_PRACTITIONER, PracticeSetting.HOSPITAL);

    @Test
    void componentsRoundTrip() {
        ToolKey key = ToolKey.of("2025-06", "chatgpt", new Cell("Médecins & Co", PracticeType.SPECIALIST,
                PracticeSetting.MIXED));

        ToolKey read = ToolKey.fromBytes(key.bytes().clone());

        assertThat(read).isEqualTo(key);
        assertThat(read.wave()).isEqualTo("2025-06");
        assertThat(read.tool()).isEqualTo("chatgpt");
        assertThat(read.cell()).isEqualTo(new Cell("Médecins & Co", PracticeType.SPECIALIST, PracticeSetting.MIXED));
        assertThat(read).hasToString("2025-06|chatgpt|Médecins & Co|SPECIALIST|MIXED");
    }

    @ParameterizedTest(name = "{0} in wave 2025-06: {1}")
    @CsvSource({"2025-06, true", "2025-05, false", "2025-060, false", "2025-06x, false", "2025-0, false",
            "2025-07, false"})
    void allCellsOfAWaveAreOneRangeThatNoOtherWaveEnters(String wave, boolean inRange) {
        KeyRange<CellKey> range = CellKey.ofWave("2025-06");

        assertThat(range.contains(CellKey.of(wave, GP_HOSPITAL))).isEqualTo(inRange);
        assertThat(range.contains(CellKey.of(wave, new Cell("\uffff", PracticeType.OTHER, PracticeSetting.OTHER))))
                .isEqualTo(inRange);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"chatgpt, true", "chatgpt-4o, false", "chatgp, false", "claude, false"})
    void oneToolOfAWaveIsOneRange(String tool, boolean inRange) {
        assertThat(ToolKey.ofWaveAndTool("2025-06", "chatgpt").contains(ToolKey.of("2025-06", tool, GP_HOSPITAL)))
                .isEqualTo(inRange);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"2025-05-31, false", "2025-06-01, true", "2025-06-15, true", "2025-06-30, true", "2025-07-01, false"})
    void daysFromUntilBothIncludedAreOneRange(String day, boolean inRange) {
        KeyRange<DayKey> june = DayKey.ofDays(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-30"));

        assertThat(june.contains(DayKey.of(LocalDate.parse(day), "any-wave", GP_HOSPITAL))).isEqualTo(inRange);
    }

    @Test
    void latestResponsesOfAWaveAreOneRange() {
        KeyRange<LatestKey> range = LatestKey.ofWave("w1");

        assertThat(List.of(LatestKey.of("w1", "p", "r"), LatestKey.of("w1", "z", "")))
                .allMatch(range::contains);
        assertThat(List.of(LatestKey.of("w10", "p", "r"), LatestKey.of("w", "p", "r"))).noneMatch(range::contains);
    }

    @Property(tries = 300)
    void byteOrderIsComponentOrder(@ForAll("components") List<String> a, @ForAll("components") List<String> b) {
        int byBytes = Integer.signum(LatestKey.of(a.get(0), a.get(1), a.get(2))
                .compareTo(LatestKey.of(b.get(0), b.get(1), b.get(2))));
        int byComponents = 0;
        for (int i = 0; i < 3 && byComponents == 0; i++) {
            byComponents = Integer.signum(a.get(i).compareTo(b.get(i)));
        }
        assertThat(byBytes).isEqualTo(byComponents);
    }

    @Provide
    Arbitrary<List<String>> components() {
        // Below the surrogate range UTF-8 byte order equals String order.
        return Arbitraries.strings().withChars("ab-_ é0Zz\u00ff\u0100\u4e2d").ofMaxLength(4).list().ofSize(3);
    }
}
