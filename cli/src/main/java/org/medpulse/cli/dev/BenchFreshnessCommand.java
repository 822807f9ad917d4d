package org.medpulse.cli.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.medpulse.bench.FreshnessBenchmark;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.VerboseOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code medpulse bench freshness}: how soon a published response shows in the API and on the stream. */
@Command(name = "freshness",
        mixinStandardHelpOptions = true,
        header = "Publish responses at a steady rate and measure how soon each shows in the API and on the live stream.",
        description = {
                "Starts the streams application (exactly-once, shipped defaults unless --kafka-property says otherwise), "
                        + "publishes new respondents of one wave at R responses/s for S seconds (acks=all), and meanwhile "
                        + "asks the API for the wave's usage every 5 ms and listens to /api/v1/stream.",
                "",
                "A response's latency runs from the producer's acknowledgement to the first moment the API (or the "
                        + "stream) shows at least as many respondents as its rank. Prints p50, p90, p99 and max in "
                        + "milliseconds for both (after the warm-up), the API's p99 per 10 s of publishing, and how many responses were never seen (within 10 s of the end); exits 1 if any was.",
                "",
                "Without --bootstrap it starts a throwaway Kafka broker in this process.",
        },
        footerHeading = "%n",
        footer = {"Examples:",
                "  ./medpulse bench freshness --rate 1000 --duration 60",
                "  ./medpulse bench freshness --kafka-property commit.interval.ms=100"})
final class BenchFreshnessCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Mixin
    private BenchCluster cluster;

    private int rate = 1_000;
    private int seconds = 60;
    private int warmup = 10;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "1000",
            description = "Responses published per second (default: ${DEFAULT-VALUE}).")
    void rate(int value) {
        rate = BenchCommand.positive(spec, value, "--rate");
    }

    @Option(names = "--duration", paramLabel = "S", defaultValue = "60",
            description = "Seconds of publishing (default: ${DEFAULT-VALUE}).")
    void duration(int value) {
        seconds = BenchCommand.positive(spec, value, "--duration");
    }

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "10",
            description = "Seconds of publishing first, at the same rate, not counted: the JIT compiler and the "
                    + "first transactions settle (default: ${DEFAULT-VALUE}; 0 counts from the first response).")
    void warmup(int value) {
        if (value < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must not be negative, got " + value);
        }
        warmup = value;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        FreshnessBenchmark.Result result = cluster.run(out, bootstrap -> new FreshnessBenchmark(
                new FreshnessBenchmark.Settings(bootstrap, rate, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds),
                        cluster.partitions(), cluster.kafkaProperties()), out).run());
        out.flush();
        return result.api().neverSeen() == 0 && result.stream().neverSeen() == 0 ? 0 : 1;
    }
}
