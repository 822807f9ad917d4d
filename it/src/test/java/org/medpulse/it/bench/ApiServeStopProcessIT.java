package org.medpulse.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.cli.dev.Launcher;
import org.medpulse.testkit.ChildJvm;

/**
 * {@code medpulse bench api --serve} is meant to be stopped by hand: stopped by a signal, the run
 * unwinds and leaves none of its temporary directories (the throwaway broker's, the application's
 * state) behind, where before it exited inside the signal and left them all in the temporary
 * directory; and the live trickle stops before its producer closes, where before its thread died
 * of sending through the closed producer.
 */
class ApiServeStopProcessIT {

    @TempDir
    Path dir;

    @Test
    void aServedRunStoppedBySigtermRemovesEverythingItCreated() throws Exception {
        Path scratch = Files.createDirectory(dir.resolve("tmp"));
        try (ChildJvm bench = ChildJvm.start(dir.resolve("bench.log"), List.of("-Xmx1g", "-Djava.io.tmpdir=" + scratch),
                Launcher.class, List.of("bench", "api", "--serve", "--respondents", "300", "--trickle", "200",
                        "--duration", "600", "--partitions", "2"))) {
            await().atMost(Duration.ofMinutes(3)).until(() -> !bench.isAlive() || bench.output().contains("stops after the duration"));
            assertThat(bench.isAlive()).as("serving; output:%n%s", bench.output()).isTrue();
            assertThat(entries(scratch)).as("the run's directories while it serves").isNotEmpty();

            Integer exit = bench.terminate(120); // SIGTERM, handled as Ctrl-C's SIGINT is

            String output = bench.output();
            assertThat(exit).as("exit code within 2 minutes; output:%n%s", output).isZero();
            assertThat(output).contains("stopped: Stopped before the end of the serving: the totals were not checked");
            // The trickle stops sending before its producer closes: no thread dies of the closed producer.
            assertThat(output).as(output).doesNotContain("Exception in thread");
            assertThat(entries(scratch)).as(output).isEmpty();
        }
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.toList();
        }
    }
}
