package org.medpulse.it.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.bench.BenchPanel;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.schemas.Topics;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.testkit.ChildJvm;
import org.medpulse.testkit.GroupProgress;
import org.medpulse.testkit.LocalStackExtension;
import org.medpulse.testkit.Sends;

/**
 * {@code medpulse streams} as an operator runs it: a JVM of its own against the local broker,
 * creating its topics, reporting ready on {@code /health/ready}, and stopping cleanly on SIGTERM:
 * Kafka Streams closes and leaves the group at once (a killed instance would stay a member until
 * its session expires), then the JVM exits.
 */
class StreamsCommandIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    private static final String SCOPE = "streams-command-it";
    private static final String APPLICATION_ID = "medpulse-command-it";
    private static final Pattern READY_URL = Pattern.compile("running: (http://\\S+/health/ready)");

    @TempDir
    Path stateDir;

    @AfterAll
    static void dropRegistry() {
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void runsUntilSigtermThenStopsCleanly() throws Exception {
        try (ChildJvm child = ChildJvm.start(Path.of("target", "it-logs", "streams-command-child.log"),
                StreamsChildMain.class, List.of(SCOPE, "streams", "--bootstrap",
                        STACK.bootstrapServers(), "--registry", "mock://" + SCOPE,
                        "--application-id", APPLICATION_ID, "--state-dir", stateDir.toString(),
                        "--port", "0"))) {
            await().atMost(Duration.ofMinutes(1)).until(() -> READY_URL.matcher(child.output()).find()
                    || !child.isAlive());
            Matcher url = READY_URL.matcher(child.output());
            assertThat(url.find()).as("child output:%n%s", child.output()).isTrue();
            URI ready = URI.create(url.group(1));
            URI live = URI.create(url.group(1).replace("/ready", "/live"));

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(ready) == 200);
            assertThat(status(live)).isEqualTo(200);
            processSomeResponses();
            // Every store's metrics reach /metrics, RocksDB and in-memory ones under one tag key
            // (Micrometer binds new Kafka metrics once a minute).
            URI metrics = URI.create(url.group(1).replace("/health/ready", "/metrics"));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(body(metrics)).contains("store_id=\"responses-latest\"", "store_id=\"usage-by-wave\""));
            assertThat(child.output()).doesNotContain("registration has failed");

            Integer exit = child.terminate(60);
            assertThat(exit).as("exit code after SIGTERM; output:%n%s", child.output()).isEqualTo(143);
            assertThat(child.output()).contains("PENDING_SHUTDOWN -> NOT_RUNNING");
            try (Admin admin = Admin.create(STACK.clientProperties(Map.of()))) {
                assertThat(admin.describeConsumerGroups(List.of(APPLICATION_ID)).describedGroups().get(APPLICATION_ID)
                        .get(30, TimeUnit.SECONDS).members()).isEmpty();
            }
        }
    }

    /** A few responses, processed and committed: the instance stops with work done, not idle. */
    private static void processSomeResponses() throws Exception {
        Serializer<SurveyResponse> avro = ConfluentAvroSerde.specific(SurveyResponse.class,
                Map.of(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE), false).serializer();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        PanelSimulator.deliveries(BenchPanel.typical(200, 7L)).forEachRemaining(response ->
                records.add(new ProducerRecord<>(Topics.SURVEY_RESPONSES, ResponseKey.of(response).getBytes(UTF_8),
                        avro.serialize(Topics.SURVEY_RESPONSES, response))));
        try (Admin admin = Admin.create(STACK.clientProperties(Map.of()));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.clientProperties(Map.of()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            Sends.all(producer, records);
            GroupProgress progress = new GroupProgress(admin, APPLICATION_ID, Topics.SURVEY_RESPONSES,
                    ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(progress::caughtUp);
        }
    }

    private static String body(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int status(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
