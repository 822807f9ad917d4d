package org.medpulse.streams.query.report;

import org.medpulse.streams.query.DisclosureBlock;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** {@code GET /api/v1/usage/rolling}: usage over UTC days {@code from … until}, both included. */
@JsonPropertyOrder({"from", "until", "filter", "usage", "disclosure"})
public record RollingUsageReport(String from, String until, FilterEcho filter, @JsonUnwrapped UsageStatistics usage,
                                 DisclosureBlock disclosure) {
}
