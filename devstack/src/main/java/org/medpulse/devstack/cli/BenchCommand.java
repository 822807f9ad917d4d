package org.medpulse.devstack.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.medpulse.devstack.kafka.BrokerOptions;
import org.medpulse.devstack.kafka.EmbeddedKafkaBroker;
import org.medpulse.schemas.cli.VerboseOption;
import org.medpulse.streams.bench.ReplayBenchmark;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code medpulse bench}: benchmarks, printed rather than asserted. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        header = "Measure MedPulse's throughput on this machine.",
        description = "Benchmarks print figures; they are not tests. Run them on a quiet machine.",
        subcommands = {CommandLine.HelpCommand.class, BenchCommand.Replay.class})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing benchmark: give one of "
                + String.join(", ", spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList()));
    }

    /** {@code medpulse bench replay}: the topology's replay rate against the broker's raw rate. */
    @Command(name = "replay",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            header = "Replay N responses through the survey topology (exactly-once) and compare with the raw broker.",
            descriptionHeading = "%n",
            description = {
                    "In one run against the same broker: (1) the rate at which the broker takes raw 300-byte "
                            + "records with acks=all (median of the counted runs, after a warm-up run); (2) the "
                            + "rate at which the survey topology replays N synthetic responses (with corrections, "
                            + "redeliveries and late answers) already on a topic, under exactly-once, until every "
                            + "input offset is committed. Prints both in records/s and their ratio (goal: at "
                            + "least 0.50), and checks that the stores count every respondent.",
                    "",
                    "Without --bootstrap it starts a throwaway Kafka broker in this process, in a temporary "
                            + "directory deleted afterwards. With --bootstrap it uses that cluster and removes "
                            + "the topics it created (bench-*).",
            },
            optionListHeading = "%nOptions:%n",
            footerHeading = "%n",
            footer = {"Examples:",
                    "  ./medpulse bench replay --responses 1000000",
                    "  ./medpulse bench replay --responses 200000 --bootstrap 127.0.0.1:9092"})
    static final class Replay implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private VerboseOption verbose;

        private int responses;
        private Integer rawRecords;
        private int rawRuns = 3;
        private int partitions = 6;
        private int streamThreads = 1;

        @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
                description = "Kafka bootstrap servers to measure (default: a throwaway broker started here).")
        private String bootstrap;

        @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
                description = "Extra client / Kafka Streams setting for both measurements (repeatable).")
        private Map<String, String> kafkaProperties = new HashMap<>();

        @Option(names = "--responses", required = true, paramLabel = "N",
                description = "Responses replayed through the topology, e.g. 1000000.")
        void responses(int value) {
            responses = positive(value, "--responses");
        }

        @Option(names = "--raw-records", paramLabel = "N",
                description = "Records of each raw producer run (default: as many as --responses).")
        void rawRecords(int value) {
            rawRecords = positive(value, "--raw-records");
        }

        @Option(names = "--raw-runs", paramLabel = "N", defaultValue = "3",
                description = "Counted raw runs after the warm-up (default: ${DEFAULT-VALUE}).")
        void rawRuns(int value) {
            rawRuns = positive(value, "--raw-runs");
        }

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
                description = "Partitions of the benchmark topics (default: ${DEFAULT-VALUE}).")
        void partitions(int value) {
            partitions = positive(value, "--partitions");
        }

        @Option(names = "--stream-threads", paramLabel = "N", defaultValue = "1",
                description = "Kafka Streams threads of the replay (default: ${DEFAULT-VALUE}).")
        void streamThreads(int value) {
            streamThreads = positive(value, "--stream-threads");
        }

        @Override
        public Integer call() throws IOException {
            // ReplayBenchmark reports to a PrintStream as it goes; the console is where it belongs.
            PrintStream out = System.out;
            if (bootstrap != null) {
                run(bootstrap, out);
                return 0;
            }
            Path directory = Files.createTempDirectory("medpulse-bench-");
            try {
                out.println("Starting a throwaway Kafka broker (data in " + directory + ")...");
                try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(directory))) {
                    run(broker.bootstrapServers(), out);
                }
            } finally {
                deleteRecursively(directory);
            }
            return 0;
        }

        private void run(String bootstrapServers, PrintStream out) {
            ReplayBenchmark.Settings settings = new ReplayBenchmark.Settings(bootstrapServers, responses,
                    rawRecords == null ? responses : rawRecords, rawRuns, partitions, streamThreads,
                    Map.copyOf(kafkaProperties));
            out.println("Benchmarking on " + bootstrapServers + "...");
            new ReplayBenchmark(settings, out).run();
            out.flush();
        }

        private int positive(int value, String option) {
            if (value < 1) {
                throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
            }
            return value;
        }

        private static void deleteRecursively(Path directory) throws IOException {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
