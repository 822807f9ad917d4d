package org.medpulse.serde.registry;

import java.util.Objects;

import org.apache.avro.Schema;

/** One version of a subject, as a registry describes it. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
