package org.medpulse.it.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.schemas.Topics;
import org.medpulse.testkit.ChildJvm;
import org.medpulse.testkit.LocalStackExtension;
import org.medpulse.testkit.TopicContent;

/**
 * {@code medpulse ingest --watch} as a real process: it picks files up, and SIGTERM stops it
 * cleanly, after the file in flight is accounted for.
 */
class WatchCommandProcessIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    /** The real registry: the child process registers the schema, this JVM decodes with it. */
    static String registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTopic() {
        STACK.createTopic(Topics.SURVEY_RESPONSES, ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
        registry = STACK.registryUrl();
    }

    @Test
    void theWatchCommandIngestsDroppedFilesAndStopsCleanlyOnSigterm() throws Exception {
        Path drop = Files.createDirectory(dir.resolve("drop"));
        try (ChildJvm watch = ChildJvm.start(dir.resolve("watch.log"), MedPulseCommand.class, List.of(
                "ingest", "--partner", "panel-process", "--watch", drop.toString(), "--poll-interval", "PT0.2S",
                "--bootstrap", STACK.bootstrapServers(), "--registry", registry))) {
            Path part = drop.resolve("delivery.csv.part");
            Files.writeString(part, "respondent_id,wave,submitted_at,practice_type,usage_frequency\n"
                    + "p1,2025-06,2025-06-14T09:30:00Z,GP,DAILY\n"
                    + "p2,2025-06,2025-06-14T09:31:00Z,SPECIALIST,NEVER\n"
                    + "p3,2025-06,not a time,GP,DAILY\n");
            Files.move(part, drop.resolve("delivery.csv"));
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(drop.resolve("done/delivery.csv")));

            Integer exit = watch.terminate(60); // SIGTERM
            String output = watch.output();
            assertThat(exit).as("stopped within 60 s; output:%n%s", output).isNotNull();
            assertThat(output).contains("watching " + drop.toAbsolutePath())
                    .contains("delivery.csv: rows=3 published=2 rejected=1")
                    .contains("stopped; 1 file(s) ingested");
            List<ConsumerRecord<String, SurveyResponse>> records = TopicContent.all(STACK, registry, Topics.SURVEY_RESPONSES);
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("panel-process/p1", "panel-process/p2");
            assertThat(records).extracting(r -> r.value().getSubmittedAt()).containsExactlyInAnyOrder(
                    Instant.parse("2025-06-14T09:30:00Z"), Instant.parse("2025-06-14T09:31:00Z"));
        }
    }
}
