package org.medpulse.serde.registry;

/** The subject has no such (live) version: HTTP 404, error_code 40402. */
public class VersionNotFoundException extends SchemaRegistryException {

    public VersionNotFoundException(String message) {
        super(404, VERSION_NOT_FOUND, message);
    }
}
