package org.medpulse.schemas.registry;

import java.io.Closeable;
import java.util.List;

import org.apache.avro.Schema;

/**
 * What the serdes need from a Confluent-compatible schema registry. Implementations: a REST client
 * for a real registry, and an in-memory one for tests ({@code mock://scope} URLs).
 *
 * <p>Failures surface as {@link SchemaRegistryException} carrying Confluent's HTTP status and
 * {@code error_code}.
 */
public interface SchemaRegistryClient extends Closeable {

    /** Registers {@code schema} under {@code subject} (or finds it registered) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} already registered under {@code subject}; fails with 40401/40403 otherwise. */
    int getId(String subject, Schema schema);

    /** The schema with global id {@code id}; fails with 40403 when unknown. */
    Schema getSchemaById(int id);

    /** The latest version registered under {@code subject}; fails with 40401 when unknown. */
    RegisteredSchema getLatestSchema(String subject);

    /** The subjects that currently exist. */
    List<String> getSubjects();

    @Override
    default void close() {
    }
}
