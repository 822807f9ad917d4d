package org.medpulse.streams.query.report;

import java.util.Comparator;
import java.util.List;

import org.medpulse.streams.query.WaveOverview;

/** {@code GET /api/v1/waves}: every wave, sorted by wave. */
public record WavesReport(List<Wave> waves) {

    public WavesReport {
        waves = List.copyOf(waves);
    }

    public static WavesReport of(List<WaveOverview> summaries) {
        return new WavesReport(summaries.stream()
                .sorted(Comparator.comparing(WaveOverview::wave))
                .map(s -> new Wave(s.wave(), s.respondents(), s.firstSubmittedAt().toString(), s.lastSubmittedAt().toString()))
                .toList());
    }

    /** Respondents are shown whatever their number: they say how big a wave is, not what anyone answered. */
    public record Wave(String wave, long respondents, String firstSubmittedAt, String lastSubmittedAt) {
    }
}
