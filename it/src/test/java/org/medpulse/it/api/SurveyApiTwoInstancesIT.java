package org.medpulse.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.streams.api.survey.ApiRoute;
import org.medpulse.streams.api.survey.RespondentsByPartnerQuestion;
import org.medpulse.streams.api.survey.ServiceMetrics;
import org.medpulse.streams.api.survey.SurveyApi;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.InMemoryPartitions;
import org.medpulse.streams.query.LocalQueries;
import org.medpulse.streams.query.SurveyFixtures;
import org.medpulse.testkit.LocalStackExtension;

import io.javalin.Javalin;

/**
 * Two instances of the streams application (same application id, their own state directories and
 * ports) on a real broker: every endpoint answers identically and completely from either, exactly
 * as a reference computed from the ingested panel; when one stops, the other answers everything
 * alone after the rebalance, and meanwhile answers 200 (complete) or 503, never 500.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SurveyApiTwoInstancesIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    static final String TOKEN = "it-token";
    static final List<Answer> PANEL = SurveyFixtures.panel();
    static final List<String> REQUESTS = List.of(
            "/api/v1/waves",
            "/api/v1/waves/2025-06/usage",
            "/api/v1/waves/2025-06/usage?partner=medica",
            "/api/v1/waves/2025-06/usage?practiceType=GP&setting=hospital",
            "/api/v1/waves/2026-06/usage",
            "/api/v1/waves/2025-06/barriers",
            "/api/v1/waves/2024-06/barriers?partner=acme",
            "/api/v1/waves/2025-06/tools",
            "/api/v1/waves/2025-06/tools?top=2&partner=acme",
            "/api/v1/usage/rolling?days=1&until=2025-06-02",
            "/api/v1/usage/rolling?days=366&until=2025-12-31&practiceType=specialist",
            "/api/v1/tools/chatgpt/trend",
            "/api/v1/tools/Chat%20GPT/trend?partner=medica",
            "/api/v1/tools/outil-interne/trend",
            "/api/v1/tools/nothing-like-it/trend",
            "/api/v1/waves/1999-01/usage",
            // A question declared only in test code, through the same extension point as the API's.
            "/api/v1/waves/2025-06/respondents-by-partner");
    /** The API's routes and one only tests know. */
    static final List<ApiRoute> ROUTES = Stream.concat(ApiRoute.ALL.stream(),
            Stream.of(RespondentsByPartnerQuestion.ROUTE)).toList();

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String REGISTRY = "mock://survey-api-it-" + UUID.randomUUID();
    static Javalin reference;
    static SurveyApi referenceApi;
    static StreamsApplication a;
    static StreamsApplication b;
    static final Map<String, Response> EXPECTED = new ConcurrentHashMap<>();

    record Response(int status, String body) {
    }

    @BeforeAll
    static void startAndIngest() throws Exception {
        SurveyApiConfig apiConfig = new SurveyApiConfig(Map.of(SurveyApiConfig.API_TOKEN, TOKEN));
        referenceApi = SurveyApi.create(apiConfig, LocalQueries.over(InMemoryPartitions.holdingAll(3).replaceAll(PANEL),
                apiConfig.smallCellPolicy(), ToolCatalogue::builtIn), ROUTES, ServiceMetrics.create(), Clock.systemUTC());
        reference = Javalin.create(c -> c.router.mount(referenceApi::register)).start("127.0.0.1", 0);
        for (String request : REQUESTS) {
            EXPECTED.put(request, get(reference.port(), request));
        }
        // The application creates its topics: the responses topic must keep years-old records.
        a = StreamsApplication.start(config("a"), ROUTES);
        b = StreamsApplication.start(config("b"), ROUTES);
        ingest();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[]{a, b}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
        if (reference != null) {
            reference.stop();
            referenceApi.close();
        }
    }

    @Test
    @Order(1)
    void eitherInstanceAnswersCompletelyThenTheSurvivorAloneWithoutA500() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertAnswersEverything(a);
            assertAnswersEverything(b);
        });

        String metrics = get(a.httpPort(), "/metrics").body();
        assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/waves/{wave}/usage\",status=\"200\"}")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/internal/v1/partitions/{question}\"")
                .contains("kafka_stream_thread_process_total");

        List<Integer> statuses = new ArrayList<>();
        AtomicInteger complete = new AtomicInteger();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> b.close());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            boolean all = true;
            for (String request : REQUESTS) {
                Response stale = get(a.httpPort(), request + (request.contains("?") ? "&" : "?") + "allowStale=true");
                statuses.add(stale.status());
                if (stale.status() != 503) {
                    assertThat(stale).as("%s stale, during the rebalance", request).isEqualTo(EXPECTED.get(request));
                }
                Response response = get(a.httpPort(), request);
                statuses.add(response.status());
                if (response.status() == 200 || response.status() == 404) {
                    assertThat(response).as("%s during the rebalance", request).isEqualTo(EXPECTED.get(request));
                    complete.incrementAndGet();
                } else {
                    assertThat(response.status()).as("%s during the rebalance: %s", request, response.body()).isEqualTo(503);
                    all = false;
                }
            }
            return all && stopping.isDone();
        });

        assertThat(statuses).doesNotContain(500).isNotEmpty();
        assertAnswersEverything(a);
    }

    /** After the first test: the expected answers name tools with the built-in catalogue only. */
    @Test
    @Order(2)
    void toolsAreNamedByEntriesOperatorsAddAtRuntime() throws Exception {
        String request = "/api/v1/waves/2025-06/tools?partner=medica";
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(a.httpPort(), request).body().contains("\"tool\":\"_other\",\"name\":\"Other tools\",\"known\":false"));
        // One respondent typed that name: fewer than k, so it is only counted under "other tools".
        assertThat(get(a.httpPort(), request).body()).doesNotContain("outil-interne");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TOOL_CATALOGUE, "outil-interne", ToolCatalogue.toJson(
                    new ToolEntry("outil-interne", "Outil Interne du CHU", "CHU", "assistant", List.of("oi"), true)))).get();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(a.httpPort(), request).body().contains("\"tool\":\"outil-interne\",\"name\":\"Outil Interne du CHU\",\"known\":true"));
        assertThat(get(a.httpPort(), "/api/v1/tools/OI/trend").body()).contains("\"tool\":\"outil-interne\"");
    }

    private static void assertAnswersEverything(StreamsApplication instance) {
        for (String request : REQUESTS) {
            assertThat(get(instance.httpPort(), request)).as(request).isEqualTo(EXPECTED.get(request));
        }
    }

    private static StreamsSettings config(String instance) throws Exception {
        Path stateDir = Files.createTempDirectory("survey-api-it-" + instance);
        Map<String, Object> settings = new HashMap<>();
        settings.put(MedPulseStreamsConfig.APPLICATION_ID, "survey-api-it");
        settings.put(MedPulseStreamsConfig.BOOTSTRAP_SERVERS, STACK.bootstrapServers());
        settings.put(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, REGISTRY);
        settings.put(MedPulseStreamsConfig.STATE_DIR, stateDir.toString());
        settings.put(MedPulseStreamsConfig.HTTP_HOST, "127.0.0.1");
        settings.put(MedPulseStreamsConfig.HTTP_PORT, 0);
        settings.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        settings.put(SurveyApiConfig.API_TOKEN, TOKEN);
        return StreamsSettings.of(settings);
    }

    private static void ingest() throws Exception {
        Map<String, Object> serde = Map.of(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, REGISTRY);
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, SurveyResponse> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                ConfluentAvroSerde.specific(SurveyResponse.class, serde, false).serializer())) {
            for (int i = 0; i < PANEL.size(); i++) {
                SurveyResponse response = toAvro(PANEL.get(i), i);
                producer.send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, null, response.getSubmittedAt().toEpochMilli(),
                        ResponseKey.of(response), response)).get();
            }
        }
    }

    private static SurveyResponse toAvro(Answer answer, int index) {
        List<ToolUsage> tools = new ArrayList<>();
        answer.tools().forEach((tool, frequency) -> tools.add(new ToolUsage(tool, frequency)));
        return SurveyResponse.newBuilder()
                .setResponseId("response-" + index)
                .setPartnerId(answer.partnerId())
                .setRespondentId("respondent-" + index)
                .setWaveId(answer.wave())
                .setSubmittedAt(answer.submittedAt())
                .setPracticeType(answer.practiceType())
                .setSetting(answer.setting())
                .setUsageFrequency(answer.frequency())
                .setUseCases(new ArrayList<>(answer.useCases()))
                .setExpectedFutureUseCases(new ArrayList<>(answer.expectedFutureUseCases()))
                .setBarriers(new ArrayList<>(answer.barriers()))
                .setTools(tools)
                .build();
    }

    static Response get(int port, String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(pathAndQuery, e);
        }
    }
}
