package org.medpulse.serde.registry;

/** The schema breaks the subject's compatibility level: HTTP 409 (error_code 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    public IncompatibleSchemaException(String message) {
        this(INCOMPATIBLE_SCHEMA, message);
    }

    public IncompatibleSchemaException(int errorCode, String message) {
        super(409, errorCode, message);
    }
}
