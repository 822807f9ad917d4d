package org.medpulse.devstack.it.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.devstack.testing.LocalStackExtension;
import org.medpulse.schemas.Topics;

/**
 * {@code medpulse ingest --watch} as a real process: it picks files up, and SIGTERM stops it
 * cleanly, after the file in flight is accounted for.
 */
class WatchCommandProcessTest {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    @TempDir
    Path dir;

    private Process process;

    @BeforeAll
    static void createTopic() {
        STACK.createTopic(Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_PARTITIONS);
    }

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void theWatchCommandIngestsDroppedFilesAndStopsCleanlyOnSigterm() throws Exception {
        Path drop = Files.createDirectory(dir.resolve("drop"));
        Path log = dir.resolve("watch.log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.medpulse.devstack.cli.MedPulseCommand",
                "ingest", "--partner", "panel-process", "--watch", drop.toString(), "--poll-interval", "PT0.2S",
                "--bootstrap", STACK.bootstrapServers(), "--registry", "mock://watch-process")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        Path part = drop.resolve("delivery.csv.part");
        Files.writeString(part, "respondent_id,wave,submitted_at,practice_type,usage_frequency\n"
                + "p1,2025-06,2025-06-14T09:30:00Z,GP,DAILY\n"
                + "p2,2025-06,2025-06-14T09:31:00Z,SPECIALIST,NEVER\n"
                + "p3,2025-06,not a time,GP,DAILY\n");
        Files.move(part, drop.resolve("delivery.csv"));
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(drop.resolve("done/delivery.csv")));

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        String output = Files.readString(log);
        assertThat(output).contains("watching " + drop.toAbsolutePath())
                .contains("delivery.csv: rows=3 published=2 rejected=1")
                .contains("stopped; 1 file(s) ingested");
        assertThat(keysOf("panel-process/")).containsExactlyInAnyOrder("panel-process/p1", "panel-process/p2");
    }

    /** Record keys only: the child process's mock registry is not this JVM's. */
    private static List<String> keysOf(String prefix) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(STACK.clientProperties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SURVEY_RESPONSES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> keys = new java.util.ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().startsWith(prefix)) {
                        keys.add(record.key());
                    }
                }
            }
            return keys;
        }
    }
}
