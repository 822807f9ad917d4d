package org.medpulse.devstack.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.Uuid;

/**
 * How to run an {@link EmbeddedKafkaBroker}: immutable; start from {@link #inDirectory(Path)} and
 * refine with the {@code with...} methods, each of which returns a new instance.
 *
 * <pre>{@code
 * BrokerOptions.inDirectory(Path.of(".medpulse/kafka")).withKafkaPort(9092)
 * }</pre>
 */
public final class BrokerOptions {

    /** Port value meaning "pick a free port at start". */
    public static final int FREE_PORT = 0;

    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final int kafkaPort;
    private final int controllerPort;
    private final String clusterId;
    private final Map<String, String> brokerProperties;
    private final Duration startupTimeout;

    private BrokerOptions(Path dataDirectory, int kafkaPort, int controllerPort, String clusterId,
                          Map<String, String> brokerProperties, Duration startupTimeout) {
        this.dataDirectory = dataDirectory;
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.brokerProperties = Map.copyOf(brokerProperties);
        this.startupTimeout = startupTimeout;
    }

    /**
     * A broker keeping its data in {@code dataDirectory} (created and formatted on first start,
     * reused afterwards), on free ports, with a cluster id minted at the first format.
     */
    public static BrokerOptions inDirectory(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        return new BrokerOptions(dataDirectory.toAbsolutePath().normalize(), FREE_PORT, FREE_PORT, null,
                Map.of(), DEFAULT_STARTUP_TIMEOUT);
    }

    /** The port clients connect to ({@code bootstrap.servers}); {@link #FREE_PORT} picks one. */
    public BrokerOptions withKafkaPort(int port) {
        return new BrokerOptions(dataDirectory, LocalPorts.checkPortNumber(port, "Kafka port"), controllerPort, clusterId,
                brokerProperties, startupTimeout);
    }

    /**
     * The KRaft controller's port; {@link #FREE_PORT} (the default) picks one. It may differ from
     * one start to the next: the single voter is declared statically, not stored in the data.
     */
    public BrokerOptions withControllerPort(int port) {
        return new BrokerOptions(dataDirectory, kafkaPort, LocalPorts.checkPortNumber(port, "controller port"), clusterId,
                brokerProperties, startupTimeout);
    }

    /**
     * The cluster id to format a new data directory with, and to expect in an existing one (a
     * directory formatted for another cluster is refused). Kafka ids are 22-character base64 UUIDs.
     */
    public BrokerOptions withClusterId(String clusterId) {
        Objects.requireNonNull(clusterId, "clusterId");
        try {
            Uuid.fromString(clusterId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + clusterId + "' is not a Kafka cluster id "
                    + "(a 22-character base64 UUID such as " + Uuid.randomUuid() + ")", e);
        }
        return new BrokerOptions(dataDirectory, kafkaPort, controllerPort, clusterId, brokerProperties,
                startupTimeout);
    }

    /** A broker setting applied over the single-node defaults, e.g. {@code log.retention.hours}. */
    public BrokerOptions withBrokerProperty(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> properties = new LinkedHashMap<>(brokerProperties);
        properties.put(key, value);
        return new BrokerOptions(dataDirectory, kafkaPort, controllerPort, clusterId, properties,
                startupTimeout);
    }

    /** How long {@link EmbeddedKafkaBroker#start} waits for the broker to serve requests. */
    public BrokerOptions withStartupTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startup timeout must be positive, got " + timeout);
        }
        return new BrokerOptions(dataDirectory, kafkaPort, controllerPort, clusterId, brokerProperties,
                timeout);
    }

    /** Absolute. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Optional<String> clusterId() {
        return Optional.ofNullable(clusterId);
    }

    public Map<String, String> brokerProperties() {
        return brokerProperties;
    }

    public Duration startupTimeout() {
        return startupTimeout;
    }

    @Override
    public String toString() {
        return "BrokerOptions{dataDirectory=" + dataDirectory + ", kafkaPort=" + kafkaPort
                + ", controllerPort=" + controllerPort + ", clusterId=" + clusterId
                + ", brokerProperties=" + brokerProperties + ", startupTimeout=" + startupTimeout + '}';
    }
}
