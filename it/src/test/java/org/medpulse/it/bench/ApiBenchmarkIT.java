package org.medpulse.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medpulse.bench.ApiBenchmark;
import org.medpulse.bench.ApiEndpoint;
import org.medpulse.bench.ApiRequestMix;
import org.medpulse.testkit.LocalStackExtension;

/**
 * {@code medpulse bench api} briefly, on a small panel against the real local broker: it measures
 * requests on every endpoint of the mix, none fails, and the API's totals are the loaded panel's.
 * Not a timing test: this machine's speed is not asserted.
 */
class ApiBenchmarkIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    private static final int RESPONDENTS = 1_500;

    @Test
    void measuresEveryEndpointOfTheMixWithoutErrorsAndChecksTheLoadedTotals() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ApiBenchmark.Settings settings = ApiBenchmark.Settings.of(STACK.bootstrapServers(), RESPONDENTS)
                .withLoad(4, Duration.ofSeconds(1), Duration.ofSeconds(3), ApiRequestMix.typical());

        ApiBenchmark.Result result = new ApiBenchmark(settings, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(result.errors()).as("errors: %s", result.errorKinds()).isZero();
        assertThat(result.errorKinds()).isEmpty();
        assertThat(result.concurrency()).isEqualTo(4);
        assertThat(result.endpoints()).containsOnlyKeys(ApiEndpoint.values());
        assertThat(result.endpoints().values()).allSatisfy(figures -> {
            assertThat(figures.requests()).isPositive();
            assertThat(figures.requestsPerSecond()).isPositive();
            assertThat(figures.p50()).isPositive().isLessThanOrEqualTo(figures.p99());
            assertThat(figures.p99()).isLessThanOrEqualTo(figures.max());
        });
        assertThat(result.overall().requests())
                .isEqualTo(result.endpoints().values().stream().mapToLong(ApiBenchmark.Figures::requests).sum());
        assertThat(result.checked()).containsOnlyKeys("2025-04", "2025-05", "2025-06");
        assertThat(result.checked().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(RESPONDENTS);

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("loaded: ", "1,500 respondent-waves", "ready: the API counts every loaded respondent")
                .contains("endpoint  clients   requests     req/s   p50 ms   p90 ms   p99 ms   max ms  errors")
                .containsPattern("(?m)^usage +4 +[0-9,]+ ")
                .containsPattern("(?m)^overall +4 +[0-9,]+ .* 0$")
                .contains("checked: ");
    }

    @Test
    void aMixWithOneEndpointAsksOnlyThatOne() {
        ApiBenchmark.Settings settings = ApiBenchmark.Settings.of(STACK.bootstrapServers(), 200)
                .withLoad(2, Duration.ZERO, Duration.ofSeconds(1), ApiRequestMix.only(ApiEndpoint.WAVES));

        ApiBenchmark.Result result = new ApiBenchmark(settings, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();

        assertThat(result.endpoints()).containsOnlyKeys(ApiEndpoint.WAVES);
        assertThat(result.endpoints().get(ApiEndpoint.WAVES).requests()).isPositive();
        assertThat(result.errors()).isZero();
    }
}
