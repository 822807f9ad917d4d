package org.medpulse.cli.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.RecordingProducer;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;

import picocli.CommandLine;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RecordingProducer producer = new RecordingProducer("simulate-command", r -> false);
    private Function<Properties, Producer<String, SurveyResponse>> original;

    @BeforeEach
    void useMockProducer() {
        original = CommandSupport.producers;
        CommandSupport.producers = props -> producer;
    }

    @AfterEach
    void restoreProducers() {
        CommandSupport.producers = original;
    }

    private int run(Object command, String... args) {
        return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void publishesTheSimulatedWaveAsTheLibraryGeneratesIt() {
        int exit = run(new SimulateCommand(), "--wave", "2025-06", "--respondents", "200", "--partners", "2",
                "--seed", "9");
        assertThat(exit).isZero();
        List<SurveyResponse> expected = PanelSimulator.of(PanelSettings.of("2025-06", 200,
                Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z")).withPartners(2).withSeed(9))
                .deliveries().toList();
        assertThat(producer.acknowledged()).extracting(ProducerRecord::value).containsExactlyElementsOf(expected);
        assertThat(out.toString()).contains("simulated wave 2025-06: 200 respondents, " + expected.size()
                + " deliveries (2025-06-01T00:00:00Z to 2025-07-01T00:00:00Z); published " + expected.size());
    }

    @Test
    void writesOnePartnerFilePerPartnerThatIngestAccepts() throws Exception {
        Path csv = dir.resolve("panel.csv");
        int exit = run(new SimulateCommand(), "--wave", "2025-06", "--respondents", "120", "--partners", "2",
                "--out", csv.toString());
        assertThat(exit).isZero();
        Path first = dir.resolve("panel.partner-1.csv");
        Path second = dir.resolve("panel.partner-2.csv");
        assertThat(first).exists();
        assertThat(second).exists();
        assertThat(producer.acknowledged()).isEmpty();
        assertThat(out.toString()).contains("(ingest with: medpulse ingest --partner partner-2 " + second + ")");

        int ingested = run(new IngestCommand(), "--partner", "partner-2", second.toString());
        assertThat(ingested).isZero();
        long rows = Files.readAllLines(second).size() - 1;
        assertThat(out.toString()).contains("rows=" + rows + " published=" + rows + " rejected=0");
        assertThat(producer.acknowledged()).extracting(r -> r.value().getPartnerId()).containsOnly("partner-2");
    }

    @Test
    void withoutMarketDriversThePanelIsNotAskedAndItsFileHasNoSuchColumn() throws Exception {
        Path v2 = dir.resolve("v2.csv");
        Path v1 = dir.resolve("v1.csv");
        run(new SimulateCommand(), "--wave", "W1", "--respondents", "30", "--from", "2025-01-01", "--to",
                "2025-01-08T00:00:00Z", "--out", v2.toString());
        run(new SimulateCommand(), "--wave", "W1", "--respondents", "30", "--from", "2025-01-01", "--to",
                "2025-01-08T00:00:00Z", "--out", v1.toString(), "--without-market-drivers");
        assertThat(Files.readAllLines(v2).get(0)).endsWith(",tools,market_drivers");
        assertThat(Files.readAllLines(v1).get(0)).endsWith(",tools");
        // The same rows otherwise.
        assertThat(Files.readAllLines(v1)).hasSameSizeAs(Files.readAllLines(v2));

        assertThat(run(new SimulateCommand(), "--wave", "2025-06", "--respondents", "20", "--seed", "9",
                "--without-market-drivers")).isZero();
        assertThat(producer.acknowledged()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.value().getMarketDrivers()).isNull());
    }

    @Test
    void theSameSeedWritesTheSameFile() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        run(new SimulateCommand(), "--wave", "W1", "--respondents", "50", "--from", "2025-01-01", "--to",
                "2025-01-08T00:00:00Z", "--out", a.toString());
        run(new SimulateCommand(), "--wave", "W1", "--respondents", "50", "--from", "2025-01-01", "--to",
                "2025-01-08T00:00:00Z", "--out", b.toString());
        assertThat(Files.readAllLines(a)).hasSizeGreaterThan(50).isEqualTo(Files.readAllLines(b));
    }

    @Test
    void badArgumentsExitWith2() {
        assertThat(run(new SimulateCommand(), "--wave", "bad wave", "--respondents", "5")).isEqualTo(2);
        assertThat(run(new SimulateCommand(), "--wave", "w", "--respondents", "5", "--from", "2025-01-01")).isEqualTo(2);
        assertThat(run(new SimulateCommand(), "--wave", "w", "--respondents", "5", "--from", "2025-02-01",
                "--to", "2025-01-01")).isEqualTo(2);
        assertThat(run(new SimulateCommand(), "--wave", "w", "--respondents", "5", "--rate", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("is not a wave id").contains("give both --from and --to")
                .contains("the window must end after it starts").contains("'fast' is not a rate");
    }

    @Test
    void replayRefusesMissingOrForeignFilesBeforePublishing() throws Exception {
        Path notAvro = dir.resolve("x.avro");
        Files.writeString(notAvro, "x");
        assertThat(run(new ReplayCommand(), notAvro.toString())).isEqualTo(2);
        assertThat(run(new ReplayCommand(), dir.resolve("missing.avro").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not an Avro object container file").contains("no such file")
                .contains("nothing was published");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void everyCommandExplainsItself() {
        assertThat(run(new SimulateCommand(), "--help")).isZero();
        assertThat(run(new ExportCommand(), "--help")).isZero();
        assertThat(run(new ReplayCommand(), "--help")).isZero();
        assertThat(out.toString()).contains("--wave=WAVE", "--respondents=N", "--partners=K", "--from=T1", "--to=T2",
                "--seed=S", "--rate=R/s", "--out=FILE.csv", "ChatGPT", "--out=FILE.avro", "--as-wave=WAVE",
                "progress bar", "--kafka-property");
    }
}
