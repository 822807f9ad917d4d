package org.medpulse.cli.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.medpulse.devstack.kafka.BrokerOptions;
import org.medpulse.devstack.kafka.EmbeddedKafkaBroker;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a benchmark runs ({@code --bootstrap}, {@code --kafka-property}, {@code --partitions}),
 * declared once for every benchmark: the cluster given, or a throwaway broker started in this
 * process in a temporary directory deleted afterwards.
 */
public final class BenchCluster {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private int partitions = 6;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers to measure on (default: a throwaway broker started here).")
    private String bootstrap;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Extra client / Kafka Streams setting for every measurement (repeatable).")
    private Map<String, String> kafkaProperties = new HashMap<>();

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "Partitions of the benchmark topics (default: ${DEFAULT-VALUE}).")
    void partitions(int value) {
        partitions = BenchCommand.positive(mixee, value, "--partitions");
    }

    public int partitions() {
        return partitions;
    }

    public Map<String, Object> kafkaProperties() {
        return Map.<String, Object>copyOf(kafkaProperties);
    }

    /** Runs {@code benchmark} with the bootstrap servers of the cluster given, or of a throwaway broker. */
    public <T> T run(PrintStream out, Function<String, T> benchmark) throws IOException {
        if (bootstrap != null) {
            return benchmark.apply(bootstrap);
        }
        Path directory = Files.createTempDirectory("medpulse-bench-");
        try {
            out.println("Starting a throwaway Kafka broker (data in " + directory + ")...");
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(directory))) {
                return benchmark.apply(broker.bootstrapServers());
            }
        } finally {
            deleteRecursively(directory);
        }
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
