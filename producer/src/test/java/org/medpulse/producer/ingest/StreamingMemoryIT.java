package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file several times larger than the heap is ingested: the file is streamed, its rejects go
 * straight to the report, and the answers kept to tell corrections from redeliveries move to disk.
 * A child JVM with a 32 MiB heap ingests (dry run) a file of about 128 MB: 1,500,000 rows, times to
 * the minute without response ids, one row in 400 rejected.
 */
class StreamingMemoryIT {

    static final int ROWS = 1_500_000;
    static final String HEAP = "-Xmx32m";

    @TempDir
    Path dir;

    @Test
    void aFileFourTimesLargerThanTheHeapIsIngestedWithEveryRowAccountedFor() throws Exception {
        Path file = dir.resolve("large.csv");
        long rejects = write(file, ROWS);
        assertThat(Files.size(file)).isGreaterThan(3L * 32 * 1024 * 1024);
        Path log = dir.resolve("child.log");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), Ingest.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("finished within 5 minutes").isTrue();

        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("rows=" + ROWS + " valid=" + (ROWS - rejects) + " (dry run, nothing published) "
                + "rejected=" + rejects);
        try (var lines = Files.lines(RejectsFile.besides(file))) {
            assertThat(lines.count()).isEqualTo(1 + rejects);
        }
    }

    /** Writes {@code rows} rows, one in 400 with an unknown practice type; returns how many will be rejected. */
    static long write(Path file, int rows) throws Exception {
        long rejects = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("respondent_id,wave,submitted_at,practice_type,usage_frequency,region,tools\n");
            for (int i = 0; i < rows; i++) {
                boolean bad = i % 400 == 0;
                rejects += bad ? 1 : 0;
                out.write("resp-" + i + ",2025-06,2025-06-" + (10 + i % 20) + " " + (10 + i % 10) + ":" + (10 + i % 50)
                        + "," + (bad ? "Dentist" : "GP") + ",WEEKLY,\"Provence, Alpes\",ChatGPT:DAILY|Nabla\n");
            }
        }
        return rejects;
    }

    /** The child: a dry run of one file, its rejects written beside it, its summary printed. */
    public static final class Ingest {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            IngestRules rules = IngestRules.of("acme", ZoneId.of("Europe/Paris"), Instant.now());
            PartnerFile partnerFile = PartnerFile.open(file, w -> { });
            IngestSummary summary;
            try (RejectsFile.Writer rejects = RejectsFile.writer(RejectsFile.besides(file))) {
                summary = FileIngestion.dryRun(ResponseValidator.of(rules)).ingest(partnerFile, rejects);
                rejects.commit();
            }
            System.out.println(summary.describe());
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM")) {
                    System.out.println("peak resident memory: " + line.substring(6).trim());
                }
            }
        }
    }
}
