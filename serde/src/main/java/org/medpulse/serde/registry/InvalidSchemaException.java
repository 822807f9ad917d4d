package org.medpulse.serde.registry;

/** The registry could not parse the schema: HTTP 422, error_code 42201. */
public class InvalidSchemaException extends SchemaRegistryException {

    public InvalidSchemaException(String message) {
        super(422, INVALID_SCHEMA, message);
    }
}
