package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medpulse.streams.query.SurveyFixtures;

class AudienceAuthTest {

    static final String TOKEN = "s3cr3t-t0ken";
    static ApiTestServer server;

    @BeforeAll
    static void start() {
        server = ApiTestServer.start(ApiTestServer.stores().replaceAll(SurveyFixtures.panel()),
                ApiTestServer.config(SurveyApiConfig.API_TOKEN, TOKEN), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/waves", "/api/v1/waves/2025-06/usage", "/api/v1/waves/2025-06/barriers",
            "/api/v1/waves/2025-06/tools", "/api/v1/usage/rolling", "/api/v1/tools/chatgpt/trend", "/api/v1/stream"})
    void everyApiRouteNeedsTheToken(String path) {
        ApiTestServer.Response missing = server.get(path, "Accept", "text/event-stream");
        ApiTestServer.Response wrong = server.get(path, "Authorization", "Bearer nope", "Accept", "text/event-stream");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(missing.json().get("status").asInt()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void theRightTokenOpensTheApi() {
        assertThat(server.get("/api/v1/waves", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/waves", "Authorization", "bearer " + TOKEN).status()).isEqualTo(200);
    }

    @Test
    void otherSchemesAndTokenPrefixesAreRefused() {
        assertThat(server.get("/api/v1/waves", "Authorization", "Basic " + TOKEN).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/waves", "Authorization", "Bearer " + TOKEN.substring(1)).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/waves", "Authorization", "Bearer " + TOKEN + "x").status()).isEqualTo(401);
        assertThat(server.get("/api/v1/waves", "Authorization", "Bearer").status()).isEqualTo(401);
    }

    @Test
    void theStreamAlsoTakesTheTokenInTheQueryForEventSource() {
        try (SseTestClient client = SseTestClient.connect(server.http, server.uri("/api/v1/stream?access_token=" + TOKEN))) {
            assertThat(client.status).isEqualTo(200);
        }
        ApiTestServer.Response wrong = server.get("/api/v1/stream?access_token=nope", "Accept", "text/event-stream");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void noOtherRouteTakesTheTokenInTheQuery() {
        assertThat(server.get("/api/v1/waves?access_token=" + TOKEN).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/waves?access_token=" + TOKEN, "Authorization", "Bearer " + TOKEN).status())
                .as("an unknown parameter there").isEqualTo(400);
    }

    @Test
    void authenticationComesBeforeParameterValidation() {
        assertThat(server.get("/api/v1/waves/2025-06/tools?top=0").status()).isEqualTo(401);
    }

    @Test
    void metricsAndTheApiDescriptionStayOpen() {
        assertThat(server.get("/metrics").status()).isEqualTo(200);
        assertThat(server.get("/openapi.json").status()).isEqualTo(200);
    }

    @Test
    void withoutAnyTokenConfiguredTheApiAnswersAsBeforeWhateverHeaderComes() {
        try (ApiTestServer open = ApiTestServer.start(ApiTestServer.stores().replaceAll(SurveyFixtures.panel()))) {
            assertThat(open.get("/api/v1/waves").status()).isEqualTo(200);
            assertThat(open.get("/api/v1/waves", "Authorization", "Bearer anything").status()).isEqualTo(200);
            assertThat(open.get("/api/v1/waves").json().get("waves").get(0).get("lastSubmittedAt").asText())
                    .as("an analyst's exact time").contains("T");
        }
    }
}
