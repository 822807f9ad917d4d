package org.medpulse.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.FileIngestion;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.RecordingProducer;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.schemas.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FolderWatcherTest {

    static final String HEADER = "respondent_id,wave,submitted_at,practice_type,usage_frequency\n";

    @TempDir
    Path root;

    private final List<String> report = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private RecordingProducer producer = new RecordingProducer("watch", r -> false);

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    private FolderWatcher watcher() throws Exception {
        IngestRules rules = IngestRules.of("acme", ZoneId.of("Europe/Paris"), Instant.now());
        FileIngestion ingestion = FileIngestion.publishing(ResponseValidator.of(rules), producer, Topics.SURVEY_RESPONSES);
        return FolderWatcher.of(DropFolder.at(root), ingestion, rules, Duration.ofMillis(100), report::add);
    }

    private void deliver(String name, String... respondents) throws Exception {
        StringBuilder content = new StringBuilder(HEADER);
        for (String respondent : respondents) {
            content.append(respondent).append(",2025-06,2025-06-14T09:30:00Z,GP,DAILY\n");
        }
        Path part = root.resolve(name + ".part");
        Files.writeString(part, content);
        Files.move(part, root.resolve(name));
    }

    private List<String> published() {
        return producer.acknowledged().stream().map(ProducerRecord::value).map(SurveyResponse::getRespondentId).toList();
    }

    @Test
    void waitingFilesAreIngestedOnceAndMovedToDoneWithTheirReports() throws Exception {
        deliver("a.csv", "r1", "r2");
        Files.writeString(root.resolve("b.csv"), HEADER + "r3,2025-06,2025-06-14T09:30:00Z,Dentist,DAILY\n");
        Files.writeString(root.resolve("c.csv.part"), HEADER + "r4,2025-06,2025-06-14T09:30:00Z,GP,DAILY\n");
        Files.writeString(root.resolve("notes.txt"), "not a delivery");
        Files.writeString(root.resolve("old.csv.rejects.csv"), "line,field,reason,raw\n");
        FolderWatcher watcher = watcher();

        assertThat(watcher.processReadyFiles()).isEqualTo(2);
        assertThat(watcher.processReadyFiles()).isZero();

        assertThat(published()).containsExactly("r1", "r2");
        assertThat(root.resolve("a.csv")).doesNotExist();
        assertThat(root.resolve("done/a.csv")).exists();
        assertThat(Files.readAllLines(root.resolve("done/a.csv.rejects.csv"))).containsExactly("line,field,reason,raw");
        assertThat(Files.readAllLines(root.resolve("done/b.csv.rejects.csv"))).hasSize(2);
        JsonNode summary = new ObjectMapper().readTree(root.resolve("done/a.csv.summary.json").toFile());
        assertThat(summary.get("file").asText()).isEqualTo("a.csv");
        assertThat(summary.get("partner").asText()).isEqualTo("acme");
        assertThat(summary.get("rows").asLong()).isEqualTo(2);
        assertThat(summary.get("published").asLong()).isEqualTo(2);
        assertThat(summary.get("rejected").asLong()).isZero();
        assertThat(root.resolve("c.csv.part")).exists();
        assertThat(root.resolve("notes.txt")).exists();
        assertThat(root.resolve("old.csv.rejects.csv")).exists();
        assertThat(report).anySatisfy(line -> assertThat(line).contains("a.csv: rows=2 published=2 rejected=0")
                .endsWith("-> done/a.csv"));
    }

    @Test
    void unusableFilesGoToFailedWithTheReason() throws Exception {
        Files.writeString(root.resolve("bad.csv"), "respondent_id,wave\nr1,w\n");
        FolderWatcher watcher = watcher();
        assertThat(watcher.processReadyFiles()).isEqualTo(1);
        assertThat(root.resolve("failed/bad.csv")).exists();
        assertThat(Files.readString(root.resolve("failed/bad.csv.error.txt")))
                .contains("missing required columns submitted_at, practice_type, usage_frequency");
        assertThat(producer.acknowledged()).isEmpty();
    }

    @Test
    void filesWhoseSendsFailGoToFailedWithTheirRejects() throws Exception {
        producer = new RecordingProducer("watch", r -> r.getRespondentId().equals("r2"));
        deliver("a.csv", "r1", "r2");
        FolderWatcher watcher = watcher();
        watcher.processReadyFiles();
        assertThat(root.resolve("failed/a.csv")).exists();
        assertThat(Files.readString(root.resolve("failed/a.csv.error.txt")))
                .startsWith("1 row(s) could not be published: not published: Expiring");
        assertThat(Files.readString(root.resolve("failed/a.csv.rejects.csv"))).contains("3,,not published");
        assertThat(watcher.sendsFailed()).isTrue();
    }

    @Test
    void aFileDeliveredAgainUnderTheSameNameIsANewDelivery() throws Exception {
        FolderWatcher watcher = watcher();
        deliver("a.csv", "r1");
        watcher.processReadyFiles();
        deliver("a.csv", "r2");
        watcher.processReadyFiles();
        assertThat(published()).containsExactly("r1", "r2");
        assertThat(root.resolve("done/a.csv")).exists();
        assertThat(root.resolve("done/a-2.csv")).exists();
        assertThat(root.resolve("done/a-2.csv.summary.json")).exists();
    }

    @Test
    void aRestartedWatcherIngestsWhatArrivedMeanwhileAndNothingTwice() throws Exception {
        deliver("a.csv", "r1");
        FolderWatcher first = watcher();
        Future<?> running = executor.submit(() -> {
            first.run();
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(root.resolve("done/a.csv")));
        first.stop();
        assertThat(first.awaitStopped(Duration.ofSeconds(10))).isTrue();
        running.get();

        deliver("b.csv", "r2"); // arrives while nothing watches

        FolderWatcher second = watcher();
        Future<?> again = executor.submit(() -> {
            second.run();
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(root.resolve("done/b.csv")));
        deliver("c.csv", "r3"); // picked up live, after a .part rename
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(root.resolve("done/c.csv")));
        second.stop();
        assertThat(second.awaitStopped(Duration.ofSeconds(10))).isTrue();
        again.get();

        assertThat(published()).containsExactly("r1", "r2", "r3");
        assertThat(second.ingestedFiles()).isEqualTo(2);
    }

    @Test
    void aStopMidFileLeavesTheFileInPlaceForTheNextStart() throws Exception {
        deliver("a.csv", "r1", "r2", "r3");
        IngestRules rules = IngestRules.of("acme", ZoneId.of("Europe/Paris"), Instant.now());
        FolderWatcher[] holder = new FolderWatcher[1];
        RecordingProducer stopping = new RecordingProducer("watch", r -> {
            holder[0].stop(); // the stop arrives while the file is being read
            return false;
        });
        FileIngestion ingestion = FileIngestion.publishing(ResponseValidator.of(rules), stopping, Topics.SURVEY_RESPONSES);
        holder[0] = FolderWatcher.of(DropFolder.at(root), ingestion, rules, Duration.ofMillis(100), report::add);
        holder[0].run();
        assertThat(root.resolve("a.csv")).exists();
        assertThat(root.resolve("done/a.csv")).doesNotExist();
        assertThat(stopping.acknowledged()).hasSize(1);
        assertThat(report).anySatisfy(line -> assertThat(line).contains("stopped while ingesting a.csv"));

        watcher().processReadyFiles();
        assertThat(published()).containsExactly("r1", "r2", "r3");
        assertThat(root.resolve("done/a.csv")).exists();
        assertThat(Set.copyOf(List.of(root.resolve("done").toFile().list())))
                .containsExactlyInAnyOrder("a.csv", "a.csv.rejects.csv", "a.csv.summary.json");
    }
}
