package org.medpulse.devstack.kafka;

/**
 * A local server (the broker, or the registry beside it) could not start. The message says why in
 * one line a user can act on, such as a taken port or a data directory that belongs elsewhere.
 */
public class ServerStartException extends RuntimeException {

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
