package org.medpulse.serde.registry;

/** The version is neither a positive integer nor {@code latest}: HTTP 422, error_code 42202. */
public class InvalidVersionException extends SchemaRegistryException {

    public InvalidVersionException(String message) {
        super(422, INVALID_VERSION, message);
    }
}
