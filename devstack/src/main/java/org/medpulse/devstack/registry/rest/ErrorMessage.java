package org.medpulse.devstack.registry.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Confluent's error body: {@code {"error_code":40401,"message":"Subject 'x' not found."}}. */
record ErrorMessage(@JsonProperty("error_code") int errorCode, @JsonProperty("message") String message) {

    /** A plain HTTP error, worded as Confluent's Jersey stack words it ("HTTP 404 Not Found"). */
    static ErrorMessage ofStatus(int status) {
        return new ErrorMessage(status, "HTTP " + status + " " + reason(status));
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
