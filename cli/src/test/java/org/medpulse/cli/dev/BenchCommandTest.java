package org.medpulse.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void isRegisteredInTheLauncherWithItsReplayBenchmark() {
        CommandLine launcher = Launcher.commandLine(false);
        assertThat(launcher.getSubcommands()).containsKey("bench");
        assertThat(launcher.getSubcommands().get("bench").getSubcommands()).containsKeys("replay", "help");
    }

    @Test
    void replayHelpExplainsWhatIsMeasured() {
        int exitCode = launcher().execute("bench", "replay", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Usage: medpulse bench replay", "--responses=N")
                .contains("300-byte records with acks=all", "exactly-once", "ratio")
                .contains("Without --bootstrap it starts a throwaway Kafka broker")
                .contains("--raw-runs=N", "(default: 3)", "--partitions=N", "(default: 6)")
                .contains("--[no-]baseline", "changelogged");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void refusesImpossibleArgumentsAsUsageErrorsWithoutStartingABroker() {
        assertUsageError("Missing required option: '--responses=N'", "bench", "replay");
        assertUsageError("--responses must be at least 1, got 0", "bench", "replay", "--responses", "0");
        assertUsageError("--partitions must be at least 1, got -2", "bench", "replay", "--responses", "10",
                "--partitions=-2");
        assertUsageError("Invalid value for option '--responses': 'many' is not an int",
                "bench", "replay", "--responses", "many");
        assertUsageError("Missing benchmark: give one of replay, api", "bench");
    }

    private void assertUsageError(String message, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        int exitCode = launcher().execute(args);

        assertThat(exitCode).as(String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("--help' for more information.");
        assertThat(out.toString()).isEmpty();
    }

    private CommandLine launcher() {
        return Launcher.commandLine(false).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }
}
