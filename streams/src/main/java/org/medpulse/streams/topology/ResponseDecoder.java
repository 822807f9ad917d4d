package org.medpulse.streams.topology;

import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.registry.SchemaRegistryException;
import org.medpulse.streams.errors.SchemaRegistryUnavailableException;
import org.medpulse.streams.errors.UnreadableSurveyResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a response's Confluent-framed Avro bytes inside the processor rather than in the source:
 * Kafka Streams' deserialization handler can only skip a record or stop, and a registry that
 * cannot answer for a while is neither a reason to skip (the record is fine) nor to stop. So a
 * record that can never be read is thrown as {@link UnreadableSurveyResponseException} (dead-lettered),
 * while a registry that cannot answer now is asked again in place, for up to {@code patience}
 * (well within {@code max.poll.interval.ms}); after that the stream thread fails with
 * {@link SchemaRegistryUnavailableException} and is replaced, resuming from the last commit.
 */
final class ResponseDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseDecoder.class);

    private final Deserializer<SurveyResponse> avro;
    private final RegistryStatus status;
    private final Duration patience;
    private final Duration pause;
    private final Sleeper sleeper;

    ResponseDecoder(Deserializer<SurveyResponse> avro, RegistryStatus status, Duration patience, Duration pause, Sleeper sleeper) {
        this.avro = Objects.requireNonNull(avro, "avro");
        this.status = Objects.requireNonNull(status, "status");
        this.patience = Objects.requireNonNull(patience, "patience");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    SurveyResponse decode(String topic, byte[] value) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                SurveyResponse response = avro.deserialize(topic, value);
                status.answered();
                return response;
            } catch (SerializationException e) {
                SchemaRegistryException registry = registryFailure(e);
                if (registry == null || !registry.isTransient()) {
                    if (registry != null) {
                        status.answered(); // it answered: with a refusal
                    }
                    throw new UnreadableSurveyResponseException(e.getMessage(), e);
                }
                status.failed(registry.getMessage());
                if (System.nanoTime() - deadline >= 0) {
                    throw new SchemaRegistryUnavailableException("The schema registry has not answered for "
                            + patience.toSeconds() + " s: " + registry.getMessage(), e);
                }
                LOG.warn("The schema registry cannot answer ({}); asking again in {} ms", registry.getMessage(), pause.toMillis());
                sleep();
            }
        }
    }

    private void sleep() {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("Interrupted while waiting for the schema registry", e);
        }
    }

    private static SchemaRegistryException registryFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                return registry;
            }
        }
        return null;
    }

    /** Waits; tests pass one that does not. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }
}
