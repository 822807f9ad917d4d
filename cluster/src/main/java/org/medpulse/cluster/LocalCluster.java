package org.medpulse.cluster;

/**
 * Where a local MedPulse cluster listens by convention: the embedded local stack
 * ({@code ./medpulse stack}) starts there unless told otherwise, and every client (the commands,
 * the streams application) connects there unless told otherwise.
 */
public final class LocalCluster {

    public static final int KAFKA_PORT = 9092;
    public static final int REGISTRY_PORT = 8081;
    public static final String BOOTSTRAP_SERVERS = "127.0.0.1:" + KAFKA_PORT;
    public static final String REGISTRY_URL = "http://127.0.0.1:" + REGISTRY_PORT;

    private LocalCluster() {
    }
}
