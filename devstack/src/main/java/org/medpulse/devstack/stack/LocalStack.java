package org.medpulse.devstack.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.cluster.ProjectTopics.TopicSetup;
import org.medpulse.devstack.kafka.BrokerOptions;
import org.medpulse.devstack.kafka.EmbeddedKafkaBroker;
import org.medpulse.devstack.kafka.LocalPorts;
import org.medpulse.devstack.kafka.ServerStartException;
import org.medpulse.devstack.registry.SchemaRegistryServer;

/**
 * The whole local platform in this JVM: a real Kafka broker keeping its data in the data
 * directory, the project's topics, and a Confluent-compatible schema registry storing its schemas
 * in that broker. It prints nothing; callers show {@link #bootstrapServers()} and
 * {@link #registryUrl()} as they see fit.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withKafkaPort(0))) { ... }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration TOPIC_SETUP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;
    private final Registry registry;
    private final TopicSetup topics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(EmbeddedKafkaBroker broker, Registry registry, TopicSetup topics) {
        this.broker = broker;
        this.registry = registry;
        this.topics = topics;
    }

    /**
     * Starts the broker, creates the missing topics, then starts the registry; on any failure,
     * stops what was started and rethrows.
     *
     * @throws org.medpulse.devstack.kafka.PortInUseException if a requested port is taken
     * @throws ServerStartException                            if the broker or registry cannot start
     */
    public static LocalStack start(LocalStackOptions options) {
        return start(options, Registry::kafkaBacked);
    }

    /** With the registry started by {@code registries}, so tests can check the rest without it. */
    static LocalStack start(LocalStackOptions options, RegistryLauncher registries) {
        // Both ports checked first, so that a taken registry port fails fast, before the broker starts.
        if (options.kafkaPort() != BrokerOptions.FREE_PORT) {
            LocalPorts.requireFree(options.kafkaPort(), "Kafka");
        }
        if (options.registryPort() != BrokerOptions.FREE_PORT) {
            LocalPorts.requireFree(options.registryPort(), "Schema registry");
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options.brokerOptions());
        try {
            TopicSetup topics = ensureTopics(broker, options.topics());
            Registry registry = startRegistry(registries, options.registryPort(), broker.bootstrapServers());
            return new LocalStack(broker, registry, topics);
        } catch (RuntimeException e) {
            try {
                broker.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** {@code http://127.0.0.1:<port>}, for {@code schema.registry.url}. */
    public String registryUrl() {
        return registry.url();
    }

    /** Absolute. */
    public Path dataDirectory() {
        return broker.dataDirectory().getParent();
    }

    /** The Kafka cluster id, fixed when the data directory was first used. */
    public String clusterId() {
        return broker.clusterId();
    }

    /** Which project topics this start created and which it found from an earlier one. */
    public TopicSetup topics() {
        return topics;
    }

    /** Stops the registry, then the broker. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                registry.close();
            } finally {
                broker.close();
            }
        }
    }

    private static TopicSetup ensureTopics(EmbeddedKafkaBroker broker, ProjectTopics topics) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "medpulse-stack-topics"))) {
            return topics.ensure(admin, TOPIC_SETUP_TIMEOUT);
        }
    }

    private static Registry startRegistry(RegistryLauncher registries, int port, String bootstrapServers) {
        try {
            return registries.launch(port, bootstrapServers);
        } catch (ServerStartException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ServerStartException("Schema registry failed to start", e);
        }
    }

    /** The registry as the stack uses it. */
    interface Registry extends AutoCloseable {

        String url();

        @Override
        void close();

        static Registry kafkaBacked(int port, String bootstrapServers) {
            SchemaRegistryServer server = SchemaRegistryServer.kafkaBacked(port, bootstrapServers);
            return new Registry() {
                @Override
                public String url() {
                    return server.url();
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        }
    }

    /** Starts a registry on {@code port} (0: a free one) stored in the broker at {@code bootstrapServers}. */
    @FunctionalInterface
    interface RegistryLauncher {
        Registry launch(int port, String bootstrapServers);
    }
}
