package org.medpulse.devstack.it.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medpulse.devstack.testing.LocalStackExtension;
import org.medpulse.streams.bench.ReplayBenchmark;

/** The replay benchmark runs end to end on a small sample (figures are not judged here). */
class ReplayBenchmarkIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    @Test
    @Disabled("Flaky on a loaded machine: twice its raw produce expired after 120 s (no response for one "
            + "partition of a freshly created topic) while other brokers ran; to be diagnosed with the bench "
            + "figures (issue 4). Run the benchmark itself with ./medpulse bench replay.")
    void measuresTheRawRateAndTheReplayRateAndCleansUp() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReplayBenchmark.Result result = new ReplayBenchmark(new ReplayBenchmark.Settings(STACK.bootstrapServers(),
                5_000, 5_000, 1, 6, 1, Map.of()), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        assertThat(result.rawRecordsPerSecond()).isPositive();
        assertThat(result.replayRecordsPerSecond()).isPositive();
        assertThat(result.respondentWaves()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("raw broker: 5,000 records of 300 B, acks=all:", "replay: 5,000 responses", "ratio: ");
    }
}
