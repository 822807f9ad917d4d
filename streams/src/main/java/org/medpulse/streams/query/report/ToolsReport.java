package org.medpulse.streams.query.report;

import java.util.List;

import org.medpulse.streams.query.Statistic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /api/v1/waves/{wave}/tools}: tools with at least one user, most used first, then by id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"wave", "filter", "respondents", "suppressed", "tools"})
public record ToolsReport(String wave, FilterEcho filter, long respondents, boolean suppressed, List<ToolStatistic> tools) {

    @JsonPropertyOrder({"tool", "name", "known", "users", "regularUsers"})
    public record ToolStatistic(String tool, String name, boolean known, Statistic users, Statistic regularUsers) {
    }
}
