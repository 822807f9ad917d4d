package org.medpulse.streams.query.report;

import java.util.List;

import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.Statistic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /api/v1/tools/{tool}/trend}: one point per wave, sorted by wave, zeros included. */
@JsonPropertyOrder({"tool", "name", "known", "filter", "points", "disclosure"})
public record ToolTrendReport(String tool, String name, boolean known, FilterEcho filter, List<Point> points,
                              DisclosureBlock disclosure) {

    /**
     * A suppressed point shows its respondents and no counts: too few respondents, or (for a
     * free-text tool) too few respondents of the whole wave named the tool.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"wave", "respondents", "suppressed", "users", "regularUsers"})
    public record Point(String wave, long respondents, boolean suppressed, Statistic users, Statistic regularUsers) {
    }
}
