package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.streams.api.survey.JsonAssertions.fieldNames;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.SurveyFixtures;

import com.fasterxml.jackson.databind.JsonNode;

/** Bad parameters, unknown things and unavailable stores: always {"error","status"} JSON, never a stack trace. */
class SurveyApiErrorsTest {

    static ApiTestServer server;

    @BeforeAll
    static void start() {
        server = ApiTestServer.start(ApiTestServer.stores().replaceAll(SurveyFixtures.panel()),
                ApiTestServer.config(SurveyApiConfig.RETRY_AFTER_SECONDS, 3), SurveyApiTest.JUNE_5_2025);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void heal() {
        server.stores.unavailable(null, true).breakWith(null);
    }

    static JsonNode error(ApiTestServer.Response response, int status) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(fieldNames(body)).containsExactly("error", "status");
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("<html");
        return body;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/waves/2025-06/usage?practiceType=surgeon | practiceType | GENERAL_PRACTITIONER, SPECIALIST, OTHER",
            "/api/v1/waves/2025-06/usage?setting=clinic | setting | HOSPITAL, PRIVATE_PRACTICE, MIXED, OTHER",
            "/api/v1/waves/2025-06/usage?partner= | partner | must not be empty",
            "/api/v1/waves/2025-06/usage?partner=a&partner=b | partner | given 2 times",
            "/api/v1/waves/2025-06/usage?practicetype=GP | practicetype | partner, practiceType, setting, allowStale",
            "/api/v1/waves/2025-06/usage?allowStale=maybe | allowStale | true or false",
            "/api/v1/waves/2025-06/barriers?top=3 | top | partner, practiceType, setting, allowStale",
            "/api/v1/waves/2025-06/tools?top=0 | top | from 1 to 100",
            "/api/v1/waves/2025-06/tools?top=101 | top | from 1 to 100",
            "/api/v1/waves/2025-06/tools?top=many | top | from 1 to 100",
            "/api/v1/usage/rolling?days=0 | days | from 1 to 366",
            "/api/v1/usage/rolling?days=367 | days | from 1 to 366",
            "/api/v1/usage/rolling?until=2025-02-30 | until | YYYY-MM-DD",
            "/api/v1/usage/rolling?until=today | until | YYYY-MM-DD",
            "/api/v1/tools/chatgpt/trend?setting=x | setting | HOSPITAL",
            "/api/v1/tools/chatgpt/trend?top=3 | top | accepts",
            "/api/v1/tools/%20/trend | tool | not blank",
            "/api/v1/waves/%20/usage | wave | not blank",
            "/api/v1/waves?partner=acme | partner | takes no filters",
            "/api/v1/waves?practiceType=GP | practiceType | takes no filters",
            "/api/v1/stream?wave=2025-06 | wave | accepts: access_token",
    })
    void aBadParameterIsA400NamingItAndWhatIsAllowed(String request, String parameter, String allowed) {
        JsonNode body = error(server.get(request), 400);

        assertThat(body.get("error").asText()).contains("'" + parameter + "'").contains(allowed);
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/waves/1999-01/usage?practiceType=surgeon",
            "/api/v1/waves/1999-01/tools?top=0",
            "/api/v1/waves/1999-01/barriers?unknown=1",
            "/api/v1/tools/no-such-tool/trend?setting=x",
    })
    void parametersAreValidatedBeforeAnythingIsLookedUp(String request) {
        int readsBefore = server.stores.reads();

        error(server.get(request), 400);

        assertThat(server.stores.reads()).isEqualTo(readsBefore);
    }

    @ParameterizedTest
    @CsvSource({"usage", "barriers", "tools"})
    void anUnknownWaveIsA404(String endpoint) {
        JsonNode body = error(server.get("/api/v1/waves/1999-01/" + endpoint + "?partner=acme"), 404);

        assertThat(body.get("error").asText()).contains("1999-01");
    }

    @Test
    void anUnknownToolIsA404() {
        JsonNode body = error(server.get("/api/v1/tools/no%20such%20tool/trend"), 404);

        assertThat(body.get("error").asText()).contains("no such tool");
    }

    @Test
    void anUnknownRouteIsAJson404EvenForABrowser() {
        error(server.get("/api/v1/nothing", "Accept", "text/html"), 404);
        error(server.get("/api/v2/waves"), 404);
        error(server.get("/", "Accept", "text/html,application/xhtml+xml"), 404);
    }

    @Test
    void anotherMethodIsAJsonError() {
        ApiTestServer.Response response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/waves"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")), "Accept", "text/html");

        assertThat(response.status()).isIn(404, 405);
        error(response, response.status());
    }

    @ParameterizedTest
    @CsvSource({"NOT_READY", "REBALANCING", "PEER_UNAVAILABLE"})
    void unavailableStoresAreA503WithRetryAfter(FailureReason reason) {
        server.stores.unavailable(reason, false);

        for (String request : new String[]{"/api/v1/waves", "/api/v1/waves/2025-06/usage", "/api/v1/waves/2025-06/barriers",
                "/api/v1/waves/2025-06/tools", "/api/v1/usage/rolling", "/api/v1/tools/chatgpt/trend"}) {
            ApiTestServer.Response response = server.get(request);
            error(response, 503);
            assertThat(response.headers().firstValue("Retry-After")).as(request).contains("3");
        }
    }

    @Test
    void allowStaleReadsAStandbyWhileTheActiveCopyMoves() {
        server.stores.unavailable(FailureReason.REBALANCING, true);

        error(server.get("/api/v1/waves/2025-06/usage"), 503);
        ApiTestServer.Response stale = server.get("/api/v1/waves/2025-06/usage?allowStale=true");

        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.json().get("respondents").asLong()).isEqualTo(50);
        assertThat(server.get("/api/v1/waves?allowStale=true").status()).isEqualTo(200);
    }

    @Test
    void aBugIsA500WithoutItsStackTrace() {
        server.stores.breakWith(new IllegalStateException("secret internals"));

        JsonNode body = error(server.get("/api/v1/waves/2025-06/usage"), 500);

        assertThat(body.get("error").asText()).doesNotContain("secret internals");
    }

    @Test
    void theStreamWantsAnEventStreamClient() {
        error(server.get("/api/v1/stream", "Accept", "application/json"), 406);
    }

    @Test
    void everyRouteAnswersWithoutAToken() {
        assertThat(server.get("/api/v1/waves").status()).isEqualTo(200);
        assertThat(server.get("/metrics").status()).isEqualTo(200);
        assertThat(server.get("/openapi.json").status()).isEqualTo(200);
    }
}
