package org.medpulse.streams.errors;

/**
 * The schema registry could not answer (unreachable, failing, overloaded) for longer than a stream
 * thread waits in place. Nothing is dead-lettered for it: the thread fails, its transaction aborts
 * and the application replaces it, which resumes from the last commit and asks again.
 */
public class SchemaRegistryUnavailableException extends RuntimeException {

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
