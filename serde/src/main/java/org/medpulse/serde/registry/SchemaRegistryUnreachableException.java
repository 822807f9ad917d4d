package org.medpulse.serde.registry;

/**
 * No registry URL answered, after every retry: connection refused, timed out, or reset. The
 * message names the request, the URL tried last, the number of attempts and the cause.
 */
public class SchemaRegistryUnreachableException extends SchemaRegistryException {

    private final int attempts;

    public SchemaRegistryUnreachableException(String message, int attempts, Throwable cause) {
        super(UNREACHABLE, UNREACHABLE, message, cause);
        this.attempts = attempts;
    }

    /** How many HTTP requests were tried, over all URLs and retries. */
    public int attempts() {
        return attempts;
    }
}
