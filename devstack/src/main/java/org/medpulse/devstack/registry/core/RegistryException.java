package org.medpulse.devstack.registry.core;

import static org.medpulse.serde.registry.SchemaRegistryException.INCOMPATIBLE_SCHEMA;
import static org.medpulse.serde.registry.SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL;
import static org.medpulse.serde.registry.SchemaRegistryException.INVALID_SCHEMA;
import static org.medpulse.serde.registry.SchemaRegistryException.INVALID_VERSION;
import static org.medpulse.serde.registry.SchemaRegistryException.SCHEMA_NOT_FOUND;
import static org.medpulse.serde.registry.SchemaRegistryException.STORE_ERROR;
import static org.medpulse.serde.registry.SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED;
import static org.medpulse.serde.registry.SchemaRegistryException.SUBJECT_NOT_FOUND;
import static org.medpulse.serde.registry.SchemaRegistryException.SUBJECT_NOT_SOFT_DELETED;
import static org.medpulse.serde.registry.SchemaRegistryException.SUBJECT_SOFT_DELETED;
import static org.medpulse.serde.registry.SchemaRegistryException.VERSION_NOT_FOUND;
import static org.medpulse.serde.registry.SchemaRegistryException.VERSION_NOT_SOFT_DELETED;
import static org.medpulse.serde.registry.SchemaRegistryException.VERSION_SOFT_DELETED;

import org.medpulse.serde.registry.SchemaRegistryException;

/**
 * A request the registry refuses, carrying the HTTP status and Confluent {@code error_code} a
 * client sees. The factories mirror Confluent's {@code Errors} so that codes and messages match
 * what clients written for Confluent Schema Registry expect.
 */
public final class RegistryException extends RuntimeException {

    /** The codes clients know are declared once, with the client ({@link SchemaRegistryException}). */
    public static final int SUBJECT_MODE_NOT_CONFIGURED = 40409;
    public static final int OPERATION_NOT_PERMITTED = 42205;

    private final int httpStatus;
    private final int errorCode;

    public RegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    public static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public static RegistryException versionNotFound(VersionId version) {
        return new RegistryException(404, VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    public static RegistryException schemaNotFound() {
        return new RegistryException(404, SCHEMA_NOT_FOUND, "Schema not found");
    }

    public static RegistryException schemaNotFound(int id) {
        return new RegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    public static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(404, SUBJECT_SOFT_DELETED,
                "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
    }

    public static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(404, SUBJECT_NOT_SOFT_DELETED,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    public static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(404, VERSION_SOFT_DELETED, "Subject '" + subject + "' Version " + version
                + " was soft deleted. Set permanent=true to delete permanently");
    }

    public static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(404, VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version " + version
                + " was not deleted first before being permanently deleted");
    }

    public static RegistryException compatibilityNotConfigured(String subject) {
        return new RegistryException(404, SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    public static RegistryException modeNotConfigured(String subject) {
        return new RegistryException(404, SUBJECT_MODE_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level mode configured");
    }

    public static RegistryException incompatibleSchema(String subject, Iterable<String> details) {
        return new RegistryException(409, INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with an"
                + " earlier schema for subject \"" + subject + "\", details: " + String.join(", ", details));
    }

    public static RegistryException invalidSchema(String message) {
        return new RegistryException(422, INVALID_SCHEMA, message);
    }

    public static RegistryException invalidVersion(String version) {
        return new RegistryException(422, INVALID_VERSION, "The specified version '" + version + "' is not a valid"
                + " version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(422, INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level. Valid values"
                + " are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    public static RegistryException operationNotPermitted(String message) {
        return new RegistryException(422, OPERATION_NOT_PERMITTED, message);
    }

    public static RegistryException storeError(String operation, Throwable cause) {
        return new RegistryException(500, STORE_ERROR,
                operation + " failed while writing to the backend store: " + cause.getMessage(), cause);
    }
}
