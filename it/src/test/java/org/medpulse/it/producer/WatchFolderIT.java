package org.medpulse.it.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.producer.ingest.FileIngestion;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.producer.publish.ResponseProducers;
import org.medpulse.producer.watch.DropFolder;
import org.medpulse.producer.watch.FolderWatcher;
import org.medpulse.schemas.Topics;
import org.medpulse.testkit.LocalStackExtension;
import org.medpulse.testkit.TopicContent;

/** A watched drop folder publishing to a real broker, stopped and restarted like a service. */
class WatchFolderIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();
    /** The real registry, stored in the broker's _schemas topic. */
    static String registry;
    static final String HEADER = "respondent_id,wave,submitted_at,practice_type,usage_frequency,tools\n";

    @TempDir
    Path root;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<String> report = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createTopic() {
        STACK.createTopic(Topics.SURVEY_RESPONSES, ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
        registry = STACK.registryUrl();
    }

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    /** A running watcher with its own producer, as {@code medpulse ingest --watch} runs one. */
    private final class Service implements AutoCloseable {
        final Producer<String, SurveyResponse> producer;
        final FolderWatcher watcher;
        final Future<?> running;

        Service() throws Exception {
            Properties props = STACK.clientProperties(Map.of("schema.registry.url", registry));
            producer = ResponseProducers.create(props);
            IngestRules rules = IngestRules.of("panel-watch", ZoneId.of("Europe/Paris"), Instant.now());
            watcher = FolderWatcher.of(DropFolder.at(root),
                    FileIngestion.publishing(ResponseValidator.of(rules), producer, Topics.SURVEY_RESPONSES),
                    rules, Duration.ofMillis(200), report::add);
            running = executor.submit(() -> {
                watcher.run();
                return null;
            });
        }

        @Override
        public void close() throws Exception {
            watcher.stop();
            assertThat(watcher.awaitStopped(Duration.ofSeconds(30))).isTrue();
            running.get();
            producer.close();
        }
    }

    private void deliver(String name, String... respondents) throws Exception {
        StringBuilder content = new StringBuilder(HEADER);
        for (String respondent : respondents) {
            content.append(respondent).append(",2025-06,2025-06-14T09:30:00Z,GP,DAILY,ChatGPT:DAILY\n");
        }
        deliverAsIs(name, content.toString());
    }

    // As partners must: written under .part, then renamed, so the watcher never sees half a file.
    private void deliverAsIs(String name, String content) throws Exception {
        Path part = root.resolve(name + ".part");
        Files.writeString(part, content);
        Files.move(part, root.resolve(name));
    }

    private void awaitMoved(String relative) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(root.resolve(relative)));
    }

    @Test
    void filesArePickedUpMovedToDoneOrFailedAndSurviveARestartWithoutDoubles() throws Exception {
        deliver("before-start.csv", "w1", "w2"); // waiting before the service starts
        try (Service service = new Service()) {
            awaitMoved("done/before-start.csv");
            deliver("live.csv", "w3");
            Files.writeString(root.resolve("half-written.csv.part"), HEADER + "w9,2025-06,");
            awaitMoved("done/live.csv");
            deliverAsIs("broken.csv", "respondent_id,wave\nw4,2025-06\n");
            awaitMoved("failed/broken.csv");
        }
        deliver("while-stopped.csv", "w5", "w6");
        try (Service service = new Service()) {
            awaitMoved("done/while-stopped.csv");
        }

        List<ConsumerRecord<String, SurveyResponse>> records = TopicContent.all(STACK, registry, Topics.SURVEY_RESPONSES)
                .stream().filter(r -> r.value().getPartnerId().equals("panel-watch")).toList();
        Map<String, Long> copies = records.stream()
                .collect(Collectors.groupingBy(r -> r.value().getRespondentId(), Collectors.counting()));
        assertThat(copies).containsOnlyKeys("w1", "w2", "w3", "w5", "w6").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo("panel-watch/" + r.value().getRespondentId()));

        assertThat(root.resolve("half-written.csv.part")).exists();
        assertThat(root.resolve("done/before-start.csv.summary.json")).exists();
        assertThat(root.resolve("done/live.csv.rejects.csv")).exists();
        assertThat(Files.readString(root.resolve("failed/broken.csv.error.txt"))).contains("missing required columns");
        assertThat(root.toFile().list()).containsExactlyInAnyOrder("done", "failed", "half-written.csv.part");
    }
}
