package org.medpulse.chaos.platform;

import org.medpulse.devstack.kafka.LocalPorts;
import org.medpulse.devstack.registry.SchemaRegistryServer;

/**
 * MedPulse's Confluent-compatible schema registry, storing its schemas in the cluster's
 * {@code _schemas} topic, on a fixed port so that it can be stopped and started again where its
 * clients look for it (as a registry restarted by its orchestrator would be).
 */
public final class Registry implements AutoCloseable {

    private final int port;
    private final String bootstrapServers;
    private SchemaRegistryServer server;

    private Registry(int port, String bootstrapServers) {
        this.port = port;
        this.bootstrapServers = bootstrapServers;
    }

    public static Registry start(String bootstrapServers) {
        Registry registry = new Registry(LocalPorts.free(1).get(0), bootstrapServers);
        registry.start();
        return registry;
    }

    public String url() {
        return "http://" + LocalPorts.HOST + ":" + port;
    }

    public synchronized void start() {
        if (server == null) {
            server = SchemaRegistryServer.kafkaBacked(port, bootstrapServers);
        }
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }
}
