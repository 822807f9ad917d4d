package org.medpulse.streams.query;

/**
 * A request parameter that cannot be understood. Thrown while parsing, before anything is looked
 * up, and turned into a 400 in one place by the HTTP layer; the message names the parameter and
 * says what is allowed.
 */
public final class InvalidParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
