package org.medpulse.serde.registry;

/**
 * A failure reported by, or in reaching, a schema registry. {@link #errorCode()} is Confluent's
 * {@code error_code} (e.g. 40401 subject not found), or -1 when the registry could not be reached.
 *
 * <p>Callers that care about one failure catch its subclass ({@link SubjectNotFoundException},
 * {@link IncompatibleSchemaException}, ...); {@link #of(int, int, String)} picks the subclass for a
 * status and error code, so every client reports the same failure with the same type.
 */
public class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    public static final int VERSION_SOFT_DELETED = 40406;
    public static final int VERSION_NOT_SOFT_DELETED = 40407;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int STORE_ERROR = 50001;
    public static final int OPERATION_TIMEOUT = 50002;
    public static final int REQUEST_FORWARDING_FAILED = 50003;
    /** What Confluent's client reports when a response body is not the JSON it expects. */
    public static final int UNPARSEABLE_RESPONSE = 50005;
    public static final int UNREACHABLE = -1;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /**
     * Whether asking again later may succeed: the registry could not be reached, failed (5xx),
     * asked to slow down (429) or answered something unreadable. A refusal (4xx: unknown schema,
     * subject or version, invalid schema) is final.
     */
    public boolean isTransient() {
        return httpStatus == UNREACHABLE || httpStatus >= 500 || httpStatus == 429 || errorCode == UNPARSEABLE_RESPONSE;
    }

    /** The typed exception for a registry's answer: HTTP status, Confluent {@code error_code}, message. */
    public static SchemaRegistryException of(int httpStatus, int errorCode, String message) {
        switch (errorCode) {
            case SUBJECT_NOT_FOUND:
                return new SubjectNotFoundException(message);
            case VERSION_NOT_FOUND:
                return new VersionNotFoundException(message);
            case SCHEMA_NOT_FOUND:
                return new SchemaNotFoundException(message);
            case INVALID_SCHEMA:
                return new InvalidSchemaException(message);
            case INVALID_VERSION:
                return new InvalidVersionException(message);
            case INVALID_COMPATIBILITY_LEVEL:
                return new InvalidCompatibilityLevelException(message);
            default:
                break;
        }
        if (httpStatus == 409) {
            // Confluent answers 409 with error_code 409; some registries use 40901.
            return new IncompatibleSchemaException(errorCode, message);
        }
        if (httpStatus == 401 || httpStatus == 403) {
            return new UnauthorizedException(httpStatus, errorCode, message);
        }
        return new SchemaRegistryException(httpStatus, errorCode, message);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
