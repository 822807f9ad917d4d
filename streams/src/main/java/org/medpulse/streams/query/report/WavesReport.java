package org.medpulse.streams.query.report;

import java.util.List;
import java.util.SortedMap;

import org.medpulse.streams.state.WaveSummary;

/** {@code GET /api/v1/waves}: every wave, sorted by wave. */
public record WavesReport(List<Wave> waves) {

    public WavesReport {
        waves = List.copyOf(waves);
    }

    public static WavesReport of(SortedMap<String, WaveSummary> waves) {
        return new WavesReport(waves.entrySet().stream()
                .map(e -> new Wave(e.getKey(), e.getValue().respondents(), e.getValue().firstSubmittedAt().toString(),
                        e.getValue().lastSubmittedAt().toString()))
                .toList());
    }

    /** Respondents are shown whatever their number: they say how big a wave is, not what anyone answered. */
    public record Wave(String wave, long respondents, String firstSubmittedAt, String lastSubmittedAt) {
    }
}
