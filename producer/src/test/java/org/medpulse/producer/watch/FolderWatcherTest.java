package org.medpulse.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
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

    private FolderWatcher watcher(FolderWatcher.Options options, Clock clock) throws Exception {
        IngestRules rules = IngestRules.of("acme", ZoneId.of("Europe/Paris"), Instant.now());
        FileIngestion ingestion = FileIngestion.publishing(ResponseValidator.of(rules), producer, Topics.SURVEY_RESPONSES);
        return FolderWatcher.of(DropFolder.at(root), ingestion, rules, options, report::add, clock);
    }

    private static String rows(String... respondents) {
        StringBuilder content = new StringBuilder(HEADER);
        for (String respondent : respondents) {
            content.append(respondent).append(",2025-06,2025-06-14T09:30:00Z,GP,DAILY\n");
        }
        return content.toString();
    }

    @Test
    void aDeliveryThatIsALinkIsMovedToFailedUnreadAndWhatItPointsAtIsLeftAlone() throws Exception {
        Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
        Path secret = Files.writeString(outside.resolve("secret.csv"), rows("s1", "s2"));
        Files.createSymbolicLink(root.resolve("linked.csv"), secret);
        deliver("after.csv", "r1");
        FolderWatcher watcher = watcher();

        assertThat(watcher.processReadyFiles()).isEqualTo(2);

        assertThat(published()).containsExactly("r1");
        assertThat(Files.isSymbolicLink(root.resolve("failed/linked.csv"))).isTrue();
        assertThat(Files.readString(root.resolve("failed/linked.csv.error.txt"))).contains("symbolic link");
        assertThat(root.resolve("failed/linked.csv.rejects.csv")).doesNotExist();
        assertThat(Files.readString(secret)).isEqualTo(rows("s1", "s2"));
        assertThat(root.resolve("done/after.csv")).exists();
    }

    @Test
    void reportsAreNeverWrittenThroughLinksPlantedInDoneOrFailed() throws Exception {
        Path victim = Files.writeString(root.resolveSibling(root.getFileName() + "-victim.txt"), "precious");
        FolderWatcher watcher = watcher(); // creates done/ and failed/
        for (String report : List.of("done/a.csv.rejects.csv", "done/a.csv.summary.json", "done/.a.csv.summary.json.tmp",
                "failed/bad.csv.error.txt", "failed/.bad.csv.error.txt.tmp", ".a.csv.ingesting")) {
            Files.createSymbolicLink(root.resolve(report), victim);
        }
        deliver("a.csv", "r1");
        Files.writeString(root.resolve("bad.csv"), "respondent_id,wave\nr1,w\n");

        assertThat(watcher.processReadyFiles()).isEqualTo(2);

        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(root.resolve("done/a.csv.summary.json"))).isFalse();
        assertThat(Files.readString(root.resolve("failed/bad.csv.error.txt"))).contains("missing required columns");
        assertThat(published()).containsExactly("r1");
    }

    @Test
    void aDoneFolderThatIsALinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolveSibling(root.getFileName() + "-elsewhere"));
        Files.createSymbolicLink(root.resolve("done"), elsewhere);
        assertThatThrownBy(this::watcher).isInstanceOf(IOException.class).hasMessageContaining("done is a symbolic link");
    }

    @Test
    void aFileLargerThanTheLimitGoesToFailedUnread() throws Exception {
        deliver("big.csv", "r1", "r2", "r3");
        deliver("small.csv");
        FolderWatcher watcher = watcher(FolderWatcher.Options.of(Duration.ofMillis(100)).withMaxFileSize(100),
                Clock.systemUTC());
        assertThat(watcher.processReadyFiles()).isEqualTo(2);
        assertThat(published()).isEmpty();
        assertThat(Files.readString(root.resolve("failed/big.csv.error.txt")))
                .contains("the file is 185 B, more than the limit of 100 B (--max-file-size)");
        assertThat(root.resolve("done/small.csv")).exists();
    }

    @Test
    void anyErrorOnOneFileEvenOutOfMemoryFailsThatFileAloneAndTheFilesBehindItAreIngested() throws Exception {
        producer = new RecordingProducer("watch", r -> {
            if (r.getRespondentId().equals("poison")) {
                throw new OutOfMemoryError("Java heap space");
            }
            return false;
        });
        deliver("a-poison.csv", "p0", "poison");
        Files.setLastModifiedTime(root.resolve("a-poison.csv"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        deliver("b-good.csv", "r1");
        FolderWatcher watcher = watcher();

        assertThat(watcher.processReadyFiles()).isEqualTo(2);

        assertThat(Files.readString(root.resolve("failed/a-poison.csv.error.txt")))
                .contains("ingestion failed: java.lang.OutOfMemoryError: Java heap space");
        assertThat(published()).containsExactly("p0", "r1");
        assertThat(root.resolve("done/b-good.csv")).exists();
        assertThat(root.toFile().list()).containsExactlyInAnyOrder("done", "failed");
    }

    @Test
    void aFileCopiedIntoPlaceIsReadOnlyOnceItHasStoodStillForTheSettleTime() throws Exception {
        TestClock clock = new TestClock();
        FolderWatcher watcher = watcher(FolderWatcher.Options.of(Duration.ofMillis(100)).settlingFor(Duration.ofSeconds(2)),
                clock);
        Path copy = root.resolve("copied.csv");
        Files.writeString(copy, rows("r1") + "r2,2025-06,2025-06-1"); // half-written, no .part

        assertThat(watcher.processReadyFiles()).isZero();
        clock.advance(Duration.ofMillis(1500));
        assertThat(watcher.processReadyFiles()).isZero();
        Files.writeString(copy, "4T09:30:00Z,GP,DAILY\nr3,2025-06,2025-06-14T09:30:00Z,GP,DAILY\n",
                StandardOpenOption.APPEND);
        Files.setLastModifiedTime(copy, FileTime.from(clock.instant()));
        clock.advance(Duration.ofMillis(1500));
        assertThat(watcher.processReadyFiles()).as("changed 1.5 s ago").isZero();
        clock.advance(Duration.ofMillis(600));

        assertThat(watcher.processReadyFiles()).isEqualTo(1);
        assertThat(published()).containsExactly("r1", "r2", "r3");
        assertThat(Files.readAllLines(root.resolve("done/copied.csv.rejects.csv"))).containsExactly("line,field,reason,raw");
    }

    @Test
    void aFileRenamedFromPartIsReadWithoutWaitingForTheSettleTime() throws Exception {
        FolderWatcher watcher = watcher(FolderWatcher.Options.of(Duration.ofMillis(100)).settlingFor(Duration.ofMinutes(10)),
                Clock.systemUTC());
        Future<?> running = executor.submit(() -> {
            watcher.run();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> report.stream().anyMatch(l -> l.startsWith("watching")));
        deliver("renamed.csv", "r1");
        Path big = root.resolve("slow.csv.part"); // seen while written, then renamed
        Files.writeString(big, rows("r2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(root.resolve("done/renamed.csv")));
        Files.move(big, root.resolve("slow.csv"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(root.resolve("done/slow.csv")));
        Files.writeString(root.resolve("in-place.csv"), rows("r3"));
        watcher.stop();
        assertThat(watcher.awaitStopped(Duration.ofSeconds(10))).isTrue();
        running.get();
        assertThat(published()).containsExactly("r1", "r2");
        assertThat(root.resolve("in-place.csv")).exists();
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
