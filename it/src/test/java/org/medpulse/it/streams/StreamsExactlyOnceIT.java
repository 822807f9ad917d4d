package org.medpulse.it.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.bench.BenchPanel;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.cluster.SharedSecrets;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.testing.ReferenceModel;
import org.medpulse.streams.testing.StoreContents;
import org.medpulse.testkit.ChildJvm;
import org.medpulse.testkit.GroupProgress;
import org.medpulse.testkit.LocalStackExtension;
import org.medpulse.testkit.Sends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once on a real broker: the streams application runs in a child JVM, is killed with
 * SIGKILL while responses keep arriving, and a new instance takes over its state directory. In
 * the end every store equals the reference model of everything produced (nothing lost, nothing
 * counted twice) and the dead-letter topic holds each poison pill exactly once.
 */
class StreamsExactlyOnceIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    private static final String SCOPE = "exactly-once-it";
    private static final String APPLICATION_ID = "medpulse-exactly-once-it";
    private static final int RESPONSES = 30_000;
    // The killed member leaves the group only when its session expires (45 s by default in Streams).
    private static final String SESSION_TIMEOUT_MS = "6000";
    private static final Logger LOG = LoggerFactory.getLogger(StreamsExactlyOnceIT.class);

    @TempDir
    Path stateDir;

    @AfterAll
    static void dropRegistry() {
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void killedMidStreamAndRestartedItCountsEveryResponseExactlyOnce() throws Exception {
        StreamsSettings settings = StreamsSettings.of(Map.of(
                MedPulseStreamsConfig.BOOTSTRAP_SERVERS, STACK.bootstrapServers(),
                MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
                MedPulseStreamsConfig.APPLICATION_ID, APPLICATION_ID,
                MedPulseStreamsConfig.STATE_DIR, stateDir.toString(),
                MedPulseStreamsConfig.HTTP_PORT, 0,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000"));
        MedPulseStreamsConfig config = settings.streams();
        STACK.createTopics(config.projectTopics());
        // The instances keep their record-key secret in the application's secrets topic, whoever starts first.
        ReferenceModel model = new ReferenceModel(ToolCatalogue.builtIn(), SharedSecrets.agree(config.adminConfigs(),
                config.secretsTopic(), List.of(MedPulseStreamsConfig.RECORD_KEY_SECRET_NAME, MedPulseStreamsConfig.PEER_SECRET_NAME),
                Duration.ofSeconds(30)).get(MedPulseStreamsConfig.RECORD_KEY_SECRET_NAME));
        List<byte[]> pills = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = history(model, pills);
        int firstPart = records.size() * 4 / 10;
        int secondPart = records.size() * 7 / 10;

        try (Admin admin = Admin.create(STACK.clientProperties(Map.of()));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.clientProperties(Map.of(
                        ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            GroupProgress progress = new GroupProgress(admin, APPLICATION_ID, Topics.SURVEY_RESPONSES,
                    ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
            send(producer, records.subList(0, firstPart));

            long committedAtKill;
            try (ChildJvm child = ChildJvm.start(Path.of("target", "it-logs", "streams-exactly-once-child.log"),
                    StreamsChildMain.class, List.of(SCOPE, "streams", "--bootstrap", STACK.bootstrapServers(),
                            "--registry", "mock://" + SCOPE, "--application-id", APPLICATION_ID,
                            "--state-dir", stateDir.toString(), "--port", "0",
                            "--kafka-property", "session.timeout.ms=" + SESSION_TIMEOUT_MS,
                            "--kafka-property", "heartbeat.interval.ms=1000"))) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> progress.committed() >= records.size() / 10 || !child.isAlive());
                assertThat(child.isAlive()).as("child output:%n%s", child.output()).isTrue();
                send(producer, records.subList(firstPart, secondPart));
                committedAtKill = progress.committed();
                child.kill();
                LOG.info("Killed the child with {} of {} produced records committed", committedAtKill, secondPart);
            }
            send(producer, records.subList(secondPart, records.size()));
            assertThat(committedAtKill).isLessThan(records.size());

            try (StreamsApplication restarted = StreamsApplication.start(settings)) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> restarted.streams().state() == KafkaStreams.State.RUNNING && progress.caughtUp());

                StoreContents expected = model.expected();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                        assertThat(StoreContents.read(name -> restarted.streams().store(
                                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())))
                                .differencesFrom(expected)).isEmpty());
                assertThat(expected.waves().values().stream().mapToLong(w -> w.respondents()).sum())
                        .isGreaterThan(RESPONSES * 8 / 10);
                await().atMost(Duration.ofSeconds(30)).until(() -> ready(restarted.httpPort()));
            }
        }
        assertThat(deadLetters()).containsExactlyInAnyOrderElementsOf(pills.stream().map(b -> new String(b, UTF_8))
                .toList());
    }

    /**
     * The first deliveries of the benchmarks' panel, with corrections, redeliveries (some with other
     * answers) and late older answers, plus a poison pill now and then.
     */
    private static List<ProducerRecord<byte[], byte[]>> history(ReferenceModel model, List<byte[]> pills) {
        Serializer<SurveyResponse> avro = ConfluentAvroSerde.specific(SurveyResponse.class,
                Map.of(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE), false).serializer();
        PanelSimulator.Deliveries deliveries = PanelSimulator.deliveries(BenchPanel.typical(RESPONSES, 4242L));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < RESPONSES; i++) {
            SurveyResponse response = deliveries.next();
            String key = ResponseKey.of(response);
            model.accept(key, response);
            records.add(new ProducerRecord<>(Topics.SURVEY_RESPONSES, null, response.getSubmittedAt().toEpochMilli(),
                    key.getBytes(UTF_8), avro.serialize(Topics.SURVEY_RESPONSES, response)));
            if (i % 5_000 == 2_500) {
                byte[] garbage = ("not a survey response #" + i).getBytes(UTF_8);
                pills.add(garbage);
                records.add(new ProducerRecord<>(Topics.SURVEY_RESPONSES, key.getBytes(UTF_8), garbage));
            }
        }
        return records;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records) {
        Sends.all(producer, records);
    }

    /** Everything committed to the dead-letter topic, read to its end. */
    private static List<String> deadLetters() {
        List<String> values = new ArrayList<>();
        TopicPartition partition = new TopicPartition(Topics.SURVEY_RESPONSES_DLQ, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(STACK.clientProperties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), UTF_8));
                    assertThat(new String(record.headers().lastHeader("__streams.errors.topic").value(), UTF_8))
                            .isEqualTo(Topics.SURVEY_RESPONSES);
                }
                return consumer.position(partition) >= end;
            });
        }
        return values;
    }

    private static boolean ready(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200;
    }

}
