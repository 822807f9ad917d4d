package org.medpulse.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.cli.dev.demo.Demo;
import org.medpulse.cli.dev.demo.DemoPanel;
import org.medpulse.devstack.kafka.LocalPorts;
import org.medpulse.streams.state.WaveSummary;

import picocli.CommandLine;

class DemoCommandIT {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void isRegisteredInTheLauncher() {
        assertThat(Launcher.commandLine(false).getSubcommands()).containsKey("demo");
    }

    @Test
    void helpExplainsTheDemoAndItsOptionsWithTheirDefaults() {
        int exitCode = command(StopSignal.manual()).execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Usage: demo [-hvV]")
                .contains("Run the whole of MedPulse on a simulated panel")
                .contains("2024-06, 2025-06 and 2026-06", "live trickle")
                .contains("--data-dir=DIR", "(default: .medpulse")
                .contains("--port=PORT", "(default: 8080);")
                .contains("--respondents=N", "(default: 300)")
                .contains("--rate=R/s", "(default: 2/s)")
                .contains("--no-trickle")
                .contains("a redelivered response is counted once")
                .contains("Runs until Ctrl-C or SIGTERM");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void refusesImpossibleArgumentsAsUsageErrorsWithoutStartingAnything() {
        Path never = tmp.resolve("never");
        assertUsageError("--port must be a port between 0 (pick a free one) and 65535, got 70000",
                "--port", "70000", "--data-dir", never.toString());
        assertUsageError("--respondents must be between 1 and 1000000, got 0", "--respondents", "0");
        assertUsageError("'-3/s' is not a rate; use a positive number per second", "--rate", "-3/s");
        assertUsageError("'fast' is not a rate", "--rate", "fast");
        assertUsageError("--port, --kafka-port and --registry-port must differ, two are 9999",
                "--port", "9999", "--registry-port", "9999", "--data-dir", never.toString());
        assertUsageError("Unknown options: '--waves', '3'", "--waves", "3");
        assertThat(never).doesNotExist();
    }

    @Test
    void runsTheWholeSystemStopsCleanlyAndRestartsOnTheSameDataWithTheSameTotals() throws Exception {
        Path dataDirectory = tmp.resolve("demo");

        Map<String, WaveSummary> first = runOnce(dataDirectory);
        assertThat(first).containsOnlyKeys(DemoPanel.WAVES);
        assertThat(first.values()).allSatisfy(wave -> assertThat(wave.respondents()).isEqualTo(30));

        out.getBuffer().setLength(0);
        Map<String, WaveSummary> second = runOnce(dataDirectory);
        assertThat(second).as("totals after a restart on the same data").isEqualTo(first);
    }

    @Test
    void keepsTheCurrentWaveMovingLiveThenStopsCleanly() throws Exception {
        Instant started = Instant.now();

        runOnce(tmp.resolve("live"), List.of("--rate", "20/s"), demo -> {
            assertThat(out.toString()).contains("Live: 20 new and corrected responses a second into wave "
                    + DemoPanel.CURRENT_WAVE + ".");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(demo.waves().get(DemoPanel.CURRENT_WAVE).lastSubmittedAt())
                            .as("the current wave's latest answer").isAfter(started));
            Map<String, WaveSummary> waves = demo.waves();
            assertThat(waves.get(DemoPanel.CURRENT_WAVE).respondents()).isBetween(30L, 90L);
            assertThat(waves).allSatisfy((wave, summary) -> {
                if (!wave.equals(DemoPanel.CURRENT_WAVE)) {
                    assertThat(summary.respondents()).as("wave %s", wave).isEqualTo(30);
                }
            });
        });
    }

    /** One start of the demo to its stop, without the live trickle; returns the waves store as it was while running. */
    private Map<String, WaveSummary> runOnce(Path dataDirectory) throws Exception {
        return runOnce(dataDirectory, List.of("--no-trickle"), demo -> {
            assertThat(out.toString()).contains("No live responses (--no-trickle).");
        });
    }

    /**
     * One start of the demo with {@code options} to its stop, checking {@code whileRunning} before
     * stopping it; returns the waves store as it was then.
     */
    private Map<String, WaveSummary> runOnce(Path dataDirectory, List<String> options, DemoCheck whileRunning)
            throws Exception {
        StopSignal stop = StopSignal.manual();
        DemoCommand demo = new DemoCommand(() -> stop);
        CommandLine command = command(demo);
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDirectory.toString(), "--port", "0",
                "--kafka-port", "0", "--registry-port", "0", "--respondents", "30"));
        args.addAll(options);
        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> command.execute(args.toArray(String[]::new)));
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> out.toString().contains("Press Ctrl-C to stop.")
                    || exitCode.isDone());
            assertThat(exitCode).as("still running; stderr: %s", err).isNotDone();
            String dashboard = printed("Dashboard: +(http://127\\.0\\.0\\.1:\\d+/)");
            assertThat(printed("API: +(http://\\S+)")).isEqualTo(dashboard + "api/v1");
            assertThat(printed("Kafka bootstrap servers: (127\\.0\\.0\\.1:\\d+)")).isNotEmpty();
            assertThat(printed("Schema registry URL: +(http://127\\.0\\.0\\.1:\\d+)")).isNotEmpty();
            assertThat(out.toString()).contains("wave 2024-06: 30 respondents", "wave 2025-06: 30 respondents",
                    "wave 2026-06: 30 respondents");
            await().atMost(Duration.ofSeconds(30)).until(() -> status(dashboard + "health/ready") == 200);
            whileRunning.check(demo.running());
            Map<String, WaveSummary> waves = demo.running().waves();
            int httpPort = URI.create(dashboard).getPort();

            stop.request();

            assertThat(exitCode.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString()).endsWith("Stopped." + System.lineSeparator());
            assertThat(LocalPorts.isFree(httpPort)).as("HTTP server stopped").isTrue();
            assertThat(err.toString()).isEmpty();
            return waves;
        } finally {
            stop.request();
        }
    }

    /** What a test checks while the demo runs. */
    private interface DemoCheck {
        void check(Demo demo) throws Exception;
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private CommandLine command(StopSignal stop) {
        return command(new DemoCommand(() -> stop));
    }

    private CommandLine command(DemoCommand demo) {
        return new CommandLine(demo).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    private void assertUsageError(String message, String... args) {
        err.getBuffer().setLength(0);
        int exitCode = Launcher.commandLine(false).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(prepend("demo", args));
        assertThat(exitCode).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Try 'medpulse demo --help'");
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private String printed(String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(out.toString());
        assertThat(matcher.find()).as("output matches %s:%n%s", regex, out).isTrue();
        return matcher.group(1);
    }
}
