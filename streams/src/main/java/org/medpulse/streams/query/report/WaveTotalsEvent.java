package org.medpulse.streams.query.report;

import org.medpulse.streams.query.SmallCellPolicy;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The data of a {@code wave-totals} event on {@code GET /api/v1/stream}; suppressed like any result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"wave", "respondents", "suppressed", "regularUsers"})
public record WaveTotalsEvent(String wave, long respondents, boolean suppressed, Statistic regularUsers) {

    public static WaveTotalsEvent of(String wave, UsageCounts usage, SmallCellPolicy policy) {
        long n = usage.respondents();
        if (policy.suppresses(n)) {
            return new WaveTotalsEvent(wave, n, true, null);
        }
        return new WaveTotalsEvent(wave, n, false, Statistic.of(usage.regularUsers(), n));
    }
}
