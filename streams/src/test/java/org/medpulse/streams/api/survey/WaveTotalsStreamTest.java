package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.medpulse.streams.api.survey.JsonAssertions.fieldNames;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.SurveyFixtures;

import com.fasterxml.jackson.databind.JsonNode;

class WaveTotalsStreamTest {

    ApiTestServer server;

    @BeforeEach
    void start() {
        // The default poll interval, as in production; a short heartbeat to detect departures fast.
        server = ApiTestServer.start(ApiTestServer.stores().replaceAll(SurveyFixtures.panel()),
                ApiTestServer.config(SurveyApiConfig.STREAM_HEARTBEAT_INTERVAL_MS, 100L), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SseTestClient connect(HttpClient http) {
        SseTestClient client = SseTestClient.connect(http, server.uri("/api/v1/stream"));
        assertThat(client.status).isEqualTo(200);
        return client;
    }

    @Test
    void aClientGetsEveryWaveThenEachChangeWithinASecond() {
        try (SseTestClient client = connect(server.http)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> client.events.size() >= 3);
            assertThat(client.events).extracting(SseTestClient.Event::name).containsOnly("wave-totals");
            JsonNode june2025 = client.waveEvents("2025-06").get(0);
            assertThat(fieldNames(june2025)).containsExactly("wave", "respondents", "suppressed", "regularUsers", "disclosure");
            assertThat(june2025.get("respondents").asLong()).isEqualTo(50);
            assertThat(june2025.get("regularUsers").get("count").asLong()).isEqualTo(20);

            server.stores.add(Answer.in("2025-06").frequency(UsageFrequency.DAILY).build());

            await().atMost(Duration.ofSeconds(1)).until(() -> client.waveEvents("2025-06").size() == 2);
            JsonNode changed = client.waveEvents("2025-06").get(1);
            assertThat(changed.get("respondents").asLong()).isEqualTo(51);
            assertThat(changed.get("regularUsers").get("count").asLong()).isEqualTo(21);
            assertThat(client.waveEvents("2024-06")).as("unchanged waves send nothing new").hasSize(1);
        }
    }

    @Test
    void smallWavesAreSuppressedInEventsToo() {
        try (SseTestClient client = connect(server.http)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.waveEvents("2026-06").isEmpty());

            JsonNode small = client.waveEvents("2026-06").get(0);
            assertThat(fieldNames(small)).containsExactly("wave", "respondents", "suppressed", "disclosure");
            assertThat(small.get("suppressed").asBoolean()).isTrue();
        }
    }

    @Test
    void everyClientGetsTheChangesAndDepartedClientsAreCleanedUp() {
        HttpClient other = HttpClient.newHttpClient();
        try (SseTestClient staying = connect(server.http)) {
            SseTestClient leaving = connect(other);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.api.streamClients() == 2
                    && staying.events.size() >= 3 && leaving.events.size() >= 3);

            leaving.close();

            await().atMost(Duration.ofSeconds(5)).until(() -> server.api.streamClients() == 1);
            server.stores.add(Answer.in("2026-06").build());
            await().atMost(Duration.ofSeconds(5)).until(() -> client2026(staying).size() == 2);
            assertThat(client2026(staying).get(1).get("respondents").asLong()).isEqualTo(4);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.api.streamClients() == 0);
    }

    @Test
    void idleConnectionsGetHeartbeats() {
        try (SseTestClient client = connect(server.http)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> client.comments.size() >= 3);
            assertThat(client.comments.get(0)).isEqualTo("connected");
        }
    }

    private static List<JsonNode> client2026(SseTestClient client) {
        return client.waveEvents("2026-06");
    }
}
