package org.medpulse.producer.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.schemas.ResponseKey;

/**
 * Publishes responses to one topic through a (shared) producer and keeps count of every send
 * until the broker acknowledges or refuses it. {@link #finish()} returns only once every send of
 * this publisher has completed, so callers can account for each row.
 *
 * @param <T> what the caller uses to identify a send in failure reports (a file row, a record)
 */
public final class ResponsePublisher<T> {

    private final Producer<String, SurveyResponse> producer;
    private final String topic;
    private final AtomicLong acknowledged = new AtomicLong();
    private final List<SendFailure<T>> failures = new ArrayList<>();
    private final Object completion = new Object();
    private long pending;

    public ResponsePublisher(Producer<String, SurveyResponse> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /**
     * Sends {@code response} keyed by partner and respondent. {@code timestamp} is the record
     * timestamp in epoch milliseconds, or null to let the producer stamp the send time.
     */
    public void send(SurveyResponse response, Long timestamp, T source) {
        ProducerRecord<String, SurveyResponse> record =
                new ProducerRecord<>(topic, null, timestamp, ResponseKey.of(response), response);
        synchronized (completion) {
            pending++;
        }
        try {
            producer.send(record, (metadata, error) -> completed(source, error));
        } catch (KafkaException | IllegalStateException e) {
            // Serialisation (e.g. registry unreachable) and buffer timeouts fail before any callback.
            completed(source, e);
        }
    }

    private void completed(T source, Exception error) {
        synchronized (completion) {
            if (error == null) {
                acknowledged.incrementAndGet();
            } else {
                failures.add(new SendFailure<>(source, describe(error)));
            }
            pending--;
            completion.notifyAll();
        }
    }

    /** Acknowledged so far (for progress reports). */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Flushes the producer and waits until every send of this publisher has completed. */
    public PublishResult<T> finish() {
        producer.flush();
        synchronized (completion) {
            while (pending > 0) {
                try {
                    completion.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for " + pending
                            + " sends to be acknowledged", e);
                }
            }
            return new PublishResult<>(acknowledged.get(), failures);
        }
    }

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }
}
