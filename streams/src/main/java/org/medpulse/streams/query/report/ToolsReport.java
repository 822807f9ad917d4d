package org.medpulse.streams.query.report;

import java.util.List;

import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.Statistic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code GET /api/v1/waves/{wave}/tools}: tools with at least one user (as published), most used
 * first, then by id; then, if any, the {@value #OTHER_TOOLS} entry grouping the free-text tools too
 * few respondents of the wave named.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"wave", "filter", "respondents", "suppressed", "tools", "disclosure"})
public record ToolsReport(String wave, FilterEcho filter, long respondents, boolean suppressed, List<ToolStatistic> tools,
                          DisclosureBlock disclosure) {

    /** The id of the entry that groups rarely named free-text tools. */
    public static final String OTHER_TOOLS = "_other";
    public static final String OTHER_TOOLS_NAME = "Other tools";

    @JsonPropertyOrder({"tool", "name", "known", "users", "regularUsers"})
    public record ToolStatistic(String tool, String name, boolean known, Statistic users, Statistic regularUsers) {
    }
}
