package org.medpulse.devstack.registry.core;

/**
 * The body of a register, look-up or compatibility request
 * ({@code {"schema":…,"schemaType":…,"references":[…]}}, plus the rarely used {@code version}
 * and {@code id}).
 */
public record SchemaRequest(String schema, String schemaType, boolean hasReferences, Integer version, Integer id) {

    public static final String AVRO = "AVRO";

    public static SchemaRequest avro(String schema) {
        return new SchemaRequest(schema, null, false, null, null);
    }

    /** Parses the schema; only Avro without references is supported (42201 otherwise). */
    NormalizedSchema parse() {
        if (schemaType != null && !schemaType.equalsIgnoreCase(AVRO)) {
            throw RegistryException.invalidSchema("Invalid schema type " + schemaType
                    + ": this registry supports " + AVRO + " schemas only");
        }
        if (hasReferences) {
            throw RegistryException.invalidSchema("Schema references are not supported by this registry:"
                    + " send the schema with every named type it uses defined inline");
        }
        return NormalizedSchema.parse(schema);
    }
}
