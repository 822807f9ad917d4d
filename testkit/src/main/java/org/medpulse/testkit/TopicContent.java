package org.medpulse.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.ConfluentAvroDeserializer;
import org.medpulse.testkit.LocalStackExtension;

/** Reads a topic of survey responses through our serde, from given offsets to its current end. */
public final class TopicContent {

    private TopicContent() {
    }

    public static List<ConsumerRecord<String, SurveyResponse>> all(LocalStackExtension stack, String registryUrl, String topic) {
        return after(stack, registryUrl, topic, Map.of());
    }

    /** The records after {@code from} (per partition; partitions not named: from the beginning). */
    public static List<ConsumerRecord<String, SurveyResponse>> after(LocalStackExtension stack, String registryUrl,
            String topic, Map<TopicPartition, Long> from) {
        ConfluentAvroDeserializer<SurveyResponse> values = new ConfluentAvroDeserializer<>(SurveyResponse.class);
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        try (KafkaConsumer<String, SurveyResponse> consumer = new KafkaConsumer<>(stack.clientProperties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, SurveyResponse>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public static Map<TopicPartition, Long> endOffsets(LocalStackExtension stack, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(stack.clientProperties(Map.of()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }
}
