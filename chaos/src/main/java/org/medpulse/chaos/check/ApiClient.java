package org.medpulse.chaos.check;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** GETs on the query API, each answer classified as an operator's monitoring would. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;

    public ApiClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /** What a GET got. */
    public record Answer(String path, Outcome outcome, int status, JsonNode body, String detail) {

        public boolean ok() {
            return outcome == Outcome.OK;
        }
    }

    public enum Outcome {
        /** 200 with a JSON body. */
        OK,
        /** 404: an unknown wave or tool (before any of its responses was processed). */
        NOT_FOUND,
        /** Refused, timed out, or 503: no answer now. */
        NO_ANSWER,
        /** A 5xx other than 503, or any other unexpected status or body. */
        ERROR
    }

    public Answer get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200) {
                try {
                    return new Answer(path, Outcome.OK, status, JSON.readTree(response.body()), "");
                } catch (IOException e) {
                    return new Answer(path, Outcome.ERROR, status, null, "200 with a body that is not JSON: "
                            + abbreviate(response.body()));
                }
            }
            if (status == 404) {
                return new Answer(path, Outcome.NOT_FOUND, status, null, abbreviate(response.body()));
            }
            if (status == 503) {
                String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                return new Answer(path, Outcome.NO_ANSWER, status, null, retryAfter == null
                        ? "503 without Retry-After: " + abbreviate(response.body())
                        : "503, Retry-After " + retryAfter);
            }
            return new Answer(path, Outcome.ERROR, status, null, status + ": " + abbreviate(response.body()));
        } catch (HttpTimeoutException e) {
            return new Answer(path, Outcome.NO_ANSWER, 0, null, "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return new Answer(path, Outcome.NO_ANSWER, 0, null, "refused (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(path, Outcome.NO_ANSWER, 0, null, "interrupted");
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
