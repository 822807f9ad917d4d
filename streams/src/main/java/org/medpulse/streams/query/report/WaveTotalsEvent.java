package org.medpulse.streams.query.report;

import org.medpulse.streams.query.Disclosure;
import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.state.Count;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The data of a {@code wave-totals} event on {@code GET /api/v1/stream}; published like any result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"wave", "respondents", "suppressed", "regularUsers", "disclosure"})
public record WaveTotalsEvent(String wave, long respondents, boolean suppressed, Statistic regularUsers,
                              DisclosureBlock disclosure) {

    public static WaveTotalsEvent of(String wave, UsageCounts usage, Disclosure disclosure) {
        Count n = usage.respondentCount();
        long shown = disclosure.publish(n);
        if (disclosure.suppresses(n)) {
            return new WaveTotalsEvent(wave, shown, true, null, disclosure.describe());
        }
        return new WaveTotalsEvent(wave, shown, false, disclosure.statistic(usage.regularUsersCount(), n), disclosure.describe());
    }
}
