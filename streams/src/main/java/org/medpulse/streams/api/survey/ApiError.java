package org.medpulse.streams.api.survey;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The body of every error this API returns: {@code {"error":"…","status":400}}. */
@JsonPropertyOrder({"error", "status"})
public record ApiError(String error, int status) {
}
