package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.medpulse.streams.query.SurveyFixtures;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The OpenAPI document against the code: every route, every parameter, and real responses checked
 * against the documented schemas (every field declared, every required field present, types and
 * enums respected), so the description cannot drift silently.
 */
class OpenApiDocumentTest {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    static ApiTestServer server;
    static JsonNode document;

    @BeforeAll
    static void start() {
        server = ApiTestServer.start(ApiTestServer.stores().replaceAll(SurveyFixtures.panel()), Map.of(), SurveyApiTest.JUNE_5_2025);
        ApiTestServer.Response response = server.get("/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        document = response.json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void isAnOpenApi3DocumentWithOnlyRealRoutes() {
        assertThat(document.get("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsExactlyInAnyOrder(
                ApiRoute.ALL.stream().map(ApiRoute::path).toArray(String[]::new));
    }

    static List<ApiRoute> routes() {
        return ApiRoute.ALL;
    }

    @ParameterizedTest
    @MethodSource("routes")
    void describesEveryRouteWithExactlyItsParameters(ApiRoute route) {
        JsonNode get = document.get("paths").get(route.path()).get("get");
        assertThat(get).as(route.path()).isNotNull();
        Set<String> query = new HashSet<>();
        Set<String> path = new HashSet<>();
        for (JsonNode parameter : get.get("parameters")) {
            JsonNode resolved = resolve(parameter);
            (resolved.get("in").asText().equals("path") ? path : query).add(resolved.get("name").asText());
        }
        Set<String> expectedPath = new HashSet<>();
        Matcher matcher = PATH_PARAMETER.matcher(route.path());
        while (matcher.find()) {
            expectedPath.add(matcher.group(1));
        }
        assertThat(query).as("query parameters of %s", route.path()).containsExactlyInAnyOrderElementsOf(route.queryParameters());
        assertThat(path).as("path parameters of %s", route.path()).isEqualTo(expectedPath);
        assertThat(get.get("responses").has("200")).isTrue();
        if (route.isProtected()) {
            assertThat(get.get("responses").has("401")).as("401 documented for %s", route.path()).isTrue();
            assertThat(get.get("responses").has("400")).isTrue();
            assertThat(get.get("responses").has("503")).isTrue();
        } else {
            assertThat(get.get("security")).as("%s is open", route.path()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/v1/waves, 200",
            "/api/v1/waves/2025-06/usage, 200",
            "/api/v1/waves/2025-06/usage?partner=nobody, 200",
            "/api/v1/waves/2025-06/usage?practiceType=GP&setting=HOSPITAL&partner=acme, 200",
            "/api/v1/waves/2025-06/barriers, 200",
            "/api/v1/waves/2026-06/barriers, 200",
            "/api/v1/waves/2025-06/drivers, 200",
            "/api/v1/waves/2024-06/drivers, 200",
            "/api/v1/waves/2025-06/tools, 200",
            "/api/v1/waves/2026-06/tools, 200",
            "/api/v1/usage/rolling, 200",
            "/api/v1/usage/rolling?days=1&until=2026-06-01, 200",
            "/api/v1/tools/chatgpt/trend, 200",
            "/api/v1/tools/outil-interne/trend?partner=medica, 404",
            "/api/v1/waves/2025-06/tools?top=0, 400",
            "/api/v1/waves/1999-01/usage, 404",
            "/api/v1/tools/nothing/trend, 404",
    })
    void realResponsesMatchTheirDocumentedSchema(String request, int status) {
        ApiTestServer.Response response = server.get(request);
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        String path = request.contains("?") ? request.substring(0, request.indexOf('?')) : request;
        JsonNode schema = responseSchema(templateOf(path), status);

        conform(response.json(), schema, "$");
    }

    @Test
    void streamEventsMatchTheirDocumentedSchema() {
        JsonNode schema = document.at("/components/schemas/WaveTotalsEvent");
        try (SseTestClient client = SseTestClient.connect(server.http, server.uri("/api/v1/stream"))) {
            await().until(() -> client.events.size() >= 3);
            client.events.forEach(event -> conform(event.data(), schema, "event"));
        }
    }

    private static String templateOf(String path) {
        for (ApiRoute route : ApiRoute.ALL) {
            if (path.matches(route.path().replaceAll("\\{[^}]+}", "[^/]+"))) {
                return route.path();
            }
        }
        throw new AssertionError("No route for " + path);
    }

    private static JsonNode responseSchema(String path, int status) {
        JsonNode response = resolve(document.get("paths").get(path).get("get").get("responses").get(Integer.toString(status)));
        assertThat(response).as("%s documents %s", path, status).isNotNull();
        return response.get("content").get("application/json").get("schema");
    }

    private static JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            assertThat(ref).startsWith("#/");
            JsonNode target = document.at(ref.substring(1));
            assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
            node = target;
        }
        return node;
    }

    /** Fails unless {@code value} conforms to {@code schema} (the subset of OpenAPI 3.0 the document uses). */
    private static void conform(JsonNode value, JsonNode schema, String where) {
        schema = resolve(schema);
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                conform(value, part, where);
            }
            return;
        }
        if (value.isNull()) {
            assertThat(schema.path("nullable").asBoolean()).as("%s may be null", where).isTrue();
            return;
        }
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(e -> allowed.add(e.asText()));
            assertThat(allowed).as("%s in enum", where).contains(value.asText());
        }
        switch (schema.path("type").asText()) {
            case "object" -> {
                assertThat(value.isObject()).as("%s is an object", where).isTrue();
                JsonNode properties = schema.path("properties");
                schema.path("required").forEach(r -> assertThat(value.has(r.asText())).as("%s.%s required", where, r.asText()).isTrue());
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!properties.has(field.getKey())) {
                        fail("%s.%s is not documented", where, field.getKey());
                    }
                    conform(field.getValue(), properties.get(field.getKey()), where + "." + field.getKey());
                }
            }
            case "array" -> {
                assertThat(value.isArray()).as("%s is an array", where).isTrue();
                int i = 0;
                for (JsonNode item : value) {
                    conform(item, schema.get("items"), where + "[" + i++ + "]");
                }
            }
            case "string" -> assertThat(value.isTextual()).as("%s is a string", where).isTrue();
            case "integer" -> assertThat(value.isIntegralNumber()).as("%s is an integer", where).isTrue();
            case "number" -> assertThat(value.isNumber()).as("%s is a number", where).isTrue();
            case "boolean" -> assertThat(value.isBoolean()).as("%s is a boolean", where).isTrue();
            default -> fail("%s: schema without a type: %s", where, schema);
        }
    }
}
