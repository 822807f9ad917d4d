package org.medpulse.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medpulse.bench.ReplayBenchmark;
import org.medpulse.testkit.LocalStackExtension;

/** The replay benchmark runs end to end on a small sample (figures are not judged here). */
class ReplayBenchmarkIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    @Test
    void measuresTheRawRateAndTheReplayRateAndCleansUp() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReplayBenchmark.Result result = new ReplayBenchmark(new ReplayBenchmark.Settings(STACK.bootstrapServers(),
                5_000, 2_000, 5_000, 1, 6, 1, true, Map.of()), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run();

        assertThat(result.rawRecordsPerSecond()).isPositive();
        assertThat(result.replayRecordsPerSecond()).isPositive();
        assertThat(result.passThroughRecordsPerSecond()).isPositive();
        assertThat(result.oneStoreRecordsPerSecond()).isPositive();
        assertThat(result.oneStoreUnloggedRecordsPerSecond()).isPositive();
        assertThat(result.respondentWaves()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("raw broker: 5,000 records of 300 B, acks=all:", "warm-up: 2,000 responses replayed first",
                        "replay: 5,000 responses", "baseline, no store: the same 5,000 responses",
                        "baseline, one store: the same 5,000 responses",
                        "baseline, one store, no changelog: the same 5,000 responses", "ratio: ", "baselines: no store ")
                .contains("checked: waves and responses-latest count the %,d respondent-waves generated"
                        .formatted(result.respondentWaves()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(admin.listTopics().names().get()).noneMatch(topic -> topic.contains("bench")));
        }
    }
}
