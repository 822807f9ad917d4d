package org.medpulse.devstack.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real Apache Kafka broker in this JVM: one KRaft node that is both broker and controller, with
 * its data in a directory that survives restarts. {@link #start(BrokerOptions)} returns once the
 * broker serves requests; {@link #close()} shuts it down cleanly.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(dir))) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Kafka's SocketServer message when a listener's port is taken. */
    private static final Pattern FAILED_BIND = Pattern.compile("failed to bind to .*:(\\d+): Address already in use");

    private final KafkaRaftServer server;
    private final KafkaDataDirectory dataDirectory;
    private final int kafkaPort;
    private final int controllerPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, KafkaDataDirectory dataDirectory, int kafkaPort,
                                int controllerPort) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker as {@code options} say, formatting its data directory on first use, and
     * waits until it answers requests.
     *
     * @throws PortInUseException   if the Kafka or controller port is taken
     * @throws ServerStartException if the data directory cannot be used, the settings are invalid,
     *                              or the broker does not come up within the start-up timeout
     */
    public static EmbeddedKafkaBroker start(BrokerOptions options) {
        long started = System.nanoTime();
        List<Integer> ports = resolvePorts(options);
        int kafkaPort = ports.get(0);
        int controllerPort = ports.get(1);
        KafkaConfig config = kafkaConfig(SingleNodeConfig.serverProperties(options.dataDirectory(), kafkaPort,
                controllerPort, options.brokerProperties()));
        KafkaDataDirectory dataDirectory = KafkaDataDirectory.open(options.dataDirectory(), options.clusterId());
        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (RuntimeException e) {
            dataDirectory.close();
            throw new ServerStartException("Kafka broker failed to start: " + e.getMessage(), e);
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dataDirectory, kafkaPort, controllerPort);
        try {
            server.startup();
            broker.awaitServing(options.startupTimeout());
        } catch (RuntimeException e) {
            broker.close();
            throw startFailure(e, broker);
        }
        log.debug("Kafka broker of cluster {} serving on {} (data in {}) after {} ms", broker.clusterId(),
                broker.bootstrapServers(), broker.dataDirectory(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return broker;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return LocalPorts.HOST + ":" + kafkaPort;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The id written in the data directory at its first format; the same on every restart. */
    public String clusterId() {
        return dataDirectory.clusterId();
    }

    /** Absolute. */
    public Path dataDirectory() {
        return dataDirectory.path();
    }

    /** Stops the broker and waits until it has released its ports and data directory. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                dataDirectory.close();
            }
            log.debug("Kafka broker on {} stopped", bootstrapServers());
        }
    }

    private static List<Integer> resolvePorts(BrokerOptions options) {
        int kafkaPort = options.kafkaPort();
        int controllerPort = options.controllerPort();
        if (kafkaPort != BrokerOptions.FREE_PORT && kafkaPort == controllerPort) {
            throw new ServerStartException("Kafka port and controller port must differ, both are " + kafkaPort);
        }
        if (kafkaPort != BrokerOptions.FREE_PORT) {
            LocalPorts.requireFree(kafkaPort, "Kafka");
        }
        if (controllerPort != BrokerOptions.FREE_PORT) {
            LocalPorts.requireFree(controllerPort, "Kafka controller");
        }
        // Kafka could bind port 0 itself, but the controller's port must be known before it starts
        // (it is the voter's address) and the broker's is needed to advertise; so choose them here.
        List<Integer> free = LocalPorts.free(3);
        List<Integer> unusable = List.of(kafkaPort, controllerPort);
        List<Integer> candidates = free.stream().filter(p -> !unusable.contains(p)).toList();
        return List.of(
                kafkaPort != BrokerOptions.FREE_PORT ? kafkaPort : candidates.get(0),
                controllerPort != BrokerOptions.FREE_PORT ? controllerPort : candidates.get(1));
    }

    private static KafkaConfig kafkaConfig(Properties props) {
        try {
            return KafkaConfig.fromProps(props, false);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ServerStartException("Invalid Kafka broker settings: " + e.getMessage(), e);
        }
    }

    /**
     * {@link KafkaRaftServer#startup()} returns once the broker is unfenced; asking it for the
     * cluster's description proves that clients can now use it.
     */
    private void awaitServing(Duration timeout) {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "medpulse-broker-readiness");
        try (Admin admin = Admin.create(adminConfig)) {
            String servedClusterId = admin.describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                    .clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!clusterId().equals(servedClusterId)) {
                throw new IllegalStateException("Broker answers for cluster " + servedClusterId
                        + ", expected " + clusterId() + " (is another broker on port " + kafkaPort + "?)");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ServerStartException("Kafka broker on " + bootstrapServers()
                    + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("Interrupted while waiting for the Kafka broker to start", e);
        }
    }

    /** Kafka's start-up errors arrive wrapped several times; the user needs the one at the bottom. */
    private static RuntimeException startFailure(RuntimeException failure, EmbeddedKafkaBroker broker) {
        if (failure instanceof ServerStartException) {
            return failure;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            Matcher bind = FAILED_BIND.matcher(message);
            if (bind.find()) {
                int port = Integer.parseInt(bind.group(1));
                PortInUseException portInUse = new PortInUseException(
                        port == broker.controllerPort ? "Kafka controller" : "Kafka", port);
                portInUse.initCause(failure);
                return portInUse;
            }
            if (message.contains("Failed to acquire lock")) {
                return new ServerStartException("Data directory " + broker.dataDirectory()
                        + " is in use by another Kafka broker (is a medpulse stack already running on it?)", failure);
            }
        }
        return new ServerStartException("Kafka broker failed to start: " + failure.getMessage(), failure);
    }
}
