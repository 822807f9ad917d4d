package org.medpulse.bench;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the benchmark put on the responses topic: respondents per wave (the totals the API must
 * report) and the partners they came from.
 */
public record LoadedPanel(SortedMap<String, Long> respondentsByWave, List<String> partners, long responses) {

    public LoadedPanel {
        respondentsByWave = new TreeMap<>(respondentsByWave);
        partners = List.copyOf(partners);
    }

    public List<String> waves() {
        return List.copyOf(respondentsByWave.keySet());
    }

    public long respondents() {
        return respondentsByWave.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The last day of the last wave: rolling windows end there so that they hold responses. */
    public LocalDate lastDay() {
        return YearMonth.parse(respondentsByWave.lastKey()).atEndOfMonth();
    }
}
