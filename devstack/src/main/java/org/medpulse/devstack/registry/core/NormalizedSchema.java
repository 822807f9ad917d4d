package org.medpulse.devstack.registry.core;

import java.util.Objects;

import org.apache.avro.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * An Avro schema parsed and normalised the way the registry compares schemas.
 *
 * <p>Two forms are kept:
 * <ul>
 * <li>{@link #text()}: the parsed schema's own JSON ({@link Schema#toString()}), which is what
 * Confluent stores and returns ({@code AvroSchema.canonicalString()}). Parsing already drops
 * whitespace, writes each object's known keys in a fixed order and resolves names, so a
 * reformatted schema gives the same text.</li>
 * <li>{@link #identity()}: that JSON with every object's keys sorted, so that even custom
 * properties given in another order compare equal. Two schemas with the same identity get the
 * same id.</li>
 * </ul>
 * Avro's Parsing Canonical Form is deliberately not used: it drops defaults, docs, aliases and
 * logical types, and a schema that only adds a default is a different schema (it changes what
 * compatibility allows), so it must become a new version rather than be taken for the old one.
 */
public final class NormalizedSchema {

    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private final Schema avro;
    private final String text;
    private final String identity;

    private NormalizedSchema(Schema avro) {
        this.avro = avro;
        this.text = avro.toString();
        try {
            this.identity = SORTED.writeValueAsString(SORTED.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Avro wrote JSON it cannot read back: " + text, e);
        }
    }

    /** Parses {@code schema} (Avro JSON); fails with 42201 when it is not a valid Avro schema. */
    public static NormalizedSchema parse(String schema) {
        if (schema == null || schema.isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        try {
            return new NormalizedSchema(new Schema.Parser().parse(schema));
        } catch (RuntimeException e) {
            // Avro's parser reports bad input with several unchecked exceptions (SchemaParseException,
            // AvroTypeException for a bad default, IllegalArgumentException…): all mean "invalid schema".
            throw RegistryException.invalidSchema("Invalid schema " + schema + ", details: " + describe(e));
        }
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    public Schema avro() {
        return avro;
    }

    /** The schema as stored and returned to clients. */
    public String text() {
        return text;
    }

    /** What two schemas must share to be the same schema (and get the same id). */
    public String identity() {
        return identity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormalizedSchema other && identity.equals(other.identity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identity);
    }

    @Override
    public String toString() {
        return text;
    }
}
