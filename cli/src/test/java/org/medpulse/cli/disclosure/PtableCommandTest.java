package org.medpulse.cli.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.cli.dev.Launcher;
import org.medpulse.streams.query.disclosure.PerturbationParameters;
import org.medpulse.streams.query.disclosure.PerturbationTable;

import picocli.CommandLine;

class PtableCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine commandLine, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private int medpulse(String... args) {
        return run(MedPulseCommand.commandLine(false), args);
    }

    @Test
    void printsTheRecommendedTableByDefaultAsTheLibraryWritesIt() {
        int exitCode = medpulse("ptable");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).isEqualTo(PerturbationTable.build(PerturbationParameters.recommended()).toCsv());
        assertThat(err.toString()).isEqualTo("ptable D=5 V=3 js=3 monotone: rows i=0..8 (i=8 serves every count >= 8), "
                + "counts 1..2 never published; every original count >= 1 gets variance V=3" + System.lineSeparator());
    }

    @Test
    void stdoutIsACleanCsvWithPtablesColumnsAndOneLinePerTransition() {
        int exitCode = medpulse("ptable", "--D", "5", "--V", "3", "--js", "3");

        assertThat(exitCode).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("i,j,p,v,p_int_lb,p_int_ub,type");
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.of(5, 3.0, 3));
        int transitions = table.rows().stream().mapToInt(row -> row.transitions().size()).sum();
        assertThat(lines).hasSize(1 + transitions);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> {
            String[] fields = line.split(",", -1);
            assertThat(fields).hasSize(7);
            assertThat(fields[6]).isEqualTo("all");
            int i = Integer.parseInt(fields[0]);
            int j = Integer.parseInt(fields[1]);
            assertThat(Integer.parseInt(fields[3])).isEqualTo(j - i);
            assertThat(j == 0 || j >= 3).as(line).isTrue();
            assertThat(Math.abs(j - i)).as(line).isLessThanOrEqualTo(5);
            for (int column : new int[] {2, 4, 5}) { // p, p_int_lb, p_int_ub
                assertThat(Double.parseDouble(fields[column])).as(line).isBetween(0.0, 1.0);
            }
        });
        assertThat(lines.get(1)).isEqualTo("0,0,1,0,0,1,all");
    }

    @Test
    void namesTheOriginalCountsThatCannotReachTheVariance() {
        int exitCode = medpulse("ptable", "--D", "5", "--V", "5", "--js", "4");

        assertThat(exitCode).isZero();
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.of(5, 5.0, 4));
        assertThat(table.rowsMissingTargetVariance()).containsExactly(1, 6);
        assertThat(out.toString()).isEqualTo(table.toCsv());
        assertThat(err.toString()).contains("ptable D=5 V=5 js=4 monotone: rows i=0..9", "counts 1..3 never published",
                        "original counts 1 (variance 3.8082), 6 (variance 3.2779)", "cannot reach variance V=5")
                .doesNotContain("Exception");
    }

    @Test
    void monotonyCanBeTurnedOff() {
        int exitCode = medpulse("ptable", "--no-monotone");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).isEqualTo(PerturbationTable.build(PerturbationParameters.of(5, 3.0, 3, false)).toCsv());
        assertThat(err.toString()).contains("js=3 not monotone");
    }

    @Test
    void withoutThresholdNothingIsBlocked() {
        int exitCode = medpulse("ptable", "--D", "2", "--V", "1", "--js", "0");

        assertThat(exitCode).isZero();
        assertThat(err.toString()).contains("no count blocked", "original count 1 (variance 0.93");
    }

    @Test
    void refusesImpossibleParametersWithTheLibrarysReasonAndExitCode2() {
        assertRefused("V=9.0 is too large for D=2", "--D", "2", "--V", "9");
        assertRefused("js=8 is too large for D=5", "--js", "8");
        assertRefused("V=1.0 is too small for js=3", "--V", "1");
        assertRefused("D (maximum absolute noise) must be between 1 and 100, was 0", "--D", "0");
        assertRefused("V (noise variance) must be a finite number > 0, was NaN", "--V", "NaN");
        assertRefused("Invalid value for option '--D': 'five' is not an int", "--D", "five");
    }

    private void assertRefused(String message, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "ptable";
        System.arraycopy(options, 0, args, 1, options.length);

        int exitCode = medpulse(args);

        assertThat(exitCode).as(String.join(" ", args)).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("medpulse ptable: " + message)
                .contains("Try 'medpulse ptable --help' for more information.")
                .doesNotContain("at org.");
    }

    @Test
    void helpSaysWhatTheColumnsAreAndWhereTheSummaryGoes() {
        int exitCode = medpulse("ptable", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: medpulse ptable", "--D=D", "--V=V", "--js=JS", "--[no-]monotone",
                "(default: 5)", "(default: 3)", "p_int_lb", "On stderr", "exit code 2");
    }

    @Test
    void isACommandOfThePipelineAndOfTheFullLauncher() {
        assertThat(MedPulseCommand.commandLine(false).getSubcommands()).containsKey("ptable");
        assertThat(run(Launcher.commandLine(false), "ptable")).isZero();
        assertThat(out.toString()).isEqualTo(PerturbationTable.build(PerturbationParameters.recommended()).toCsv());
    }
}
