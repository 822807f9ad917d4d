package org.medpulse.devstack.registry;

/**
 * An embeddable Confluent-compatible schema registry (REST API on {@link #url()}).
 * STUB: the API other parts code against; the implementation lands with the registry work.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private SchemaRegistryServer() {
    }

    /** A registry that keeps schemas in memory only (unit tests); {@code port} 0 picks a free port. */
    public static SchemaRegistryServer inMemory(int port) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * A registry whose storage is the compacted, single-partition {@code _schemas} topic on
     * {@code bootstrapServers} (created if missing), read fully before the first request is served.
     */
    public static SchemaRegistryServer kafkaBacked(int port, String bootstrapServers) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public int port() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
    }
}
