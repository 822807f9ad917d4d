package org.medpulse.devstack.registry.storage;

import java.util.ArrayList;
import java.util.List;

import org.medpulse.devstack.registry.core.SchemaStorage;
import org.medpulse.devstack.registry.core.StoreRecord;

/** Keeps records in memory only: for unit tests, where nothing needs to survive the JVM. */
public final class InMemorySchemaStorage implements SchemaStorage {

    private final List<StoreRecord> records = new ArrayList<>();

    @Override
    public synchronized List<StoreRecord> readAll() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void write(StoreRecord record) {
        records.add(record);
    }

    @Override
    public String description() {
        return "memory";
    }

    @Override
    public void close() {
    }
}
