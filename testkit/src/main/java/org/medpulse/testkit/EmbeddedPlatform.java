package org.medpulse.testkit;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.medpulse.devstack.registry.SchemaRegistryServer;

/**
 * The default platform, needing nothing but Java: a real Kafka broker (KRaft, one combined node,
 * in-process, through Kafka's test kit) and devstack's registry stored in its {@code _schemas}
 * topic. Ready in about two seconds.
 */
final class EmbeddedPlatform implements TestPlatform {

    private final KafkaClusterTestKit cluster;
    private SchemaRegistryServer registry;

    private EmbeddedPlatform(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static EmbeddedPlatform start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedPlatform(cluster);
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public synchronized String registryUrl() {
        if (registry == null) {
            registry = SchemaRegistryServer.kafkaBacked(0, bootstrapServers());
        }
        return registry.url();
    }

    @Override
    public synchronized void close() throws Exception {
        try {
            if (registry != null) {
                registry.close();
                registry = null;
            }
        } finally {
            cluster.close();
        }
    }
}
