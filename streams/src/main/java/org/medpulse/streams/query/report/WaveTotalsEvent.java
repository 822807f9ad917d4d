package org.medpulse.streams.query.report;

import org.medpulse.streams.query.SmallCellPolicy;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.query.WaveTotals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The data of a {@code wave-totals} event on {@code GET /api/v1/stream}; suppressed like any result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"wave", "respondents", "suppressed", "regularUsers"})
public record WaveTotalsEvent(String wave, long respondents, boolean suppressed, Statistic regularUsers) {

    public static WaveTotalsEvent of(WaveTotals totals, SmallCellPolicy policy) {
        long n = totals.respondents();
        if (policy.suppresses(n)) {
            return new WaveTotalsEvent(totals.wave(), n, true, null);
        }
        return new WaveTotalsEvent(totals.wave(), n, false, Statistic.of(totals.regularUsers(), n));
    }
}
