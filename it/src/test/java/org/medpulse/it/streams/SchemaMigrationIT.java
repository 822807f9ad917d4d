package org.medpulse.it.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.cluster.SharedSecrets;
import org.medpulse.it.streams.ExpectedAnswers.Kind;
import org.medpulse.it.streams.ExpectedAnswers.Request;
import org.medpulse.producer.ingest.ResponseIds;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSettings.Disorder;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.schemas.SurveySchemas;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.serde.ConfluentAvroSerializer;
import org.medpulse.serde.registry.SchemaRegistryClient;
import org.medpulse.serde.registry.SchemaRegistryClients;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.testing.ReferenceModel;
import org.medpulse.streams.testing.StoreContents;
import org.medpulse.testkit.GroupProgress;
import org.medpulse.testkit.LocalStackExtension;
import org.medpulse.testkit.Sends;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Issue 15's migration, exercised in the order BACKWARD compatibility requires (consumers first),
 * on a real broker and registry:
 * <ol>
 *   <li>producers still on v1 publish a wave (generic records of {@link SurveySchemas#v1()},
 *       registered as version 1 of {@code survey-responses-value}) while the streams application
 *       runs: every answer, drivers included (nobody asked), matches an expectation computed apart;</li>
 *   <li>the application is stopped and started again on the same state directory and changelogs,
 *       without a reset: the same answers, and while it starts, only the same answers or 503;</li>
 *   <li>producers switch to v2 (the generated class, registered as version 2) while responses keep
 *       flowing, one after the other: a v2 wave, corrections of v1 respondents in v2 (some naming no
 *       driver), v1 responses still arriving from a partner not migrated, redeliveries in v1, in v2
 *       and of v1 responses through the v2 producer, and v2 answers corrected back by a later v1 one.
 *       An API client asks every question all along: each answer is the expected one before or
 *       after the response in flight, never a 500;</li>
 *   <li>after: every store equals the reference model, every answer the expectation, nothing was
 *       dead-lettered.</li>
 * </ol>
 * The application run as "v1" is this build reading v1 records: no build of MedPulse older than
 * v2 runs here. What the older build left in its stores is covered by the state serdes' unit tests
 * (a latest response of format 2 reads as not asked).
 */
class SchemaMigrationIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrationIT.class);
    private static final String APPLICATION_ID = "medpulse-schema-migration-it";
    private static final String SUBJECT = Topics.SURVEY_RESPONSES + "-value";
    private static final String V1_WAVE = "2025-06";
    private static final String V2_WAVE = "2026-06";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<Request> REQUESTS = List.of(
            Request.waves(),
            Request.of(Kind.USAGE, V1_WAVE),
            Request.of(Kind.USAGE, V1_WAVE, "partner-1"),
            Request.of(Kind.BARRIERS, V1_WAVE),
            Request.of(Kind.DRIVERS, V1_WAVE),
            Request.of(Kind.DRIVERS, V1_WAVE, "partner-2"),
            Request.of(Kind.TOOLS, V1_WAVE),
            Request.of(Kind.USAGE, V2_WAVE),
            Request.of(Kind.BARRIERS, V2_WAVE),
            Request.of(Kind.DRIVERS, V2_WAVE),
            Request.of(Kind.DRIVERS, V2_WAVE, "partner-1"),
            Request.of(Kind.TOOLS, V2_WAVE));

    @TempDir
    Path stateDir;

    /** Who wrote a record: a producer still on v1, or one on v2. */
    private enum Writer { V1, V2 }

    /** A record to send, and the response the application reads from it. */
    private record Delivery(Writer writer, SurveyResponse response) {
    }

    @Test
    void aV1WaveThenARestartThenProducersOnV2WhileResponsesFlowEveryAnswerRightThroughout() throws Exception {
        StreamsSettings settings = StreamsSettings.of(Map.of(
                MedPulseStreamsConfig.BOOTSTRAP_SERVERS, STACK.bootstrapServers(),
                MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, STACK.registryUrl(),
                MedPulseStreamsConfig.APPLICATION_ID, APPLICATION_ID,
                MedPulseStreamsConfig.STATE_DIR, stateDir.toString(),
                MedPulseStreamsConfig.HTTP_PORT, 0,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100));
        MedPulseStreamsConfig config = settings.streams();
        STACK.createTopics(config.projectTopics());
        ReferenceModel model = new ReferenceModel(ToolCatalogue.builtIn(), SharedSecrets.agree(config.adminConfigs(),
                config.secretsTopic(), List.of(MedPulseStreamsConfig.RECORD_KEY_SECRET_NAME,
                        MedPulseStreamsConfig.PEER_SECRET_NAME), Duration.ofSeconds(30))
                .get(MedPulseStreamsConfig.RECORD_KEY_SECRET_NAME));
        Map<String, Object> serde = Map.of(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, STACK.registryUrl());
        ConfluentAvroSerializer<GenericRecord> v1Serializer = new ConfluentAvroSerializer<>();
        v1Serializer.configure(serde, false);
        ConfluentAvroSerializer<SurveyResponse> v2Serializer = new ConfluentAvroSerializer<>();
        v2Serializer.configure(serde, false);
        Map<String, Object> producing = Map.of(ProducerConfig.ACKS_CONFIG, "all");

        List<SurveyResponse> v1Wave = PanelSimulator.of(PanelSettings.of(V1_WAVE, 600,
                        Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"))
                .withPartners(3).withSeed(15).withCorrectionShare(0.08).withDuplicateShare(0.05)
                .withDisorder(new Disorder(0.02, 0.02)).withMarketDrivers(false)).deliveries().toList();
        List<Delivery> migration = migration(v1Wave);

        try (Admin admin = Admin.create(STACK.clientProperties(Map.of()));
                SchemaRegistryClient registry = SchemaRegistryClients.forUrl(STACK.registryUrl());
                KafkaProducer<String, GenericRecord> v1Producer = new KafkaProducer<>(
                        STACK.clientProperties(producing), new StringSerializer(), v1Serializer);
                KafkaProducer<String, SurveyResponse> v2Producer = new KafkaProducer<>(
                        STACK.clientProperties(producing), new StringSerializer(), v2Serializer)) {
            GroupProgress progress = new GroupProgress(admin, APPLICATION_ID, Topics.SURVEY_RESPONSES,
                    ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
            long sent = 0;

            // 1. A v1 wave, with the application running.
            Map<String, JsonNode> beforeRestart;
            try (StreamsApplication app = StreamsApplication.start(settings)) {
                List<ProducerRecord<String, GenericRecord>> records = new ArrayList<>();
                for (SurveyResponse response : v1Wave) {
                    String key = ResponseKey.of(response);
                    model.accept(key, response);
                    records.add(new ProducerRecord<>(Topics.SURVEY_RESPONSES, key, asV1(response)));
                }
                Sends.all(v1Producer, records);
                sent += records.size();
                assertThat(registry.getVersions(SUBJECT)).containsExactly(1);
                assertThat(parsingForm(registry.getVersion(SUBJECT, 1).schema())).isEqualTo(parsingForm(SurveySchemas.v1()));
                long v1Records = sent;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> progress.committed() >= v1Records);

                assertStoresMatch(app, model);
                beforeRestart = expected(model);
                assertThat(beforeRestart.get(Request.of(Kind.DRIVERS, V1_WAVE).path()).toString())
                        .as("nobody was asked about drivers").contains("\"asked\":0,\"suppressed\":true");
                assertAnswers(app.httpPort(), beforeRestart);
            }

            // 2. Stopped, then started again on the same state directory and changelogs (no reset).
            assertThat(stateDir.resolve(APPLICATION_ID)).isDirectoryContaining(path -> Files.isDirectory(path));
            try (StreamsApplication app = StreamsApplication.start(settings)) {
                List<String> duringStart = new ArrayList<>();
                AtomicInteger unavailable = new AtomicInteger();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    Map<String, JsonNode> answers = answers(app.httpPort());
                    answers.forEach((path, answer) -> {
                        if (answer.asText().startsWith("HTTP 503")) {
                            unavailable.incrementAndGet();
                        } else {
                            if (!answer.equals(beforeRestart.get(path))) {
                                duringStart.add(path + " while starting: " + answer);
                            }
                        }
                    });
                    return app.streams().state() == KafkaStreams.State.RUNNING && answers.values().stream()
                            .noneMatch(answer -> answer.asText().startsWith("HTTP 503"));
                });
                assertThat(duringStart).as("answers while the application starts: the old ones or 503").isEmpty();
                LOG.info("Restarted on the same state: {} answers 503 while starting, then the answers of before",
                        unavailable.get());
                assertAnswers(app.httpPort(), beforeRestart);
                assertStoresMatch(app, model);

                // 3. Producers switch to v2 while responses keep flowing, one at a time.
                List<Map<String, JsonNode>> expectedAfter = new ArrayList<>();
                expectedAfter.add(beforeRestart);
                for (Delivery delivery : migration) {
                    model.accept(ResponseKey.of(delivery.response()), delivery.response());
                    expectedAfter.add(expected(model));
                }
                AtomicInteger inFlight = new AtomicInteger();   // deliveries sent (the last one maybe not visible yet)
                AtomicInteger visible = new AtomicInteger();    // deliveries the application has committed
                AtomicBoolean done = new AtomicBoolean();
                List<String> wrong = new CopyOnWriteArrayList<>();
                AtomicInteger asked = new AtomicInteger();
                Set<Integer> seen = ConcurrentHashMap.newKeySet();
                int port = app.httpPort();
                CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
                    while (!done.get()) {
                        for (Request request : REQUESTS) {
                            int from = visible.get();
                            JsonNode answer = answer(port, request.path());
                            int to = inFlight.get();
                            asked.incrementAndGet();
                            boolean known = false;
                            for (int k = from; k <= to && !known; k++) {
                                known = answer.equals(expectedAfter.get(k).get(request.path()));
                                if (known) {
                                    seen.add(k);
                                }
                            }
                            if (!known) {
                                wrong.add(request.path() + " with deliveries " + from + ".." + to + " visible: " + answer);
                            }
                        }
                        pause(Duration.ofMillis(10)); // one client asking all the time; the machine is shared
                    }
                });
                for (Delivery delivery : migration) {
                    inFlight.incrementAndGet();
                    String key = ResponseKey.of(delivery.response());
                    if (delivery.writer() == Writer.V1) {
                        v1Producer.send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, key, asV1(delivery.response()))).get();
                    } else {
                        v2Producer.send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, key, delivery.response())).get();
                    }
                    long target = ++sent;
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                            .until(() -> progress.committed() >= target);
                    visible.incrementAndGet();
                }
                done.set(true);
                client.get();
                assertThat(wrong).as("answers while producers switch to v2").isEmpty();
                assertThat(asked.get()).as("questions asked while responses flowed").isGreaterThan(REQUESTS.size() * 10);
                LOG.info("{} deliveries while producers switched to v2 ({} by v1 producers); {} questions asked meanwhile, "
                        + "answered from {} of the {} successive states", migration.size(),
                        migration.stream().filter(d -> d.writer() == Writer.V1).count(), asked.get(), seen.size(),
                        migration.size() + 1);
                assertThat(seen.size()).as("states the answers came from").isGreaterThan(migration.size() / 4);

                // 4. After.
                assertThat(registry.getVersions(SUBJECT)).containsExactly(1, 2);
                assertThat(parsingForm(registry.getVersion(SUBJECT, 2).schema())).isEqualTo(parsingForm(SurveySchemas.v2()));
                assertStoresMatch(app, model);
                Map<String, JsonNode> after = expectedAfter.get(migration.size());
                assertAnswers(port, after);
                assertThat(after.get(Request.of(Kind.DRIVERS, V1_WAVE).path()).path("asked").asLong())
                        .as("v1 respondents corrected in v2").isBetween((long) ExpectedAnswers.K, 40L);
                assertThat(after.get(Request.of(Kind.DRIVERS, V2_WAVE).path()).path("asked").asLong())
                        .as("the v2 wave, but for the partner not migrated")
                        .isLessThan(after.get(Request.of(Kind.DRIVERS, V2_WAVE).path()).path("respondents").asLong());
                assertThat(deadLetters()).as("nothing dead-lettered").isZero();
            }
        }
    }

    /**
     * What flows while producers switch to v2, interleaved (seeded) but each kind in its own order:
     * a v2 wave; corrections of v1 respondents in v2, some redelivered, three corrected back in v1
     * later; v1 responses redelivered in v1 and through the v2 producer; v1 answers to the v2 wave
     * from a partner not migrated yet.
     */
    private static List<Delivery> migration(List<SurveyResponse> v1Wave) {
        List<Delivery> v2Wave = PanelSimulator.of(PanelSettings.of(V2_WAVE, 40, Instant.parse("2026-06-01T00:00:00Z"),
                        Instant.parse("2026-07-01T00:00:00Z")).withPartners(3).withSeed(26).withCorrectionShare(0.2)
                .withDuplicateShare(0.1)).deliveries().map(r -> new Delivery(Writer.V2, r)).toList();

        Map<String, SurveyResponse> lastOfRespondent = new LinkedHashMap<>();
        v1Wave.forEach(r -> lastOfRespondent.merge(ResponseKey.of(r), r, (a, b) -> later(a, b)));
        List<SurveyResponse> respondents = new ArrayList<>(lastOfRespondent.values());
        List<Delivery> corrections = new ArrayList<>();
        List<Delivery> reversals = new ArrayList<>();
        Random random = new Random(1506);
        for (int i = 0; i < 24; i++) {
            SurveyResponse last = respondents.get(i * 7);
            Instant at = last.getSubmittedAt().plus(1, ChronoUnit.HOURS);
            List<MarketDriver> drivers = i % 6 == 0 ? List.of() : Stream.of(MarketDriver.values())
                    .filter(d -> random.nextInt(3) == 0).toList();
            SurveyResponse correction = SurveyResponse.newBuilder(last)
                    .setSubmittedAt(at)
                    .setResponseId(ResponseIds.derive(last.getPartnerId(), last.getRespondentId(), V1_WAVE, at))
                    .setUsageFrequency(i % 4 == 0 ? UsageFrequency.DAILY : last.getUsageFrequency())
                    .setMarketDrivers(drivers)
                    .build();
            corrections.add(new Delivery(Writer.V2, correction));
            if (i % 5 == 0) {
                corrections.add(new Delivery(Writer.V2, SurveyResponse.newBuilder(correction).build()));
            }
            if (i % 8 == 1) {
                Instant back = at.plus(1, ChronoUnit.HOURS);
                reversals.add(new Delivery(Writer.V1, SurveyResponse.newBuilder(correction).setSubmittedAt(back)
                        .setResponseId(ResponseIds.derive(last.getPartnerId(), last.getRespondentId(), V1_WAVE, back))
                        .setMarketDrivers(null).build()));
            }
        }
        corrections.addAll(reversals);

        List<Delivery> redeliveries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            SurveyResponse again = SurveyResponse.newBuilder(v1Wave.get(i * 31 + 3)).build();
            redeliveries.add(new Delivery(i % 2 == 0 ? Writer.V1 : Writer.V2, again));
        }

        List<Delivery> notMigrated = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            Instant at = Instant.parse("2026-06-10T09:00:00Z").plus(i, ChronoUnit.HOURS);
            notMigrated.add(new Delivery(Writer.V1, SurveyResponse.newBuilder(v2Wave.get(i).response())
                    .setPartnerId("partner-v1").setRespondentId("late-" + i).setSubmittedAt(at)
                    .setResponseId(ResponseIds.derive("partner-v1", "late-" + i, V2_WAVE, at))
                    .setTools(List.of(new ToolUsage("ChatGPT", UsageFrequency.WEEKLY)))
                    .setMarketDrivers(null).build()));
        }

        List<Deque<Delivery>> queues = new ArrayList<>(List.of(new ArrayDeque<>(v2Wave), new ArrayDeque<>(corrections),
                new ArrayDeque<>(redeliveries), new ArrayDeque<>(notMigrated)));
        List<Delivery> merged = new ArrayList<>();
        Random order = new Random(2026);
        while (queues.stream().anyMatch(q -> !q.isEmpty())) {
            int left = queues.stream().mapToInt(Deque::size).sum();
            int pick = order.nextInt(left);
            for (Deque<Delivery> queue : queues) {
                if (pick < queue.size()) {
                    merged.add(queue.poll());
                    break;
                }
                pick -= queue.size();
            }
        }
        return merged;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SurveyResponse later(SurveyResponse a, SurveyResponse b) {
        int byTime = a.getSubmittedAt().compareTo(b.getSubmittedAt());
        return byTime > 0 || (byTime == 0 && a.getResponseId().compareTo(b.getResponseId()) >= 0) ? a : b;
    }

    /** The response as a producer still on v1 writes it: a generic record of the v1 schema. */
    static GenericRecord asV1(SurveyResponse response) {
        Schema v1 = SurveySchemas.v1();
        Schema toolSchema = v1.getField("tools").schema().getElementType();
        Schema frequencySchema = v1.getField("usageFrequency").schema();
        List<GenericRecord> tools = new ArrayList<>();
        for (ToolUsage tool : response.getTools()) {
            tools.add(new GenericRecordBuilder(toolSchema)
                    .set("tool", tool.getTool())
                    .set("frequency", tool.getFrequency() == null ? null
                            : new GenericData.EnumSymbol(frequencySchema, tool.getFrequency().name()))
                    .build());
        }
        return new GenericRecordBuilder(v1)
                .set("responseId", response.getResponseId())
                .set("partnerId", response.getPartnerId())
                .set("respondentId", response.getRespondentId())
                .set("waveId", response.getWaveId())
                .set("submittedAt", response.getSubmittedAt().toEpochMilli())
                .set("practiceType", symbol(v1, "practiceType", response.getPracticeType()))
                .set("specialty", response.getSpecialty())
                .set("setting", symbol(v1, "setting", response.getSetting()))
                .set("region", response.getRegion())
                .set("usageFrequency", symbol(v1, "usageFrequency", response.getUsageFrequency()))
                .set("useCases", symbols(v1, "useCases", response.getUseCases()))
                .set("barriers", symbols(v1, "barriers", response.getBarriers()))
                .set("tools", tools)
                .set("expectedFutureUseCases", symbols(v1, "expectedFutureUseCases", response.getExpectedFutureUseCases()))
                .build();
    }

    private static GenericData.EnumSymbol symbol(Schema record, String field, Enum<?> value) {
        return new GenericData.EnumSymbol(record.getField(field).schema(), value.name());
    }

    private static List<GenericData.EnumSymbol> symbols(Schema record, String field, List<? extends Enum<?>> values) {
        Schema items = record.getField(field).schema().getElementType();
        return values.stream().map(value -> new GenericData.EnumSymbol(items, value.name())).toList();
    }

    private static String parsingForm(Schema schema) {
        return SchemaNormalization.toParsingForm(schema);
    }

    /** Every request's expected answer after the records the model accepted so far. */
    private static Map<String, JsonNode> expected(ReferenceModel model) {
        ExpectedAnswers answers = new ExpectedAnswers(model.expected().latest(), ToolCatalogue.builtIn());
        Map<String, JsonNode> expected = new HashMap<>();
        REQUESTS.forEach(request -> expected.put(request.path(), answers.answer(request)));
        return expected;
    }

    private static Map<String, JsonNode> answers(int port) {
        Map<String, JsonNode> answers = new HashMap<>();
        REQUESTS.forEach(request -> answers.put(request.path(), answer(port, request.path())));
        return answers;
    }

    private static void assertAnswers(int port, Map<String, JsonNode> expected) {
        Map<String, JsonNode> actual = answers(port);
        REQUESTS.forEach(request -> assertThat(actual.get(request.path())).as(request.path())
                .isEqualTo(expected.get(request.path())));
    }

    private static JsonNode answer(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return ExpectedAnswers.actual(response.statusCode(), response.body());
        } catch (IOException e) {
            return TextNode.valueOf("no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertStoresMatch(StreamsApplication app, ReferenceModel model) {
        StoreContents expected = model.expected();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(StoreContents.read(name -> app.streams().store(
                        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())))
                        .differencesFrom(expected)).isEmpty());
    }

    /** Records in the dead-letter topic. */
    private static long deadLetters() {
        TopicPartition partition = new TopicPartition(Topics.SURVEY_RESPONSES_DLQ, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(STACK.clientProperties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }
}
