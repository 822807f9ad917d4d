package org.medpulse.streams.query.report;

import java.util.List;
import java.util.SortedMap;

import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.state.WaveSummary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /api/v1/waves}: every wave, sorted by wave. */
@JsonPropertyOrder({"waves", "disclosure"})
public record WavesReport(List<Wave> waves, DisclosureBlock disclosure) {

    public WavesReport {
        waves = List.copyOf(waves);
    }

    /**
     * Respondents are shown whatever their number (as published): they say how big a wave is, not
     * what anyone answered. Times are exact for analysts, the UTC day for the public.
     */
    public static WavesReport of(SortedMap<String, WaveSummary> waves, AnswerContext context) {
        return new WavesReport(waves.entrySet().stream()
                .map(e -> new Wave(e.getKey(), context.disclosure().publish(e.getValue().respondentCount()),
                        context.time(e.getValue().firstSubmittedAt()), context.time(e.getValue().lastSubmittedAt())))
                .toList(), context.disclosure().describe());
    }

    public record Wave(String wave, long respondents, String firstSubmittedAt, String lastSubmittedAt) {
    }
}
