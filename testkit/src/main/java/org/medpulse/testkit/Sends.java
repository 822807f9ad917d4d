package org.medpulse.testkit;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records and fails if the broker refused any: a send without a callback loses refused
 * batches silently (an INVALID_TIMESTAMP record takes its whole batch with it).
 */
public final class Sends {

    private Sends() {
    }

    public static <K, V> void all(Producer<K, V> producer, List<ProducerRecord<K, V>> records) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (ProducerRecord<K, V> record : records) {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new AssertionError("The broker refused a record: " + failure.get(), failure.get());
        }
    }
}
