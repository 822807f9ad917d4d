package org.medpulse.producer.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.ConfluentAvroSerializer;

/**
 * Kafka's MockProducer, serialising through our Confluent serde (in-memory registry), that fails
 * the sends {@code failing} selects and records the ones the "broker" acknowledged.
 */
public final class RecordingProducer extends MockProducer<String, SurveyResponse> {

    private final Predicate<SurveyResponse> failing;
    private final List<ProducerRecord<String, SurveyResponse>> acknowledged = new ArrayList<>();

    public RecordingProducer(String registryScope, Predicate<SurveyResponse> failing) {
        super(false, null, new StringSerializer(), serializer(registryScope));
        this.failing = failing;
    }

    private static ConfluentAvroSerializer<SurveyResponse> serializer(String scope) {
        ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(java.util.Map.of("schema.registry.url", "mock://" + scope), false);
        return serializer;
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<String, SurveyResponse> record, Callback callback) {
        Future<RecordMetadata> future = super.send(record, callback);
        if (failing.test(record.value())) {
            errorNext(new TimeoutException("Expiring 1 record(s) for survey-responses-0: 120000 ms has passed"));
        } else {
            acknowledged.add(record);
            completeNext();
        }
        return future;
    }

    public synchronized List<ProducerRecord<String, SurveyResponse>> acknowledged() {
        return List.copyOf(acknowledged);
    }
}
