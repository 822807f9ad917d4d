package org.medpulse.devstack.stack;

import java.nio.file.Path;
import java.util.Objects;

import org.medpulse.cluster.LocalCluster;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.devstack.kafka.BrokerOptions;
import org.medpulse.devstack.kafka.LocalPorts;

/**
 * How to run a {@link LocalStack}: immutable; start from {@link #defaults()} (data in
 * {@code ./.medpulse}, Kafka on 9092, registry on 8081, the project's topic layout) and refine
 * with the {@code with...} methods. Port 0 picks a free port.
 */
public final class LocalStackOptions {

    /** The data directory when none is given, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of(".medpulse");

    private final Path dataDirectory;
    private final int kafkaPort;
    private final int registryPort;
    private final ProjectTopics topics;

    private LocalStackOptions(Path dataDirectory, int kafkaPort, int registryPort, ProjectTopics topics) {
        this.dataDirectory = dataDirectory;
        this.kafkaPort = kafkaPort;
        this.registryPort = registryPort;
        this.topics = topics;
    }

    public static LocalStackOptions defaults() {
        return new LocalStackOptions(DEFAULT_DATA_DIRECTORY, LocalCluster.KAFKA_PORT, LocalCluster.REGISTRY_PORT,
                ProjectTopics.defaults());
    }

    /** Where the stack keeps its data across restarts (Kafka's logs, and with them the schemas). */
    public LocalStackOptions withDataDirectory(Path dataDirectory) {
        return new LocalStackOptions(Objects.requireNonNull(dataDirectory, "dataDirectory"), kafkaPort,
                registryPort, topics);
    }

    public LocalStackOptions withKafkaPort(int port) {
        return new LocalStackOptions(dataDirectory, LocalPorts.checkPortNumber(port, "Kafka port"), registryPort, topics);
    }

    public LocalStackOptions withRegistryPort(int port) {
        return new LocalStackOptions(dataDirectory, kafkaPort, LocalPorts.checkPortNumber(port, "Schema registry port"), topics);
    }

    /** Partitions of {@code survey-responses} when the stack creates it; an existing topic keeps its own. */
    public LocalStackOptions withSurveyResponsePartitions(int partitions) {
        return new LocalStackOptions(dataDirectory, kafkaPort, registryPort,
                topics.withSurveyResponsePartitions(partitions));
    }

    /** As given: relative paths resolve against the working directory when the stack starts. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int registryPort() {
        return registryPort;
    }

    public ProjectTopics topics() {
        return topics;
    }

    /** The broker's share: its logs in {@code <data dir>/kafka}, so the directory can hold more later. */
    public BrokerOptions brokerOptions() {
        return BrokerOptions.inDirectory(dataDirectory.resolve("kafka")).withKafkaPort(kafkaPort);
    }

    @Override
    public String toString() {
        return "LocalStackOptions{dataDirectory=" + dataDirectory + ", kafkaPort=" + kafkaPort
                + ", registryPort=" + registryPort + ", surveyResponsePartitions="
                + topics.surveyResponsePartitions() + '}';
    }
}
