package org.medpulse.cli.options;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.medpulse.cluster.LocalCluster;

import picocli.CommandLine.Option;

/**
 * The connection options every command shares ({@code --bootstrap}, {@code --registry},
 * {@code --kafka-property}), declared once as a picocli mixin.
 */
public final class ConnectionOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, the local stack).")
    private String bootstrapServers = LocalCluster.BOOTSTRAP_SERVERS;

    @Option(names = "--registry", paramLabel = "URL",
            description = "Schema registry URL (default: ${DEFAULT-VALUE}, the local stack).")
    private String registryUrl = LocalCluster.REGISTRY_URL;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Extra Kafka client setting, e.g. security.protocol=SASL_SSL; repeatable.")
    private Map<String, String> kafkaProperties = new LinkedHashMap<>();

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public Map<String, String> kafkaProperties() {
        return Map.copyOf(kafkaProperties);
    }

    /**
     * Kafka client properties: bootstrap servers, the registry URL for our serdes, then the user's
     * {@code --kafka-property} entries, which win.
     */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("schema.registry.url", registryUrl);
        props.putAll(kafkaProperties);
        return props;
    }
}
