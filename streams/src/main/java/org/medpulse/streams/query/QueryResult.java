package org.medpulse.streams.query;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a question: a value, or a {@link FailureReason} with a message for people.
 * Readers return failures for every expected situation (stores not ready, unknown wave) and keep
 * exceptions for bugs.
 */
public sealed interface QueryResult<T> {

    static <T> QueryResult<T> success(T value) {
        return new Success<>(value);
    }

    static <T> QueryResult<T> failure(FailureReason reason, String message) {
        return new Failure<>(reason, message);
    }

    default boolean isSuccess() {
        return this instanceof Success<T>;
    }

    /** The value; only call after {@link #isSuccess()}. */
    default T value() {
        if (this instanceof Success<T> success) {
            return success.result();
        }
        Failure<T> failure = (Failure<T>) this;
        throw new IllegalStateException("No value: " + failure.reason() + ": " + failure.message());
    }

    default <U> QueryResult<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Success<T> success) {
            return new Success<>(mapper.apply(success.result()));
        }
        return ((Failure<T>) this).cast();
    }

    default <U> QueryResult<U> flatMap(Function<? super T, QueryResult<U>> mapper) {
        if (this instanceof Success<T> success) {
            return mapper.apply(success.result());
        }
        return ((Failure<T>) this).cast();
    }

    record Success<T>(T result) implements QueryResult<T> {
        public Success {
            Objects.requireNonNull(result, "result");
        }
    }

    record Failure<T>(FailureReason reason, String message) implements QueryResult<T> {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @SuppressWarnings("unchecked")
        public <U> Failure<U> cast() {
            return (Failure<U>) this;
        }
    }
}
