package org.medpulse.streams.query.report;

import org.medpulse.streams.query.DisclosureBlock;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** {@code GET /api/v1/waves/{wave}/usage}. */
@JsonPropertyOrder({"wave", "filter", "usage", "disclosure"})
public record UsageReport(String wave, FilterEcho filter, @JsonUnwrapped UsageStatistics usage, DisclosureBlock disclosure) {
}
