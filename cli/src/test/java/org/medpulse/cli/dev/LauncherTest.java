package org.medpulse.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.medpulse.cli.OneLineErrors;

import picocli.CommandLine;

class LauncherTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Launcher.commandLine(false);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("stack");
    }

    @Test
    void aBadOptionValueIsOneLineNamingItAndExitsTwo() {
        assertThat(run("stack", "--kafka-port", "not-a-port")).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .hasSizeLessThanOrEqualTo(3)
                .anySatisfy(line -> assertThat(line).startsWith("medpulse stack: ").contains("--kafka-port"))
                .anySatisfy(line -> assertThat(line).contains("medpulse stack --help"));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownCommandIsNamedAndExitsTwo() {
        assertThat(run("stak")).isEqualTo(2);
        assertThat(err.toString()).contains("stak").contains("medpulse --help");
    }

    @Test
    void failuresOfACommandAreOneLineWithTheCauseChain() {
        RuntimeException failure = new IllegalStateException("Cannot start the stack",
                new java.net.BindException("Address already in use"));
        assertThat(OneLineErrors.describe(failure))
                .isEqualTo("Cannot start the stack: Address already in use");
    }

    @Test
    void anUnreadableFileExitsTwoInOneLine() {
        assertThat(run("ingest", "--partner", "acme", "/nonexistent/wave.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("/nonexistent/wave.csv").doesNotContain("at org.");
    }
}
