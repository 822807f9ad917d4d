package org.medpulse.testkit;

/**
 * A running Kafka broker and, on first use, a Confluent-compatible schema registry stored in it:
 * what {@link LocalStackExtension} gives a test class, whichever {@link Platform} runs it. Both
 * addresses are reachable from this JVM and from child JVMs on this machine.
 */
interface TestPlatform extends AutoCloseable {

    String bootstrapServers();

    /** The registry's URL; the registry starts on the first call. */
    String registryUrl();

    /** Stops the registry (if started) and the broker. */
    @Override
    void close() throws Exception;
}
