package org.medpulse.streams.api.survey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.InMemoryPartitions;
import org.medpulse.streams.query.LocalQueries;
import org.medpulse.streams.query.QueryService;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

/**
 * The survey API of one instance holding every partition, on a real Javalin server on a free port,
 * over {@link InMemoryPartitions}, and a {@link java.net.http.HttpClient} to call it.
 */
final class ApiTestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ToolCatalogue CATALOGUE = ToolCatalogue.builtIn();

    final InMemoryPartitions stores;
    final ServiceMetrics metrics = ServiceMetrics.create();
    final SurveyApi api;
    final Javalin app;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiTestServer(InMemoryPartitions stores, Map<String, ?> config, Clock clock) {
        this.stores = stores;
        SurveyApiConfig apiConfig = new SurveyApiConfig(config);
        QueryService queries = LocalQueries.over(stores, apiConfig.disclosures(), () -> CATALOGUE);
        this.api = SurveyApi.create(apiConfig, queries, ApiRoute.ALL, metrics, clock);
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.router.mount(api::register);
        }).start("127.0.0.1", 0);
    }

    static ApiTestServer start(InMemoryPartitions stores, Map<String, ?> config, Clock clock) {
        return new ApiTestServer(stores, config, clock);
    }

    static ApiTestServer start(InMemoryPartitions stores) {
        return start(stores, Map.of(), Clock.systemUTC());
    }

    /** Stores of one instance holding every partition (several, so that answers are merged). */
    static InMemoryPartitions stores() {
        return InMemoryPartitions.holdingAll(3);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    }

    /** GET with optional header name/value pairs. */
    Response get(String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), headers);
    }

    Response send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
        api.close();
        metrics.close();
    }

    static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    record Response(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
