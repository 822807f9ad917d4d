package org.medpulse.cli.dev.demo;

import java.nio.file.Path;
import java.util.Objects;

import org.medpulse.cluster.LocalCluster;
import org.medpulse.devstack.kafka.LocalPorts;
import org.medpulse.devstack.stack.LocalStackOptions;

/**
 * How to run the demo: immutable; start from {@link #defaults()} and refine with the
 * {@code with...} methods. Port 0 picks a free port.
 *
 * @param httpPort    the streams application's HTTP port (API and dashboard)
 * @param respondents respondents per loaded wave
 * @param trickleRate live responses per second into the current wave; 0 for none
 */
public record DemoOptions(Path dataDirectory, int httpPort, int kafkaPort, int registryPort, int respondents,
        double trickleRate) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_RESPONDENTS = 300;
    public static final double DEFAULT_TRICKLE_RATE = 2.0;

    public DemoOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        LocalPorts.checkPortNumber(httpPort, "HTTP port");
        LocalPorts.checkPortNumber(kafkaPort, "Kafka port");
        LocalPorts.checkPortNumber(registryPort, "Schema registry port");
        if (respondents < 1) {
            throw new IllegalArgumentException("respondents per wave must be at least 1, got " + respondents);
        }
        if (!(trickleRate >= 0) || Double.isInfinite(trickleRate)) {
            throw new IllegalArgumentException("the trickle rate must be 0 or a positive number, got " + trickleRate);
        }
    }

    /** Data in {@code ./.medpulse}, HTTP on 8080, the stack's usual ports, 300 respondents, 2 responses/s. */
    public static DemoOptions defaults() {
        return new DemoOptions(LocalStackOptions.DEFAULT_DATA_DIRECTORY, DEFAULT_HTTP_PORT,
                LocalCluster.KAFKA_PORT, LocalCluster.REGISTRY_PORT, DEFAULT_RESPONDENTS,
                DEFAULT_TRICKLE_RATE);
    }

    public DemoOptions withDataDirectory(Path directory) {
        return new DemoOptions(directory, httpPort, kafkaPort, registryPort, respondents, trickleRate);
    }

    public DemoOptions withHttpPort(int port) {
        return new DemoOptions(dataDirectory, port, kafkaPort, registryPort, respondents, trickleRate);
    }

    public DemoOptions withKafkaPort(int port) {
        return new DemoOptions(dataDirectory, httpPort, port, registryPort, respondents, trickleRate);
    }

    public DemoOptions withRegistryPort(int port) {
        return new DemoOptions(dataDirectory, httpPort, kafkaPort, port, respondents, trickleRate);
    }

    public DemoOptions withRespondents(int count) {
        return new DemoOptions(dataDirectory, httpPort, kafkaPort, registryPort, count, trickleRate);
    }

    public DemoOptions withTrickleRate(double perSecond) {
        return new DemoOptions(dataDirectory, httpPort, kafkaPort, registryPort, respondents, perSecond);
    }

    public boolean trickle() {
        return trickleRate > 0;
    }

    /** The local stack's share: the broker's logs (and with them the schemas) under the data directory. */
    public LocalStackOptions stackOptions() {
        return LocalStackOptions.defaults()
                .withDataDirectory(dataDirectory)
                .withKafkaPort(kafkaPort)
                .withRegistryPort(registryPort);
    }

    /** The streams application's state stores, beside the broker's data. */
    public Path stateDirectory() {
        return dataDirectory.resolve("streams-state");
    }
}
