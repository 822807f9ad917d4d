package org.medpulse.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        // Picocli formats help texts as format strings: a bare '%' (as in "40% of") makes it warn on
        // stderr and print the text unformatted.
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<String> rendered = new ArrayList<>();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            renderEveryUsage(Launcher.commandLine(false), rendered);
        } finally {
            System.setErr(systemErr);
        }

        assertThat(rendered).contains("medpulse simulate", "medpulse bench averaging", "medpulse ptable");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static void renderEveryUsage(CommandLine command, List<String> rendered) {
        command.getUsageMessage();
        rendered.add(command.getCommandSpec().qualifiedName());
        command.getSubcommands().values().forEach(sub -> renderEveryUsage(sub, rendered));
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
