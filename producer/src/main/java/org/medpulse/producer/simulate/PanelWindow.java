package org.medpulse.producer.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The answering window of a simulated wave when none is given: the wave's month when the wave is
 * named {@code yyyy-MM} (up to now if the month is not over), otherwise the seven days before now.
 * Only a past {@code yyyy-MM} wave gives the same window, and so the same data, on every run.
 */
public record PanelWindow(Instant from, Instant to) {

    public static final Duration RECENT = Duration.ofDays(7);

    public static PanelWindow forWave(String wave, Instant now) {
        YearMonth month;
        try {
            month = YearMonth.parse(wave);
        } catch (DateTimeParseException e) {
            return new PanelWindow(now.minus(RECENT), now);
        }
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (!start.isBefore(now)) {
            throw new IllegalArgumentException("wave " + wave + " has not started yet (" + start
                    + "); give --from and --to to simulate it");
        }
        return new PanelWindow(start, end.isAfter(now) ? now : end);
    }
}
