package org.medpulse.streams.errors;

/**
 * A survey record that can never be read, whoever tries and however often: not the Confluent wire
 * format, a schema id the (healthy) registry does not know, corrupt Avro. It goes to the dead-letter
 * topic with its original bytes. A registry that cannot answer right now is not this:
 * {@link SchemaRegistryUnavailableException}.
 */
public class UnreadableSurveyResponseException extends RuntimeException {

    public UnreadableSurveyResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
