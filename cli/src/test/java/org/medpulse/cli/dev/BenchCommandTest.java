package org.medpulse.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
        assertThat(launcher.getSubcommands().get("bench").getSubcommands()).containsKeys("replay", "api", "averaging", "help");
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
        assertUsageError("Missing benchmark: give one of replay, api, freshness, ingest, averaging", "bench");
    }

    @Test
    void ingestHelpExplainsWhatIsMeasuredAndChecked() {
        int exitCode = launcher().execute("bench", "ingest", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Usage: medpulse bench ingest", "--rows=N", "(default: 1000000)")
                .contains("planted", "acks=all", "idempotent", "warm-up", "0.80", "VmHWM", "exits 1");
        assertThat(err.toString()).isEmpty();
        assertUsageError("--rows must be at least 1, got 0", "bench", "ingest", "--rows", "0");
    }

    @Test
    void averagingHelpSaysWhatIsAttackedAndHow() {
        int exitCode = launcher().execute("bench", "averaging", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Usage: medpulse bench averaging", "--trials=N", "(default: 1000)", "--seed=S",
                        "--true-count=C", "--partners=P", "--respondents-per-day=R", "--D=D", "--V=V", "--js=JS")
                .contains("record key", "least-squares", "every filter combination", "docs/disclosure.md");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void averagingRefusesImpossibleArguments() {
        assertUsageError("--trials must be at least 1, got 0", "bench", "averaging", "--trials", "0");
        assertUsageError("--true-count must be at least 1, got 0", "bench", "averaging", "--true-count", "0");
        assertUsageError("--partners must be at least 1, got 0", "bench", "averaging", "--partners", "0");
        assertUsageError("--respondents-per-day must be above 0 and at most 100, got 0.0", "bench", "averaging",
                "--respondents-per-day", "0");
        assertUsageError("V=9.0 is too large for D=2", "bench", "averaging", "--D", "2", "--V", "9");
    }

    @Test
    void averagingPrintsEverySetOfQuestionsWithItsRate() {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = launcher().execute("bench", "averaging", "--trials", "1", "--seed", "5", "--true-count", "2");
        } finally {
            System.setOut(console);
        }

        assertThat(exitCode).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("1 trials, seed 5", "true count 2", "D=5 V=3.0 js=3")
                .contains("baseline", "(a)", "(b)", "(c)", "(d)", "(e)", "guessed the true count");
        assertThat(err.toString()).isEmpty();
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
