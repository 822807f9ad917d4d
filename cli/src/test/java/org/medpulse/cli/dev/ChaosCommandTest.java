package org.medpulse.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class ChaosCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void isRegisteredInTheLauncher() {
        assertThat(Launcher.commandLine(false).getSubcommands()).containsKey("chaos");
    }

    @Test
    void helpExplainsEveryFaultAndTheVerdict() {
        int exitCode = launcher().execute("chaos", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("Usage: medpulse chaos", "--responses=N", "(default: 200000)", "--kills=K", "(default: 10)",
                        "--broker-kills=B", "(default: 3)", "--registry-outage=SECONDS", "(default: 60)", "--seed=S")
                .contains("three brokers", "min.insync.replicas=2")
                .contains("Streams kill: 'medpulse streams' is killed with SIGKILL",
                        "Broker kill: the broker leading the most survey-responses partitions, chosen anew each time",
                        "Registry outage: the schema registry is stopped",
                        "Malformed partner rows:", "Corrupt records, written straight to survey-responses")
                .contains("503 with Retry-After")
                .contains("chaos: N faults injected, lost 0, double-counted 0, dead-lettered M (all malformed), API errors 0")
                .contains("Exit code 0", "1 otherwise");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void refusesImpossibleArgumentsAsUsageErrorsWithoutStartingAnything() {
        assertUsageError("--responses must be at least 100, got 10", "chaos", "--responses", "10");
        assertUsageError("--kills, --broker-kills and --registry-outage must not be negative", "chaos", "--kills=-1");
        assertUsageError("--kills, --broker-kills and --registry-outage must not be negative", "chaos",
                "--registry-outage=-5");
        assertUsageError("Invalid value for option '--seed': 'abc' is not a long", "chaos", "--seed", "abc");
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
