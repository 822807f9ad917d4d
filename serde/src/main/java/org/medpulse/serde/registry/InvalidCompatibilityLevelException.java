package org.medpulse.serde.registry;

/** The compatibility level is not one of the seven the registry knows: HTTP 422, error_code 42203. */
public class InvalidCompatibilityLevelException extends SchemaRegistryException {

    public InvalidCompatibilityLevelException(String message) {
        super(422, INVALID_COMPATIBILITY_LEVEL, message);
    }
}
