package org.medpulse.streams.query.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** {@code GET /api/v1/waves/{wave}/usage}. */
@JsonPropertyOrder({"wave", "filter"})
public record UsageReport(String wave, FilterEcho filter, @JsonUnwrapped UsageStatistics usage) {
}
