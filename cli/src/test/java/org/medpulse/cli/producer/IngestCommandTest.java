package org.medpulse.cli.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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

import picocli.CommandLine;

class IngestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Properties> producersCreated = new ArrayList<>();
    private RecordingProducer producer = new RecordingProducer("ingest-command", r -> false);
    private Function<Properties, Producer<String, SurveyResponse>> original;

    @BeforeEach
    void useMockProducer() {
        original = CommandSupport.producers;
        CommandSupport.producers = props -> {
            producersCreated.add(props);
            return producer;
        };
    }

    @AfterEach
    void restoreProducers() {
        CommandSupport.producers = original;
    }

    private int ingest(String... args) {
        CommandLine command = new CommandLine(new IngestCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private Path file(String name, String content) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, content);
        return path;
    }

    private static final String GOOD_AND_BAD = """
            respondent_id;wave;submitted_at;practice_type;usage_frequency;notes
            r1;2025-06;2025-06-14 09:30;Généraliste;daily;x
            r2;2025-06;2025-06-14 09:30;Dentist;daily;y
            r3;2025-06;2025-06-14T09:30:00Z;spécialiste;weekly;z
            """;

    @Test
    void publishesValidRowsWritesRejectsBesideTheFileAndPrintsASummary() throws Exception {
        Path csv = file("wave.csv", GOOD_AND_BAD);
        int exit = ingest("--partner", "acme", "--registry", "mock://ingest-command", "--bootstrap", "broker:9092",
                "--kafka-property", "security.protocol=SASL_SSL", csv.toString());
        assertThat(exit).isZero();
        assertThat(producer.acknowledged()).extracting(ProducerRecord::key).containsExactly("acme/r1", "acme/r3");
        assertThat(producer.acknowledged().get(0).value().getSubmittedAt())
                .isEqualTo(Instant.parse("2025-06-14T07:30:00Z"));
        assertThat(producersCreated).singleElement().satisfies(props -> {
            assertThat(props).containsEntry("bootstrap.servers", "broker:9092")
                    .containsEntry("schema.registry.url", "mock://ingest-command")
                    .containsEntry("security.protocol", "SASL_SSL");
        });
        assertThat(out.toString()).contains("wave.csv: rows=3 published=2 rejected=1 elapsed=").contains("rows/s=")
                .contains("1 rejected row(s) listed in " + csv + ".rejects.csv");
        assertThat(err.toString()).contains("warning:").contains("ignoring unknown column 'notes'");
        assertThat(Files.readAllLines(dir.resolve("wave.csv.rejects.csv"))).containsExactly(
                "line,field,reason,raw",
                "3,practice_type,\"unknown practice type 'Dentist'; expected one of GENERAL_PRACTITIONER, SPECIALIST, "
                        + "OTHER (or GP, MG, généraliste, spécialiste)\",r2;2025-06;2025-06-14 09:30;Dentist;daily;y");
    }

    @Test
    void aFileDatedToTheMinuteWithoutResponseIdsIsWarnedAboutInOneLineOnStderrAndInTheSummary() throws Exception {
        Path csv = file("wave.csv", GOOD_AND_BAD);
        assertThat(ingest("--partner", "acme", csv.toString())).isZero();
        assertThat(err.toString().lines().filter(line -> line.contains("whole minute")))
                .singleElement().asString()
                .startsWith("medpulse ingest: warning: " + csv + ": every submitted_at is a whole minute and no row "
                        + "has a response_id");
        assertThat(out.toString()).contains("wave.csv: rows=3 published=2 rejected=1").contains("warnings=1");
    }

    @Test
    void theZoneOptionReadsLocalTimes() throws Exception {
        Path csv = file("wave.csv", GOOD_AND_BAD);
        assertThat(ingest("--partner", "acme", "--zone", "UTC", csv.toString())).isZero();
        assertThat(producer.acknowledged().get(0).value().getSubmittedAt())
                .isEqualTo(Instant.parse("2025-06-14T09:30:00Z"));
    }

    @Test
    void aMissingRequiredColumnExitsWith2NamingItAndPublishesNothing() throws Exception {
        Path good = file("good.csv", GOOD_AND_BAD);
        Path bad = file("bad.csv", "respondent_id,wave,practice_type,usage_frequency\nr1,w,GP,DAILY\n");
        int exit = ingest("--partner", "acme", good.toString(), bad.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("medpulse ingest: " + bad + ": missing required column submitted_at")
                .contains("nothing was published");
        assertThat(err.toString().lines().filter(l -> !l.contains("warning")).count()).isEqualTo(1);
        assertThat(producersCreated).isEmpty();
    }

    @Test
    void anUnreadableFileExitsWith2() {
        assertThat(ingest("--partner", "acme", dir.resolve("nope.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.csv: no such file");
    }

    @Test
    void failedSendsExitWith1AndAreListedAsRejects() throws Exception {
        producer = new RecordingProducer("ingest-command", r -> r.getRespondentId().equals("r3"));
        Path csv = file("wave.csv", GOOD_AND_BAD);
        assertThat(ingest("--partner", "acme", csv.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("rows=3 published=1 rejected=2 (1 of them because their send failed)");
        assertThat(Files.readString(dir.resolve("wave.csv.rejects.csv"))).contains("4,,not published: Expiring");
    }

    @Test
    void aDryRunValidatesWithoutConnecting() throws Exception {
        Path csv = file("wave.csv", GOOD_AND_BAD);
        Path rejects = dir.resolve("elsewhere.csv");
        assertThat(ingest("--partner", "acme", "--dry-run", "--rejects", rejects.toString(), csv.toString())).isZero();
        assertThat(producersCreated).isEmpty();
        assertThat(out.toString()).contains("rows=3 valid=2 (dry run, nothing published) rejected=1");
        assertThat(Files.readAllLines(rejects)).hasSize(2);
        assertThat(dir.resolve("wave.csv.rejects.csv")).doesNotExist();
    }

    @Test
    void severalFilesWithARejectsFileThatIsNotADirectoryIsAUsageError() throws Exception {
        Path a = file("a.csv", GOOD_AND_BAD);
        Path b = file("b.csv", GOOD_AND_BAD);
        assertThat(ingest("--partner", "acme", "--rejects", dir.resolve("r.csv").toString(), a.toString(), b.toString()))
                .isEqualTo(2);
        assertThat(producersCreated).isEmpty();
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(ingest("wave.csv")).isEqualTo(2); // no --partner
        assertThat(ingest("--partner", "acme")).isEqualTo(2); // no file
        assertThat(ingest("--partner", "acme", "--zone", "Mars/Olympus", "x.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--partner=ID'")
                .contains("give at least one FILE").contains("'Mars/Olympus' is not a time zone");
    }

    @Test
    void helpExplainsTheCommand() {
        assertThat(ingest("--help")).isZero();
        assertThat(out.toString()).contains("--partner=ID", "--watch=DIR", "--zone=ZONE", "--rejects=PATH",
                "--dry-run", "--bootstrap=HOST:PORT", "--registry=URL", "--kafka-property=KEY=VALUE", "--verbose",
                "line,field,reason,raw", "x.csv.part", "Exit codes", "Europe/Paris");
    }

    @Test
    void helpExplainsTheSizeLimitTheSettleTimeAndHowReportsAndIdsAreMade() {
        assertThat(ingest("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("--max-file-size=SIZE", "default: 512MiB", "--settle=DURATION", "default: PT2S",
                "behind a single quote", "its own id", "the larger id wins", "naming that row's line",
                "links are never followed", "kills the process 3 times");
    }

    @Test
    void aFileLargerThanTheLimitExitsWith2InOneLineAndPublishesNothing() throws Exception {
        Path csv = file("wave.csv", GOOD_AND_BAD);
        assertThat(ingest("--partner", "acme", "--max-file-size", "100", csv.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("medpulse ingest: " + csv + ": the file is 216 B, more than the limit of "
                + "100 B (--max-file-size); nothing was published" + System.lineSeparator());
        assertThat(producersCreated).isEmpty();
        assertThat(ingest("--partner", "acme", "--max-file-size", "1KiB", "--dry-run", csv.toString())).isZero();
        assertThat(ingest("--partner", "acme", "--max-file-size", "lots", csv.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'lots' is not a size; use e.g. 512MiB");
    }
}
