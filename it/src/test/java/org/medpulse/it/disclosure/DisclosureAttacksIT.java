package org.medpulse.it.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.medpulse.it.disclosure.Inference.Term.minus;
import static org.medpulse.it.disclosure.Inference.Term.plus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.ToLongFunction;

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
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.schemas.Topics;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.streams.api.survey.SseTestClient;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.query.disclosure.PerturbationParameters;
import org.medpulse.streams.query.peer.PeerSeal;
import org.medpulse.testkit.LocalStackExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The attacks of issue 13, as an outsider would run them against two instances on a real broker:
 * the public audience gets the cell key method (recommended parameters), analysts exact figures
 * with k-suppression. Each attack combines published counts into an identity that equals a small
 * group's count (two physicians who answered on one day, alone in their partner and setting).
 * Against analysts' answers (suppress) the attacks recover the group exactly, as the README says;
 * against the public's none leaves a single possible value, and no public answer ever shows a count
 * from 1 to js-1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisclosureAttacksIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    static final String ANALYST = "analyst-token-for-the-attack-it";
    static final String PUBLIC = "public-token-for-the-attack-it";
    static final String WAVE = "2025-06";
    static final String REGISTRY = "mock://disclosure-it-" + UUID.randomUUID();
    static final PerturbationParameters METHOD = PerturbationParameters.recommended();
    static final Inference EXACT = Inference.exact();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The small group: partner "tiny", setting MIXED, both on 2025-06-03; one uses AI daily. */
    static final long GROUP = 2;
    static final long GROUP_REGULAR = 1;

    static StreamsApplication a;
    static StreamsApplication b;
    static int responses;

    @BeforeAll
    static void startAndIngest() throws Exception {
        a = StreamsApplication.start(settings("a"));
        b = StreamsApplication.start(settings("b"));
        try (KafkaProducer<String, SurveyResponse> producer = producer()) {
            // 2025-06-02: 20 physicians of acme and medica, in hospital or private practice.
            for (int i = 0; i < 20; i++) {
                send(producer, i % 2 == 0 ? "acme" : "medica", "2025-06-02T09:00:00Z", i,
                        i % 2 == 0 ? PracticeSetting.HOSPITAL : PracticeSetting.PRIVATE_PRACTICE,
                        i % 3 == 0 ? UsageFrequency.NEVER : i % 3 == 1 ? UsageFrequency.DAILY : UsageFrequency.MONTHLY);
            }
            // 2025-06-03: the small group.
            send(producer, "tiny", "2025-06-03T10:00:00Z", 0, PracticeSetting.MIXED, UsageFrequency.DAILY);
            send(producer, "tiny", "2025-06-03T11:00:00Z", 1, PracticeSetting.MIXED, UsageFrequency.NEVER);
            // 2025-06-05 onwards: 40 more of acme and medica.
            for (int i = 20; i < 60; i++) {
                send(producer, i % 2 == 0 ? "acme" : "medica", "2025-06-0" + (5 + i % 4) + "T09:00:00Z", i,
                        i % 4 < 2 ? PracticeSetting.HOSPITAL : PracticeSetting.OTHER,
                        i % 2 == 0 ? UsageFrequency.WEEKLY : UsageFrequency.SEVERAL_TIMES_A_WEEK);
            }
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                respondents(a, ANALYST) == responses && respondents(b, ANALYST) == responses);
    }

    @AfterAll
    static void stop() {
        for (StreamsApplication instance : new StreamsApplication[]{a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    @Order(1)
    void theRollingWindowDifference() {
        // Analysts: two overlapping windows differ by exactly the day a one-day window suppresses.
        JsonNode day = usage(a, ANALYST, "/api/v1/usage/rolling?days=1&until=2025-06-03");
        assertThat(day.get("suppressed").asBoolean()).isTrue();
        JsonNode twoDays = usage(a, ANALYST, "/api/v1/usage/rolling?days=2&until=2025-06-03");
        JsonNode dayBefore = usage(a, ANALYST, "/api/v1/usage/rolling?days=1&until=2025-06-02");
        assertRecovered(EXACT, List.of(plus(respondents(twoDays)), minus(respondents(dayBefore))), GROUP);
        assertRecovered(EXACT, List.of(plus(regularUsers(twoDays)), minus(regularUsers(dayBefore))), GROUP_REGULAR);

        // The public may not ask for two-day windows, nor weeks ending mid-week. The closest identity its
        // windows allow: the week ending Sunday 2025-06-08 minus each of its other six days.
        assertThat(get(a, null, "/api/v1/usage/rolling?days=2&until=2025-06-03").status()).isEqualTo(400);
        assertThat(get(a, null, "/api/v1/usage/rolling?days=7&until=2025-06-03").status()).isEqualTo(400);
        JsonNode week = usage(a, null, "/api/v1/usage/rolling?days=7&until=2025-06-08");
        List<Inference.Term> respondents = new ArrayList<>(List.of(plus(respondents(week))));
        List<Inference.Term> regular = new ArrayList<>(List.of(plus(regularUsers(week))));
        for (String otherDay : List.of("2025-06-02", "2025-06-04", "2025-06-05", "2025-06-06", "2025-06-07", "2025-06-08")) {
            JsonNode other = usage(a, null, "/api/v1/usage/rolling?days=1&until=" + otherDay);
            respondents.add(minus(respondents(other)));
            regular.add(minus(regularUsers(other)));
        }
        assertNotCertain(week, respondents, GROUP);
        assertNotCertain(week, regular, GROUP_REGULAR);
        JsonNode publicDay = usage(a, null, "/api/v1/usage/rolling?days=1&until=2025-06-03");
        assertNotCertain(publicDay, List.of(plus(respondents(publicDay))), GROUP);
    }

    @Test
    @Order(2)
    void thePartnerComplement() {
        String wave = "/api/v1/waves/" + WAVE + "/usage";
        List<String> others = List.of(wave + "?partner=acme", wave + "?partner=medica");

        assertThat(usage(a, ANALYST, wave + "?partner=tiny").get("suppressed").asBoolean()).isTrue();
        assertRecovered(EXACT, complement(a, ANALYST, wave, others, DisclosureAttacksIT::respondents), GROUP);
        assertRecovered(EXACT, complement(a, ANALYST, wave, others, DisclosureAttacksIT::regularUsers), GROUP_REGULAR);

        JsonNode declared = usage(a, PUBLIC, wave);
        assertNotCertain(declared, complement(a, PUBLIC, wave, others, DisclosureAttacksIT::respondents), GROUP);
        assertNotCertain(declared, complement(a, PUBLIC, wave, others, DisclosureAttacksIT::regularUsers), GROUP_REGULAR);
    }

    @Test
    @Order(3)
    void theSettingComplement() {
        String wave = "/api/v1/waves/" + WAVE + "/usage";
        List<String> others = List.of(wave + "?setting=hospital", wave + "?setting=private_practice", wave + "?setting=other");

        assertRecovered(EXACT, complement(a, ANALYST, wave, others, DisclosureAttacksIT::respondents), GROUP);
        assertRecovered(EXACT, complement(a, ANALYST, wave, others, DisclosureAttacksIT::regularUsers), GROUP_REGULAR);

        JsonNode declared = usage(b, PUBLIC, wave);
        assertNotCertain(declared, complement(b, PUBLIC, wave, others, DisclosureAttacksIT::respondents), GROUP);
        assertNotCertain(declared, complement(b, PUBLIC, wave, others, DisclosureAttacksIT::regularUsers), GROUP_REGULAR);
    }

    @Test
    @Order(4)
    void theSameQuestionAThousandTimes() {
        String request = "/api/v1/usage/rolling?days=1&until=2025-06-03";
        Set<String> publicBodies = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            publicBodies.add(get(i % 2 == 0 ? a : b, null, request).body());
        }
        // One answer, whichever instance and however often: nothing to average.
        assertThat(publicBodies).hasSize(1);
        JsonNode answer = read(publicBodies.iterator().next());
        assertNotCertain(answer, List.of(plus(respondents(answer))), GROUP);
    }

    @Test
    @Order(5)
    void bothInstancesPublishByteIdenticalAnswersAndNoCountBelowJs() {
        List<String> requests = List.of("/api/v1/waves", "/api/v1/waves/2025-06/usage",
                "/api/v1/waves/2025-06/usage?partner=tiny", "/api/v1/waves/2025-06/usage?setting=mixed&practiceType=GP",
                "/api/v1/waves/2025-06/barriers?partner=medica", "/api/v1/waves/2025-06/tools",
                "/api/v1/usage/rolling?days=7&until=2025-06-08", "/api/v1/usage/rolling?days=1&until=2025-06-03",
                "/api/v1/tools/chatgpt/trend");
        for (String request : requests) {
            Response fromA = get(a, PUBLIC, request);
            Response fromB = get(b, null, request);
            assertThat(fromA.status()).as(request).isEqualTo(200);
            assertThat(fromB.body()).as(request).isEqualTo(fromA.body());
            JsonNode body = read(fromA.body());
            assertThat(body.get("disclosure").toString()).isEqualTo("{\"method\":\"cell-key\",\"D\":5,\"V\":3.0,\"js\":3}");
            assertThat(publishedCounts(body)).as(request).noneMatch(count -> count >= 1 && count < METHOD.js());
        }
        JsonNode wave = read(get(a, null, "/api/v1/waves").body()).get("waves").get(0);
        assertThat(wave.get("lastSubmittedAt").asText()).as("the public's times are days").isEqualTo("2025-06-08");
        assertThat(read(get(a, ANALYST, "/api/v1/waves").body()).get("waves").get(0).get("lastSubmittedAt").asText())
                .isEqualTo("2025-06-08T09:00:00Z");
    }

    @Test
    @Order(6)
    void thePeerEndpointGivesNothingToAnyoneButAnInstance() throws Exception {
        String path = "/internal/v1/partitions/usage";
        byte[] question = ("{\"parameters\":{\"wave\":\"2025-06\",\"filter\":{\"partner\":\"tiny\"}},"
                + "\"partitions\":[0,1,2,3,4,5],\"allowStale\":false}").getBytes(StandardCharsets.UTF_8);
        PeerSeal.Sealed wrong = PeerSeal.withSecret("a-secret-that-is-not-the-application's".getBytes(StandardCharsets.UTF_8))
                .sealRequest(path, question);

        List<HttpRequest> attempts = List.of(
                peer(a, path, question, Map.of()),
                peer(a, path, question, Map.of("Authorization", "Bearer " + ANALYST)),
                peer(b, path, question, Map.of("Authorization", "Bearer " + PUBLIC)),
                peer(a, path, wrong.body(), Map.of(PeerSeal.TIME_HEADER, Long.toString(wrong.time()))));
        for (HttpRequest attempt : attempts) {
            HttpResponse<String> response = HTTP.send(attempt, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s", attempt.headers().map(), response.body()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("respondents").doesNotContain("value");
        }
    }

    @Test
    @Order(7)
    void consecutiveStreamEventsAfterOneNewResponse() throws Exception {
        try (SseTestClient analyst = stream(a, ANALYST); SseTestClient everyone = stream(b, null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !analyst.waveEvents(WAVE).isEmpty()
                    && !everyone.waveEvents(WAVE).isEmpty());
            JsonNode analystBefore = last(analyst.waveEvents(WAVE));
            JsonNode publicBefore = last(everyone.waveEvents(WAVE));

            try (KafkaProducer<String, SurveyResponse> producer = producer()) {
                send(producer, "tiny", "2025-06-09T08:00:00Z", 2, PracticeSetting.MIXED, UsageFrequency.DAILY);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> respondents(last(analyst.waveEvents(WAVE))) == responses);
            JsonNode analystAfter = last(analyst.waveEvents(WAVE));
            // Analysts see exactly what the newcomer answered.
            assertRecovered(EXACT, List.of(plus(regularUsers(analystAfter)), minus(regularUsers(analystBefore))), 1);
            // The public's event for the new totals: what its wave usage shows now (the same
            // respondents, so the same noise), unless the noise absorbed the change.
            JsonNode publicNow = usage(b, null, "/api/v1/waves/" + WAVE + "/usage");
            await().atMost(Duration.ofSeconds(30)).until(() -> respondents(last(everyone.waveEvents(WAVE))) == respondents(publicNow)
                    && regularUsers(last(everyone.waveEvents(WAVE))) == regularUsers(publicNow));
            JsonNode publicAfter = last(everyone.waveEvents(WAVE));
            assertNotCertain(publicAfter, List.of(plus(regularUsers(publicAfter)), minus(regularUsers(publicBefore))), 1);
            assertNotCertain(publicAfter, List.of(plus(respondents(publicAfter)), minus(respondents(publicBefore))), 1);
        }
    }

    // -- the attacker's arithmetic ------------------------------------------------------------------

    private static void assertRecovered(Inference inference, List<Inference.Term> identity, long truth) {
        assertThat(inference.candidates(identity)).as("what %s leaves possible", identity).containsExactly(truth);
    }

    /** None of the answers pins the group down, by the method they declare. */
    private static void assertNotCertain(JsonNode answer, List<Inference.Term> identity, long truth) {
        SortedSet<Long> candidates = Inference.declaredBy(answer.get("disclosure")).candidates(identity);
        assertThat(candidates).as("what %s leaves possible", identity).contains(truth).hasSizeGreaterThan(1);
        assertThat(candidates.stream().filter(value -> value != truth && value < METHOD.js()))
                .as("another count below js stays possible").isNotEmpty();
    }

    /** The whole minus every other part, for the count {@code field} reads. */
    private static List<Inference.Term> complement(StreamsApplication instance, String token, String whole,
                                                   List<String> others, ToLongFunction<JsonNode> field) {
        List<Inference.Term> terms = new ArrayList<>();
        terms.add(plus(field.applyAsLong(usage(instance, token, whole))));
        for (String other : others) {
            terms.add(minus(field.applyAsLong(usage(instance, token, other))));
        }
        return terms;
    }

    private static long respondents(JsonNode answer) {
        return answer.get("respondents").asLong();
    }

    /** Regular users as published; a suppressed answer publishes none, which the attacker reads as 0. */
    private static long regularUsers(JsonNode answer) {
        JsonNode regular = answer.get("regularUsers");
        return regular == null ? 0 : regular.get("count").asLong();
    }

    /** Every count an answer publishes: respondents, and each statistic's count. */
    private static List<Long> publishedCounts(JsonNode node) {
        List<Long> counts = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if ((field.getKey().equals("respondents") || field.getKey().equals("count")) && field.getValue().isNumber()) {
                    counts.add(field.getValue().asLong());
                } else {
                    counts.addAll(publishedCounts(field.getValue()));
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> counts.addAll(publishedCounts(element)));
        }
        return counts;
    }

    // -- the instances and their HTTP API -----------------------------------------------------------

    private static StreamsSettings settings(String instance) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(MedPulseStreamsConfig.APPLICATION_ID, "disclosure-it");
        settings.put(MedPulseStreamsConfig.BOOTSTRAP_SERVERS, STACK.bootstrapServers());
        settings.put(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, REGISTRY);
        settings.put(MedPulseStreamsConfig.STATE_DIR, Files.createTempDirectory("disclosure-it-" + instance).toString());
        settings.put(MedPulseStreamsConfig.HTTP_PORT, 0);
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        settings.put(SurveyApiConfig.API_TOKENS, "analyst:" + ANALYST + ",public:" + PUBLIC);
        settings.put(SurveyApiConfig.DISCLOSURE, "cell-key");
        settings.put(SurveyApiConfig.STREAM_POLL_INTERVAL_MS, 50L);
        return StreamsSettings.of(settings);
    }

    record Response(int status, String body) {
    }

    private static Response get(StreamsApplication instance, String token, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.httpPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(pathAndQuery, e);
        }
    }

    private static JsonNode usage(StreamsApplication instance, String token, String pathAndQuery) {
        Response response = get(instance, token, pathAndQuery);
        assertThat(response.status()).as("%s -> %s", pathAndQuery, response.body()).isEqualTo(200);
        return read(response.body());
    }

    private static long respondents(StreamsApplication instance, String token) {
        Response response = get(instance, token, "/api/v1/waves/" + WAVE + "/usage");
        return response.status() == 200 ? respondents(read(response.body())) : -1;
    }

    private static HttpRequest peer(StreamsApplication instance, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return request.build();
    }

    private static SseTestClient stream(StreamsApplication instance, String token) {
        String query = token == null ? "" : "?access_token=" + token;
        return SseTestClient.connect(HTTP, URI.create("http://127.0.0.1:" + instance.httpPort() + "/api/v1/stream" + query));
    }

    private static JsonNode last(List<JsonNode> events) {
        return events.get(events.size() - 1);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    // -- the panel ----------------------------------------------------------------------------------

    private static KafkaProducer<String, SurveyResponse> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(),
                ConfluentAvroSerde.specific(SurveyResponse.class, Map.of(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, REGISTRY),
                        false).serializer());
    }

    private static void send(KafkaProducer<String, SurveyResponse> producer, String partner, String at, int index,
                             PracticeSetting setting, UsageFrequency frequency) throws Exception {
        SurveyResponse response = SurveyResponse.newBuilder()
                .setResponseId(partner + "-response-" + index)
                .setPartnerId(partner)
                .setRespondentId(partner + "-" + index)
                .setWaveId(WAVE)
                .setSubmittedAt(Instant.parse(at))
                .setPracticeType(index % 2 == 0 ? PracticeType.GENERAL_PRACTITIONER : PracticeType.SPECIALIST)
                .setSetting(setting)
                .setUsageFrequency(frequency)
                .setUseCases(List.of())
                .setExpectedFutureUseCases(List.of())
                .setBarriers(List.of())
                .setTools(List.of())
                .build();
        producer.send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, null, response.getSubmittedAt().toEpochMilli(),
                ResponseKey.of(response), response)).get();
        responses++;
    }
}
