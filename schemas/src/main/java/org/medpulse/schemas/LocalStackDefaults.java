package org.medpulse.schemas;

/**
 * Where the embedded local stack ({@code ./medpulse stack}) listens unless told otherwise, and so
 * where every command connects by default.
 */
public final class LocalStackDefaults {

    public static final int KAFKA_PORT = 9092;
    public static final int REGISTRY_PORT = 8081;
    public static final String BOOTSTRAP_SERVERS = "127.0.0.1:" + KAFKA_PORT;
    public static final String REGISTRY_URL = "http://127.0.0.1:" + REGISTRY_PORT;

    private LocalStackDefaults() {
    }
}
