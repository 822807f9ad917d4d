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
import org.medpulse.bench.FreshnessBenchmark;
import org.medpulse.testkit.LocalStackExtension;

/** The freshness benchmark runs end to end briefly: every response is seen, on both ways (figures are not judged here). */
class FreshnessBenchmarkIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    @Test
    void seesEveryPublishedResponseInTheApiAndOnTheStreamAndCleansUp() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FreshnessBenchmark.Result result = new FreshnessBenchmark(new FreshnessBenchmark.Settings(STACK.bootstrapServers(),
                200, Duration.ofSeconds(1), Duration.ofSeconds(3), 3, Map.of()), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(result.api().responses()).isEqualTo(600);
        assertThat(result.api().neverSeen()).isZero();
        assertThat(result.stream().neverSeen()).isZero();
        assertThat(result.api().p50()).isPositive().isLessThanOrEqualTo(result.api().p99());
        assertThat(result.stream().p99()).isLessThanOrEqualTo(result.stream().max());
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("publishing: 800 responses at 200/s", "the first 200 (1 s) a warm-up not counted", "published: ",
                        "p99 ms", "never seen", "API p99 ms per 10 s of publishing: ")
                .containsPattern("(?m)^API +600 ")
                .containsPattern("(?m)^stream +600 ");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(admin.listTopics().names().get()).noneMatch(topic -> topic.contains("bench-fresh")));
        }
    }
}
