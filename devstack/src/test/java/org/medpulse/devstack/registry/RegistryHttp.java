package org.medpulse.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A plain java.net.http client for the registry's REST API, so tests exercise the real HTTP surface. */
public final class RegistryHttp {

    public static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    public static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RegistryHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response: status, content type and body. */
    public record Reply(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (" + status + ", " + contentType + "): " + body, e);
            }
        }

        public int id() {
            assertThat(status).as("status of %s", body).isEqualTo(200);
            return json().get("id").asInt();
        }

        /** Asserts a Confluent error body with this status and error_code. */
        public Reply isError(int expectedStatus, int expectedErrorCode) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(contentType).startsWith(V1_JSON);
            JsonNode error = json();
            assertThat(error.get("error_code").asInt()).as("error_code of %s", body).isEqualTo(expectedErrorCode);
            assertThat(error.get("message").asText()).isNotBlank();
            return this;
        }

        public Reply isOk() {
            assertThat(status).as("status of %s", body).isEqualTo(200);
            assertThat(contentType).startsWith(V1_JSON);
            return this;
        }

        public String message() {
            return json().get("message").asText();
        }
    }

    /** {@code {"schema": <schema>}} */
    public static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Reply post(String path, String body) {
        return send("POST", path, body, V1_JSON);
    }

    public Reply put(String path, String body) {
        return send("PUT", path, body, V1_JSON);
    }

    public Reply register(String subject, String schema) {
        return post("/subjects/" + subject + "/versions", schemaBody(schema));
    }

    public Reply setLevel(String subject, String level) {
        return put("/config/" + subject, object().put("compatibility", level).toString());
    }

    public Reply send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
