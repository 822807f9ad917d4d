package org.medpulse.streams.api.survey;

import java.util.Map;

/**
 * Stops a request with an error status, a message for the client and optional headers; the one
 * exception handler of {@link SurveyApi} writes it as an {@link ApiError}.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
