package org.medpulse.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.producer.ingest.FileIngestion;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.RecordingProducer;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.schemas.Topics;

/**
 * A delivery whose ingestion kills the process (here: the JVM halts on one of its rows, as the
 * kernel's out-of-memory killer would end it) must not block the folder for ever: the oldest file
 * goes first at every start, so without a limit the watcher would die on it at every restart and
 * never reach the files behind it.
 */
class WatchCrashLoopIT {

    static final String HEADER = "respondent_id,wave,submitted_at,practice_type,usage_frequency\n";

    @TempDir
    Path root;

    @Test
    void aFileThatKillsTheWatcherIsSetAsideAfterThreeStartsAndTheFilesBehindItAreIngested() throws Exception {
        Files.writeString(root.resolve("poison.csv"), HEADER + "poison,2025-06,2025-06-14T09:30:00Z,GP,DAILY\n");
        Files.setLastModifiedTime(root.resolve("poison.csv"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.writeString(root.resolve("good.csv"), HEADER + "r1,2025-06,2025-06-14T09:30:00Z,GP,DAILY\n");

        List<Integer> exits = new ArrayList<>();
        for (int start = 1; start <= FolderWatcher.MAX_ATTEMPTS + 1; start++) {
            exits.add(runWatcherOnce());
        }

        assertThat(exits).containsExactly(137, 137, 137, 0);
        assertThat(root.resolve("failed/poison.csv")).exists();
        assertThat(Files.readString(root.resolve("failed/poison.csv.error.txt")))
                .contains("its ingestion started 3 times without finishing");
        assertThat(root.resolve("done/good.csv")).exists();
        assertThat(Files.readString(root.resolve("done/good.csv.summary.json"))).contains("\"published\" : 1");
        assertThat(root.toFile().list()).containsExactlyInAnyOrder("done", "failed");
    }

    private int runWatcherOnce() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWatch.class.getName(), root.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    /** One scan of the folder by a watcher whose process dies on the row of respondent "poison". */
    public static final class CrashingWatch {
        public static void main(String[] args) throws Exception {
            IngestRules rules = IngestRules.of("acme", ZoneId.of("Europe/Paris"), Instant.now());
            RecordingProducer producer = new RecordingProducer("crash", response -> {
                if (response.getRespondentId().equals("poison")) {
                    Runtime.getRuntime().halt(137);
                }
                return false;
            });
            FolderWatcher watcher = FolderWatcher.of(DropFolder.at(Path.of(args[0])),
                    FileIngestion.publishing(ResponseValidator.of(rules), producer, Topics.SURVEY_RESPONSES),
                    rules, Duration.ofMillis(100), line -> { });
            watcher.processReadyFiles();
        }
    }
}
