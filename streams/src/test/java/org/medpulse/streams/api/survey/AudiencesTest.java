package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medpulse.streams.query.InMemoryPartitions;
import org.medpulse.streams.query.SurveyFixtures;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One API, two audiences: analysts' tokens get exactly what an instance without any audience
 * configured answers (today's answers), the public gets the cell key method; and the public's
 * answers do not depend on how the respondents are spread over partitions.
 */
class AudiencesTest {

    static final String ANALYST = "an-analyst-token-for-tests";
    static final String PUBLIC = "a-public-token-for-tests";
    static final List<String> REQUESTS = List.of("/api/v1/waves", "/api/v1/waves/2025-06/usage",
            "/api/v1/waves/2025-06/usage?partner=medica", "/api/v1/waves/2025-06/usage?practiceType=GP&setting=hospital",
            "/api/v1/waves/2026-06/usage", "/api/v1/waves/2025-06/barriers", "/api/v1/waves/2024-06/barriers?partner=acme",
            "/api/v1/waves/2025-06/tools", "/api/v1/waves/2025-06/tools?top=2&partner=acme",
            "/api/v1/usage/rolling?days=1&until=2025-06-02", "/api/v1/usage/rolling?days=30&until=2025-06-14",
            "/api/v1/usage/rolling?days=7&until=2025-06-08",
            "/api/v1/tools/chatgpt/trend", "/api/v1/tools/Chat%20GPT/trend?partner=medica", "/api/v1/tools/posos/trend");

    static ApiTestServer unconfigured;
    static ApiTestServer cellKey;
    static ApiTestServer suppressing;

    @BeforeAll
    static void start() {
        unconfigured = ApiTestServer.start(panel(3), Map.of(), SurveyApiTest.JUNE_5_2025);
        cellKey = ApiTestServer.start(panel(3), ApiTestServer.config(SurveyApiConfig.API_TOKENS,
                "analyst:" + ANALYST + " public:" + PUBLIC, SurveyApiConfig.DISCLOSURE, "cell-key"), SurveyApiTest.JUNE_5_2025);
        suppressing = ApiTestServer.start(panel(3), ApiTestServer.config(SurveyApiConfig.API_TOKENS,
                "analyst:" + ANALYST, SurveyApiConfig.DISCLOSURE, "suppress"), SurveyApiTest.JUNE_5_2025);
    }

    @AfterAll
    static void stop() {
        unconfigured.close();
        cellKey.close();
        suppressing.close();
    }

    static InMemoryPartitions panel(int partitions) {
        return InMemoryPartitions.holdingAll(partitions).replaceAll(SurveyFixtures.panel());
    }

    @Test
    void analystsGetTodaysAnswers() {
        for (String request : REQUESTS) {
            ApiTestServer.Response today = unconfigured.get(request);
            assertThat(cellKey.get(request, "Authorization", "Bearer " + ANALYST).body()).as(request).isEqualTo(today.body());
            assertThat(suppressing.get(request, "Authorization", "Bearer " + ANALYST).body()).as(request).isEqualTo(today.body());
        }
    }

    @Test
    void thePublicUnderSuppressionGetsTheSameFiguresWithTimesToTheDay() {
        for (String request : REQUESTS) {
            String today = unconfigured.get(request).body();
            String publicAnswer = suppressing.get(request).body();
            assertThat(publicAnswer).as(request).isEqualTo(today.replaceAll("T\\d\\d:\\d\\d:\\d\\dZ", ""));
        }
    }

    @Test
    void thePublicGetsPerturbedCountsNeverBelowJsAndSaysSo() {
        int differing = 0;
        for (String request : REQUESTS) {
            ApiTestServer.Response tokenless = cellKey.get(request);
            ApiTestServer.Response withToken = cellKey.get(request, "Authorization", "Bearer " + PUBLIC);
            assertThat(tokenless.status()).as(request).isEqualTo(200);
            assertThat(withToken.body()).as("a public token is the token-less audience").isEqualTo(tokenless.body());
            JsonNode body = tokenless.json();
            assertThat(tokenless.body()).as(request).endsWith(",\"disclosure\":{\"method\":\"cell-key\",\"D\":5,\"V\":3.0,\"js\":3}}");
            assertThat(counts(body)).as(request).noneMatch(count -> count == 1 || count == 2);
            differing += tokenless.body().equals(unconfigured.get(request).body().replace(
                    "{\"method\":\"suppress\",\"k\":5}", "{\"method\":\"cell-key\",\"D\":5,\"V\":3.0,\"js\":3}")) ? 0 : 1;
        }
        assertThat(differing).as("answers whose figures moved").isGreaterThan(REQUESTS.size() / 2);
        assertThat(cellKey.get("/api/v1/waves").json().get("waves").get(1).get("lastSubmittedAt").asText())
                .isEqualTo("2025-06-04");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void thePublicsAnswersDoNotDependOnHowRespondentsAreSpreadOverPartitions(int partitions) {
        try (ApiTestServer other = ApiTestServer.start(panel(partitions), ApiTestServer.config(SurveyApiConfig.DISCLOSURE,
                "cell-key"), SurveyApiTest.JUNE_5_2025)) {
            for (String request : REQUESTS) {
                assertThat(other.get(request).body()).as(request).isEqualTo(cellKey.get(request).body());
            }
        }
    }

    @Test
    void thePublicMayAskForAFewWindowsThatTileTheCalendarOnly() {
        ApiTestServer.Response twoDays = cellKey.get("/api/v1/usage/rolling?days=2&until=2025-06-03");
        ApiTestServer.Response midWeek = cellKey.get("/api/v1/usage/rolling?days=7&until=2025-06-04");
        ApiTestServer.Response midBlock = cellKey.get("/api/v1/usage/rolling?days=30&until=2025-06-05");

        assertThat(twoDays.status()).isEqualTo(400);
        assertThat(twoDays.json().get("error").asText()).contains("'days' must be one of 1, 7, 30, 90");
        assertThat(midWeek.status()).isEqualTo(400);
        assertThat(midWeek.json().get("error").asText()).contains("a week (Monday to Sunday)", "2025-06-01 or 2025-06-08");
        assertThat(midBlock.status()).isEqualTo(400);
        assertThat(midBlock.json().get("error").asText()).contains("2025-05-15 or 2025-06-14");
        // Without 'until', the window ends on the last allowed day up to today (2025-06-05, a Thursday).
        assertThat(cellKey.get("/api/v1/usage/rolling?days=7").json().get("until").asText()).isEqualTo("2025-06-01");
        assertThat(cellKey.get("/api/v1/usage/rolling?days=1").json().get("until").asText()).isEqualTo("2025-06-05");
        // Analysts and the public under suppression ask for any window, as before.
        assertThat(cellKey.get("/api/v1/usage/rolling?days=2&until=2025-06-03", "Authorization", "Bearer " + ANALYST)
                .status()).isEqualTo(200);
        assertThat(suppressing.get("/api/v1/usage/rolling?days=2&until=2025-06-03").status()).isEqualTo(200);
        assertThat(suppressing.get("/api/v1/usage/rolling?days=7").json().get("until").asText()).isEqualTo("2025-06-05");
    }

    @Test
    void eachAudienceStreamsItsOwnFigures() {
        try (SseTestClient everyone = SseTestClient.connect(cellKey.http, cellKey.uri("/api/v1/stream"));
             SseTestClient analyst = SseTestClient.connect(cellKey.http,
                     URI.create(cellKey.uri("/api/v1/stream").toString() + "?access_token=" + ANALYST))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !everyone.waveEvents("2025-06").isEmpty()
                    && !analyst.waveEvents("2025-06").isEmpty());
            assertThat(everyone.waveEvents("2025-06").get(0).get("disclosure").get("method").asText()).isEqualTo("cell-key");
            assertThat(analyst.waveEvents("2025-06").get(0).get("disclosure").get("method").asText()).isEqualTo("suppress");
            assertThat(analyst.waveEvents("2025-06").get(0).get("respondents").asLong()).isEqualTo(50);
        }
    }

    @Test
    void aWrongTokenIsRefusedWhenTokensAreConfigured() {
        assertThat(cellKey.get("/api/v1/waves", "Authorization", "Bearer not-a-token").status()).isEqualTo(401);
    }

    /** Every count an answer publishes: respondents, and each statistic's count. */
    static List<Long> counts(JsonNode node) {
        List<Long> counts = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if ((field.getKey().equals("respondents") || field.getKey().equals("count")) && field.getValue().isNumber()) {
                    counts.add(field.getValue().asLong());
                } else {
                    counts.addAll(counts(field.getValue()));
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> counts.addAll(counts(element)));
        }
        return counts;
    }
}
