package org.medpulse.devstack.registry.core;

import java.util.List;

/**
 * Where the registry keeps its records: a log replayed at start-up and appended to on every
 * change. Implementations: in memory (unit tests) and Kafka's compacted {@code _schemas} topic.
 */
public interface SchemaStorage extends AutoCloseable {

    /** Every record stored so far, oldest first. Called once, before the registry serves. */
    List<StoreRecord> readAll();

    /**
     * Stores {@code record}, returning only once it is durably stored.
     *
     * @throws SchemaStorageException when it could not be stored
     */
    void write(StoreRecord record);

    /** Where the records live, for logs. */
    String description();

    @Override
    void close();
}
