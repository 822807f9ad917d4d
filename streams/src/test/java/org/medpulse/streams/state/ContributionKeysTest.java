package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;

class ContributionKeysTest {

    private static final LocalDate DAY = LocalDate.of(2025, 6, 3);

    private final ContributionKeys keys = new ContributionKeys();

    @Test
    void handsOutKeysEqualToFreshOnesAndTheSameObjectEachTime() {
        Cell cell = cell("acme");

        ContributionKeys.CellKeys first = keys.of(new String("2025-06"), cell);
        ContributionKeys.CellKeys again = keys.of(new String("2025-06"), cell("acme"));

        assertThat(first.key).isEqualTo(CellKey.of("2025-06", cell)).isSameAs(again.key);
        assertThat(keys.day(first, DAY)).isEqualTo(DayKey.of(DAY, "2025-06", cell)).isSameAs(keys.day(again, DAY));
        assertThat(keys.tool(first, "chatgpt")).isEqualTo(ToolKey.of("2025-06", "chatgpt", cell))
                .isSameAs(keys.tool(again, new String("chatgpt")));
        assertThat(keys.of("2025-07", cell).key).as("another wave").isEqualTo(CellKey.of("2025-07", cell));
        assertThat(keys.of("2025-06", cell("other")).key).as("another partner").isEqualTo(CellKey.of("2025-06", cell("other")));
        assertThat(keys.day(first, DAY.plusDays(1))).isEqualTo(DayKey.of(DAY.plusDays(1), "2025-06", cell));
    }

    @Test
    void startsAfreshWhenFullAndStillHandsOutTheRightKeys() {
        ContributionKeys.CellKeys first = keys.of("2025-06", cell("acme"));
        for (int i = 0; i < ContributionKeys.LIMIT; i++) {
            Cell cell = cell("partner-" + i);
            ContributionKeys.CellKeys some = keys.of("2025-06", cell);
            assertThat(keys.day(some, DAY)).isEqualTo(DayKey.of(DAY, "2025-06", cell));
        }

        ContributionKeys.CellKeys later = keys.of("2025-06", cell("acme"));

        assertThat(later.key).as("made again").isEqualTo(first.key).isNotSameAs(first.key);
        assertThat(keys.tool(later, "copilot")).isEqualTo(ToolKey.of("2025-06", "copilot", cell("acme")));
    }

    private static Cell cell(String partner) {
        return new Cell(partner, PracticeType.values()[0], PracticeSetting.values()[0]);
    }
}
