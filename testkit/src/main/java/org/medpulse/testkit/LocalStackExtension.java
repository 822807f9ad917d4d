package org.medpulse.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.medpulse.cluster.NewTopics;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.devstack.registry.SchemaRegistryServer;

/**
 * Gives a test class a real Kafka broker (KRaft, in-process, through Kafka's test kit) and, on
 * first use, a schema registry stored in that broker's {@code _schemas} topic. Register it as a
 * static field: {@code @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();}
 * One cluster per test class: starting one costs about two seconds.
 */
public final class LocalStackExtension implements BeforeAllCallback, AfterAllCallback {

    private KafkaClusterTestKit cluster;
    private SchemaRegistryServer registry;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (registry != null) {
            registry.close();
            registry = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The registry's URL; the registry starts on the first call. */
    public synchronized String registryUrl() {
        if (registry == null) {
            registry = SchemaRegistryServer.kafkaBacked(0, bootstrapServers());
        }
        return registry.url();
    }

    /** Client properties with the bootstrap servers set, plus {@code extra}. */
    public Properties clientProperties(Map<String, ?> extra) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.putAll(extra);
        return props;
    }

    /** Creates those of {@code topics} that are missing, as the application would at start-up. */
    public void createTopics(ProjectTopics topics) {
        try (Admin admin = Admin.create(clientProperties(Map.of()))) {
            topics.ensure(admin, Duration.ofSeconds(30));
        }
    }

    /** Creates {@code topic} with {@code partitions} partitions unless it exists, and waits until it takes writes. */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(clientProperties(Map.of()))) {
            CreateTopicsResult created = admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)));
            created.all().get();
            NewTopics.awaitWritable(admin, created, List.of(topic), Duration.ofSeconds(30));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topic " + topic, e);
        }
    }
}
