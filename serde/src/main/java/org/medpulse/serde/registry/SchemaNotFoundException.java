package org.medpulse.serde.registry;

/** No schema has this id, or the subject does not hold this schema: HTTP 404, error_code 40403. */
public class SchemaNotFoundException extends SchemaRegistryException {

    public SchemaNotFoundException(String message) {
        super(404, SCHEMA_NOT_FOUND, message);
    }
}
