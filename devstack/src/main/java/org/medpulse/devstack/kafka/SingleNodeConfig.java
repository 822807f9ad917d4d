package org.medpulse.devstack.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server properties of a one-node KRaft cluster: one process is both broker and the only
 * controller, and every internal topic is sized for a single replica (Kafka's defaults of 3
 * replicas would leave consumer groups and transactions unable to start).
 */
final class SingleNodeConfig {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Settings that depend on nothing but "there is one node". */
    static final Map<String, String> SINGLE_NODE_DEFAULTS = singleNodeDefaults();

    private SingleNodeConfig() {
    }

    private static Map<String, String> singleNodeDefaults() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", "1");
        // One partition is plenty locally; the default 50 makes the first consumer group wait for all of them.
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        // Nobody else will join: don't make the first consumer of a group wait 3 s for them.
        config.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner's 128 MiB default buffer would live in the embedding JVM's heap; local compacted topics are tiny.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return Map.copyOf(config);
    }

    /**
     * The full server configuration: identity, listeners on {@link LocalPorts#HOST}, storage in
     * {@code dataDirectory}, the single-node defaults, then {@code overrides} (which win).
     */
    static Properties serverProperties(Path dataDirectory, int kafkaPort, int controllerPort,
                                       Map<String, String> overrides) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // A static voter set (kraft.version 0): the controller's address lives in this config, not
        // in the metadata log, so the controller port may change between starts.
        props.put("controller.quorum.voters", NODE_ID + "@" + LocalPorts.HOST + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + LocalPorts.HOST + ":" + kafkaPort + ","
                + CONTROLLER_LISTENER + "://" + LocalPorts.HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + LocalPorts.HOST + ":" + kafkaPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dataDirectory.toString());
        props.put("metadata.log.dir", dataDirectory.toString());
        props.putAll(SINGLE_NODE_DEFAULTS);
        props.putAll(overrides);
        return props;
    }
}
