package org.medpulse.devstack.registry.core;

/** Storage could not be read or written. */
public class SchemaStorageException extends RuntimeException {

    public SchemaStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
