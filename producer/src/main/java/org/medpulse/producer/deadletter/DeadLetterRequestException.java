package org.medpulse.producer.deadletter;

/**
 * A request about dead letters that cannot be carried out as asked: the topic does not exist,
 * offsets name no dead letter, or nothing is selected. Thrown before anything is published, so
 * nothing was replayed.
 */
public final class DeadLetterRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeadLetterRequestException(String message) {
        super(message);
    }
}
