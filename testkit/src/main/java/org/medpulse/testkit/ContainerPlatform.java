package org.medpulse.testkit;

import java.time.Duration;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The platform on the official images, started by Testcontainers: Apache Kafka's
 * {@code apache/kafka} (KRaft, one combined node) and Confluent's {@code cp-schema-registry},
 * stored in that broker's {@code _schemas} topic, on a network of their own. The registry reaches
 * the broker by its network alias ({@value #KAFKA_INTERNAL_LISTENER}); this JVM and child JVMs
 * reach both through their mapped ports. Needs a Docker engine; {@link Platform#choose} skips the
 * class when there is none.
 *
 * <p>The images are those of {@code docker-compose.yml} ({@code ContainerPlatformTest} checks it).
 */
final class ContainerPlatform implements TestPlatform {

    /** The Kafka version of the project's jars. */
    static final String KAFKA_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();
    /** Confluent Platform 8.3 is the release built on Apache Kafka 4.3. */
    static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:8.3.0";

    static final String KAFKA_INTERNAL_LISTENER = "kafka:19092";
    private static final int REGISTRY_PORT = 8081;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private final Network network;
    private final KafkaContainer kafka;
    private GenericContainer<?> registry;
    private String registryUrl;

    private ContainerPlatform(Network network, KafkaContainer kafka) {
        this.network = network;
        this.kafka = kafka;
    }

    /** Whether Testcontainers finds a Docker engine (it logs what it tried when it finds none). */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerPlatform start() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withNetwork(network)
                // A listener for the other containers of the network; its host becomes a network alias.
                .withListener(KAFKA_INTERNAL_LISTENER)
                // The single-node settings Testcontainers leaves out (it sets the offsets and
                // transaction logs' ones), as the embedded platform and docker-compose.yml set them.
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withStartupTimeout(STARTUP_TIMEOUT);
        try {
            kafka.start();
        } catch (RuntimeException | Error e) {
            kafka.stop();
            network.close();
            throw e;
        }
        return new ContainerPlatform(network, kafka);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public synchronized String registryUrl() {
        if (registryUrl == null) {
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                    .withNetwork(network)
                    .withNetworkAliases("schema-registry")
                    .withExposedPorts(REGISTRY_PORT)
                    .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                    .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
                    .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_INTERNAL_LISTENER)
                    .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC", "_schemas")
                    .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
                    .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(STARTUP_TIMEOUT));
            registry = container;
            container.start();
            registryUrl = "http://" + container.getHost() + ":" + container.getMappedPort(REGISTRY_PORT);
        }
        return registryUrl;
    }

    @Override
    public synchronized void close() {
        try {
            if (registry != null) {
                registry.stop();
                registry = null;
            }
        } finally {
            try {
                kafka.stop();
            } finally {
                network.close();
            }
        }
    }
}
