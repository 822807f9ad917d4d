package org.medpulse.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

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
                // No trickle: the stores do not change, so questions asked again are given again.
                .containsPattern("(?m)^answers, overall: [1-9][0-9,]* given again, [0-9,]+ made anew \\([0-9.]+% given again")
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

    @Test
    void aLiveTrickleKeepsTheAnswersChangingAndTheTotalsCheckedAfterwardsIncludeIt() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ApiBenchmark.Settings settings = ApiBenchmark.Settings.of(STACK.bootstrapServers(), RESPONDENTS)
                .withLoad(4, Duration.ofSeconds(1), Duration.ofSeconds(3), ApiRequestMix.typical())
                .withClients(ApiBenchmark.Clients.IN_PROCESS, 50);

        ApiBenchmark.Result result = new ApiBenchmark(settings, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        // Every answer during the run showed at least the loaded respondents; afterwards exactly the loaded and trickled.
        assertThat(result.errors()).as("errors: %s", result.errorKinds()).isZero();
        assertThat(result.trickled()).isPositive();
        assertThat(result.checked().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(RESPONDENTS);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("trickle: 50 responses/s")
                .contains("count the loaded and trickled respondents");
    }

    @Test
    void servedWithoutClientsItSaysHowToDriveItAndStillChecksTheTotals() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ApiBenchmark.Settings settings = ApiBenchmark.Settings.of(STACK.bootstrapServers(), 300)
                .withLoad(1, Duration.ZERO, Duration.ofSeconds(2), ApiRequestMix.typical())
                .withClients(ApiBenchmark.Clients.NONE, 20);

        ApiBenchmark.Result result = new ApiBenchmark(settings, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(result.trickled()).isPositive();
        assertThat(result.checked().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(300);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("serving: http://127\\.0\\.0\\.1:[0-9]+ for 2 s")
                .containsPattern("wrk -t2 -c8 -d30s -s bench/wrk/api-mix\\.lua http://127\\.0\\.0\\.1:[0-9]+ -- "
                        + "waves=2025-04,2025-05,2025-06 partners=partner-1,");
    }

    /** Only where wrk is installed (CI has none): the mix from another process, and the constant reference. */
    @Test
    void wrkInAnotherProcessDrivesTheWholeMixWithoutErrors() {
        assumeTrue(onPath("wrk"), "wrk is not installed");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ApiBenchmark.Settings settings = ApiBenchmark.Settings.of(STACK.bootstrapServers(), RESPONDENTS)
                .withLoad(4, Duration.ZERO, Duration.ofSeconds(2), ApiRequestMix.typical())
                .withClients(ApiBenchmark.Clients.WRK, 20);

        ApiBenchmark.Result result = new ApiBenchmark(settings, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(result.errors()).as("errors: %s", result.errorKinds()).isZero();
        assertThat(result.overall().requests()).isPositive();
        assertThat(result.constant()).hasValueSatisfying(constant -> assertThat(constant.requests()).isPositive());
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("wrk-mix: 2161 requests in the cycle (18 paths x 120 filter combinations, and /api/v1/waves)")
                .containsPattern("(?m)^mix +4 +[0-9,]+ .* 0$")
                .containsPattern("(?m)^jit, mix: the compiler busy [0-9.]+% of the measured run$")
                .containsPattern("(?m)^answers, mix: [0-9,]+ given again, [1-9][0-9,]* made anew ")
                .contains("ratio: the mix runs at ");
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
