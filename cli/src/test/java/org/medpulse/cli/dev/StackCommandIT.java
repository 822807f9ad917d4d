package org.medpulse.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.cli.OneLineErrors;
import org.medpulse.devstack.kafka.LocalPorts;
import org.medpulse.schemas.Topics;

import picocli.CommandLine;

class StackCommandIT {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final StopSignal stop = StopSignal.manual();

    @Test
    void isRegisteredInTheLauncher() {
        assertThat(Launcher.commandLine(false).getSubcommands()).containsKey("stack");
    }

    @Test
    void helpExplainsTheCommandAndItsOptionsWithTheirDefaults() {
        int exitCode = command().execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Usage: stack [-hvV] [--data-dir=DIR] [--kafka-port=PORT]")
                .contains("Run the local MedPulse platform: a real Kafka broker and a schema registry.")
                .contains("survey-responses", "survey-responses-dlq", "tool-catalogue (compacted)")
                .contains("--data-dir=DIR", "(default: .medpulse")
                .contains("--kafka-port=PORT", "(default: 9092); 0 picks")
                .contains("--registry-port=PORT", "(default: 8081)")
                .contains("--survey-partitions=N", "(default: 6)")
                .contains("Runs until Ctrl-C or SIGTERM")
                .contains("--bootstrap 127.0.0.1:9092 --registry http://127.0.0.1:8081");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void refusesImpossibleArgumentsAsUsageErrorsWithoutStartingAnything() {
        assertUsageError("--kafka-port must be a port between 0 (pick a free one) and 65535, got 70000",
                "--kafka-port", "70000");
        assertUsageError("--registry-port must be a port between 0 (pick a free one) and 65535, got -1",
                "--registry-port=-1");
        assertUsageError("Invalid value for option '--kafka-port': 'ninety' is not an int",
                "--kafka-port", "ninety");
        assertUsageError("--survey-partitions must be at least 1, got 0", "--survey-partitions", "0");
        assertUsageError("--kafka-port and --registry-port must differ, both are 9999",
                "--kafka-port", "9999", "--registry-port", "9999", "--data-dir", tmp.resolve("never").toString());
        assertUsageError("Unknown option: '--zookeeper'", "--zookeeper");
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void saysInOneLineThatTheKafkaPortIsTakenAndExitsWithOne() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = squatter.getLocalPort();

            int exitCode = command().setExecutionExceptionHandler(new OneLineErrors(false))
                    .execute("--data-dir", tmp.resolve("stack").toString(),
                            "--kafka-port", String.valueOf(taken), "--registry-port", "0");

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString()).startsWith("medpulse stack: Kafka port " + taken
                    + " on 127.0.0.1 is already in use (is another broker, registry or medpulse stack running?)"
                    + System.lineSeparator());
        }
    }

    @Test
    void runsTheStackUntilAskedToStopThenStopsCleanlyAndExitsWithZero() throws Exception {
        Path dataDirectory = tmp.resolve("stack");
        CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> command().execute(
                "--data-dir", dataDirectory.toString(), "--kafka-port", "0", "--registry-port", "0"));

        await().atMost(Duration.ofSeconds(90)).until(() -> out.toString().contains("Press Ctrl-C to stop."));
        String bootstrapServers = printed("Kafka bootstrap servers: (127\\.0\\.0\\.1:\\d+)");
        assertThat(printed("Schema registry URL: +(http://127\\.0\\.0\\.1:\\d+)")).isNotEmpty();
        assertThat(out.toString()).contains("Data directory:          " + dataDirectory.toAbsolutePath())
                .contains("Topics created:          survey-responses, survey-responses-dlq, tool-catalogue");
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bootstrapServers))) {
            assertThat(admin.listTopics().names().get()).contains(Topics.SURVEY_RESPONSES, Topics.TOOL_CATALOGUE);
        }

        stop.request();

        assertThat(exitCode.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).endsWith("Stopped." + System.lineSeparator());
        int kafkaPort = Integer.parseInt(bootstrapServers.substring(bootstrapServers.indexOf(':') + 1));
        assertThat(LocalPorts.isFree(kafkaPort)).as("broker stopped").isTrue();
        assertThat(err.toString()).isEmpty();
    }

    private CommandLine command() {
        return new CommandLine(new StackCommand(() -> stop))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
    }

    private void assertUsageError(String message, String... args) {
        err.getBuffer().setLength(0);
        int exitCode = command().execute(args);
        assertThat(exitCode).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString()).startsWith(message + System.lineSeparator()).contains("Usage: stack");
    }

    private String printed(String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(out.toString());
        assertThat(matcher.find()).as("output matches %s:%n%s", regex, out).isTrue();
        return matcher.group(1);
    }
}
