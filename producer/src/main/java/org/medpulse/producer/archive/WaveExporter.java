package org.medpulse.producer.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.publish.ResponseProducers;
import org.medpulse.serde.AvroSerdeConfig;
import org.medpulse.serde.ConfluentAvroDeserializer;

/**
 * Reads a topic from its beginning up to the end offsets it had when the export started (later
 * records belong to a later export) and archives one wave's responses. The consumer is assigned
 * every partition and joins no group: exporting leaves no trace on the cluster.
 */
public final class WaveExporter {

    /** How long the topic may show no progress before the export gives up. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<SurveyResponse> deserializer;
    private final String topic;
    private final Clock clock;

    public WaveExporter(Consumer<byte[], byte[]> consumer, Deserializer<SurveyResponse> deserializer, String topic) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Clock.systemUTC();
    }

    /** A consumer for exports: bytes in, no group, committed data only; the user's properties on top. */
    public static Consumer<byte[], byte[]> consumer(Properties clientProperties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "medpulse-export");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        clientProperties.forEach((key, value) -> config.put(String.valueOf(key), value));
        AvroSerdeConfig.definition().names().forEach(config::remove);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A deserializer for survey responses configured from the user's properties (registry URL, auth). */
    public static Deserializer<SurveyResponse> deserializer(Properties clientProperties) {
        ConfluentAvroDeserializer<SurveyResponse> deserializer = new ConfluentAvroDeserializer<>(SurveyResponse.class);
        deserializer.configure(ResponseProducers.serdeConfig(clientProperties), false);
        return deserializer;
    }

    public ExportResult export(String wave, Path target) throws IOException {
        long started = System.nanoTime();
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic '" + topic + "' does not exist");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(assigned));
        long scanned = 0;
        long undecodable = 0;
        try (WaveArchive.Writer archive = WaveArchive.create(target, wave, topic, clock.instant())) {
            long lastProgress = System.nanoTime();
            while (!reachedEnd(ends)) {
                var records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                        throw new IllegalStateException("no progress reading '" + topic + "' for "
                                + STALL_TIMEOUT.toSeconds() + " s; still missing " + remaining(ends) + " records");
                    }
                    continue;
                }
                lastProgress = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.getOrDefault(partition, 0L)) {
                        continue; // written after the export started
                    }
                    scanned++;
                    SurveyResponse response;
                    try {
                        response = deserializer.deserialize(record.topic(), record.headers(), record.value());
                    } catch (SerializationException e) {
                        undecodable++;
                        continue;
                    }
                    if (response != null && wave.equals(response.getWaveId())) {
                        archive.append(response);
                    }
                }
            }
            archive.commit();
            return new ExportResult(target, wave, scanned, archive.records(), undecodable,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private boolean reachedEnd(Map<TopicPartition, Long> ends) {
        Set<TopicPartition> assignment = consumer.assignment();
        for (TopicPartition partition : assignment) {
            if (consumer.position(partition) < ends.getOrDefault(partition, 0L)) {
                return false;
            }
        }
        return true;
    }

    private long remaining(Map<TopicPartition, Long> ends) {
        long remaining = 0;
        for (TopicPartition partition : consumer.assignment()) {
            remaining += Math.max(0, ends.getOrDefault(partition, 0L) - consumer.position(partition));
        }
        return remaining;
    }
}
