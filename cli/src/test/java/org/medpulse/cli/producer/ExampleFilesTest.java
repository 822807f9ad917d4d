package org.medpulse.cli.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The example partner files the README walks through say what the README says they do. */
class ExampleFilesTest {

    // The README's example partner files, beside the producer.
    static final Path EXAMPLES = Path.of("..", "producer", "examples");

    @TempDir
    Path rejects;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int dryRun(String file) {
        return new CommandLine(new IngestCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--partner", "acme", "--dry-run", "--rejects", rejects.toString(),
                        EXAMPLES.resolve(file).toString());
    }

    @Test
    void theCommaSeparatedExampleHasFiveGoodRowsAndThreeBadOnes() throws Exception {
        assertThat(dryRun("acme-2025-06.csv")).isZero();
        assertThat(out.toString()).contains("rows=8 valid=5 (dry run, nothing published) rejected=3");
        assertThat(Files.readAllLines(rejects.resolve("acme-2025-06.csv.rejects.csv")))
                .extracting(line -> line.substring(0, line.indexOf(',', line.indexOf(',') + 1)))
                .containsExactly("line,field", "5,practice_type", "7,submitted_at", "9,tools");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theSemicolonExampleWithABomHasThreeGoodRowsAndTwoBadOnes() throws Exception {
        assertThat(dryRun("santepanel-2025-06.csv")).isZero();
        assertThat(out.toString()).contains("rows=5 valid=3 (dry run, nothing published) rejected=2");
        assertThat(err.toString()).contains("ignoring unknown column 'identifiant'");
        assertThat(Files.readAllLines(rejects.resolve("santepanel-2025-06.csv.rejects.csv")))
                .extracting(line -> line.substring(0, line.indexOf(',', line.indexOf(',') + 1)))
                .containsExactly("line,field", "2,barriers", "6,");
    }

    @Test
    void theJsonLinesExampleOfAV2WaveAsksAboutDriversRowByRowAndRejectsAnUnknownOne() throws Exception {
        assertThat(dryRun("medica-2026-06.jsonl")).isZero();
        assertThat(out.toString()).contains("rows=6 valid=5 (dry run, nothing published) rejected=1");
        assertThat(Files.readAllLines(rejects.resolve("medica-2026-06.jsonl.rejects.csv")))
                .extracting(line -> line.substring(0, line.indexOf(',', line.indexOf(',') + 1)))
                .containsExactly("line,field", "5,market_drivers");
        assertThat(Files.readString(rejects.resolve("medica-2026-06.jsonl.rejects.csv")))
                .contains("unknown market driver 'pression des assureurs'; expected one of LACK_OF_MEDICAL_TIME");
        assertThat(err.toString()).isEmpty();
    }
}
