package org.medpulse.devstack.registry;

import java.util.Objects;

import org.medpulse.devstack.registry.core.Registry;
import org.medpulse.devstack.registry.core.SchemaStorage;
import org.medpulse.devstack.registry.rest.RestApi;
import org.medpulse.devstack.registry.storage.InMemorySchemaStorage;
import org.medpulse.devstack.registry.storage.KafkaSchemaStorage;
import org.medpulse.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.Javalin;

/**
 * An embeddable schema registry that clients written for Confluent Schema Registry use
 * unchanged: Confluent's REST API (paths, bodies, status and error codes) for Avro schemas, on
 * {@link #url()}. It binds to the loopback interface only.
 *
 * <p>Storage is either memory (unit tests) or, as in Confluent, the compacted single-partition
 * {@code _schemas} topic, read to its end before the first request is served and written to
 * (acks=all) before a change is acknowledged, so schemas and ids survive restarts.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final String HOST = "127.0.0.1";

    private final SchemaStorage storage;
    private final Javalin http;

    private SchemaRegistryServer(SchemaStorage storage, Javalin http) {
        this.storage = storage;
        this.http = http;
    }

    /** A registry that keeps schemas in memory only (unit tests); {@code port} 0 picks a free port. */
    public static SchemaRegistryServer inMemory(int port) {
        return start(port, new InMemorySchemaStorage());
    }

    /**
     * A registry whose storage is the compacted, single-partition {@code _schemas} topic on
     * {@code bootstrapServers} (created if missing), read fully before the first request is served.
     *
     * @throws IllegalStateException when Kafka cannot be reached or the topic is unsuitable
     */
    public static SchemaRegistryServer kafkaBacked(int port, String bootstrapServers) {
        return kafkaBacked(port, bootstrapServers, Topics.SCHEMAS);
    }

    /** As {@link #kafkaBacked(int, String)}, with storage in {@code topic} instead of {@code _schemas}. */
    public static SchemaRegistryServer kafkaBacked(int port, String bootstrapServers, String topic) {
        return start(port, KafkaSchemaStorage.open(bootstrapServers, topic));
    }

    /** A registry on {@code storage}, serving once everything stored has been read; closing it closes the storage. */
    public static SchemaRegistryServer start(int port, SchemaStorage storage) {
        Objects.requireNonNull(storage, "storage");
        try {
            Registry registry = Registry.load(storage);
            Javalin http = RestApi.create(registry).start(HOST, port);
            SchemaRegistryServer server = new SchemaRegistryServer(storage, http);
            LOG.info("Schema registry listening on {} (storage: {})", server.url(), storage.description());
            return server;
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://" + HOST + ":" + port();
    }

    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            storage.close();
        }
    }
}
