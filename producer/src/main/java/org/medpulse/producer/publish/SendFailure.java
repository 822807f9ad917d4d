package org.medpulse.producer.publish;

/** A response that was not acknowledged by the broker, with whatever identifies it to the caller. */
public record SendFailure<T>(T source, String reason) {
}
