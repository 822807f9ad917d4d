package org.medpulse.serde.registry;

/**
 * The registry refused the credentials (HTTP 401) or the operation (HTTP 403). Never retried:
 * asking again with the same credentials gives the same answer.
 */
public class UnauthorizedException extends SchemaRegistryException {

    public UnauthorizedException(int httpStatus, int errorCode, String message) {
        super(httpStatus, errorCode, message);
    }
}
