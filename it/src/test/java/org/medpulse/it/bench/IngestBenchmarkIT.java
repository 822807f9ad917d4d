package org.medpulse.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medpulse.bench.IngestBenchmark;
import org.medpulse.testkit.LocalStackExtension;

/**
 * {@code medpulse bench ingest} on a small file against the real local broker: both rates are
 * measured, exactly the planted rows are rejected, the topic holds exactly the others, and nothing
 * is left behind. Not a timing test: this machine's speed is not asserted.
 */
class IngestBenchmarkIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    private static final int ROWS = 20_000;

    @Test
    void measuresTheRawRateAndTheIngestionRateWithExactCountsAndCleansUp() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        long filesBefore = benchFiles();

        IngestBenchmark.Result result = new IngestBenchmark(IngestBenchmark.Settings.of(STACK.bootstrapServers(), ROWS),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(result.problems()).as(output).isEmpty();
        assertThat(result.rows()).isEqualTo(ROWS);
        // About one row in 200 is planted: a share, not an exact number, but never none on 20,000 rows.
        assertThat(result.planted()).isBetween(50L, 200L);
        assertThat(result.rejected()).isEqualTo(result.planted());
        assertThat(result.published()).isEqualTo(ROWS - result.planted());
        assertThat(result.onTopic()).isEqualTo(result.published());
        assertThat(result.rawRecordsPerSecond()).isPositive();
        assertThat(result.ingestRowsPerSecond()).isPositive();
        assertThat(result.peakResidentBytes()).isPositive();
        assertThat(output).contains("generated: 20,000 rows", "raw broker: 20,000 records of ",
                "acks=all, idempotence=true, compression=lz4", "ingest: 20,000 rows through medpulse ingest's code",
                "checked: %,d rejects, exactly the planted lines".formatted(result.planted()), "ratio: ",
                "peak resident memory: ");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(admin.listTopics().names().get()).noneMatch(topic -> topic.startsWith("bench-ingest-")));
        }
        assertThat(benchFiles()).as("the file and its rejects report removed").isEqualTo(filesBefore);
    }

    /** Temporary directories of the benchmark still present. */
    private static long benchFiles() throws Exception {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(path -> path.getFileName().toString().startsWith("medpulse-bench-ingest")).count();
        }
    }
}
