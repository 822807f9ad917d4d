package org.medpulse.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code medpulse bench api --serve} is meant to be stopped by hand: stopped by a signal, the run
 * unwinds and leaves none of its temporary directories (the throwaway broker's, the application's
 * state) behind, where before it exited inside the signal and left them all in the temporary
 * directory.
 */
class ApiServeStopProcessIT {

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void aServedRunStoppedBySigtermRemovesEverythingItCreated() throws Exception {
        Path scratch = Files.createDirectory(dir.resolve("tmp"));
        Path log = dir.resolve("bench.log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + scratch, "-cp", System.getProperty("java.class.path"), "org.medpulse.cli.dev.Launcher",
                "bench", "api", "--serve", "--respondents", "300", "--trickle", "20", "--duration", "600", "--partitions", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofMinutes(3)).until(() -> !process.isAlive() || Files.readString(log).contains("stops after the duration"));
        assertThat(process.isAlive()).as("serving; output:%n%s", Files.readString(log)).isTrue();
        assertThat(entries(scratch)).as("the run's directories while it serves").isNotEmpty();

        process.destroy(); // SIGTERM, handled as Ctrl-C's SIGINT is

        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("stopped within 2 minutes").isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("stopped: Stopped before the end of the serving: the totals were not checked");
        assertThat(entries(scratch)).as(output).isEmpty();
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.toList();
        }
    }
}
