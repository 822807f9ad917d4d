package org.medpulse.serde;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.medpulse.serde.registry.RegisteredSchema;
import org.medpulse.serde.registry.SchemaRegistryClient;

/** Counts the calls that reach a registry, to prove the serdes' caches keep them off the hot path. */
final class CountingRegistry implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    CountingRegistry(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void count(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public int register(String subject, Schema schema) {
        count("register");
        return delegate.register(subject, schema);
    }

    @Override
    public int getId(String subject, Schema schema) {
        count("getId");
        return delegate.getId(subject, schema);
    }

    @Override
    public Schema getSchemaById(int id) {
        count("getSchemaById");
        return delegate.getSchemaById(id);
    }

    @Override
    public RegisteredSchema getLatestSchema(String subject) {
        count("getLatestSchema");
        return delegate.getLatestSchema(subject);
    }

    @Override
    public List<String> getSubjects() {
        count("getSubjects");
        return delegate.getSubjects();
    }
}
