package org.medpulse.producer.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.medpulse.serde.AvroSerdeConfig;

/**
 * Reads the dead-letter topic from its beginning up to the end offsets it had when the read
 * started (dead letters written later belong to a later call), as bytes: nothing is decoded, so
 * neither the schema registry nor the records' own health matters. The consumer is assigned the
 * partitions and joins no group, commits nothing and never creates a topic: reading leaves no
 * trace on the cluster. Only committed records are read (Kafka Streams writes dead letters in its
 * transactions under exactly-once).
 */
public final class DeadLetterTopic implements AutoCloseable {

    /** How long the topic may show no progress before the read gives up. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final String cluster;

    /**
     * @param cluster how to name the cluster in messages, e.g. its bootstrap servers
     */
    public DeadLetterTopic(Consumer<byte[], byte[]> consumer, String topic, String cluster) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** The dead-letter topic {@code topic} on the cluster {@code clientProperties} name. */
    public static DeadLetterTopic open(Properties clientProperties, String topic) {
        return new DeadLetterTopic(consumer(clientProperties), topic,
                String.valueOf(clientProperties.getOrDefault(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "?")));
    }

    /**
     * A consumer for reading dead letters: bytes in, no group, no commits, committed data only,
     * no topic auto-creation, metadata within 20 s; the user's properties on top.
     */
    public static Consumer<byte[], byte[]> consumer(Properties clientProperties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "medpulse-dlq");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000);
        clientProperties.forEach((key, value) -> config.put(String.valueOf(key), value));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        AvroSerdeConfig.definition().names().forEach(config::remove);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public String name() {
        return topic;
    }

    /**
     * The partitions of {@code name} (any topic of the cluster), empty when it does not exist.
     *
     * @throws IllegalStateException when the cluster does not answer
     */
    public List<Integer> partitionsOf(String name) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(name);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot reach Kafka at " + cluster + " (is the local stack running? "
                    + "./medpulse stack) or read the metadata of topic '" + name + "'", e);
        }
        return partitions == null ? List.of() : partitions.stream().map(PartitionInfo::partition).sorted().toList();
    }

    /**
     * Reads the dead letters {@code selection} may select, from the beginning (or the selection's
     * first offset) to the topic's end offsets at the time of the call, and hands those it selects
     * to {@code each}, in offset order within each partition.
     *
     * @throws DeadLetterRequestException if the topic does not exist
     */
    public DeadLetterScan read(DeadLetterSelection selection, java.util.function.Consumer<DeadLetter> each) {
        List<Integer> partitionNumbers = partitionsOf(topic);
        if (partitionNumbers.isEmpty()) {
            throw new DeadLetterRequestException("topic '" + topic + "' does not exist on " + cluster
                    + " (the streams application and the local stack create it)");
        }
        List<TopicPartition> partitions = partitionNumbers.stream().map(p -> new TopicPartition(topic, p)).toList();
        // Assigned before asking for offsets: under read_committed the consumer only keeps the
        // last stable offset of assigned partitions (and warns about the others).
        consumer.assign(partitions);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<Integer, DeadLetterScan.Range> ranges = new HashMap<>();
        Map<TopicPartition, Long> stops = new HashMap<>();
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long first = beginnings.getOrDefault(partition, 0L);
            long end = ends.getOrDefault(partition, 0L);
            ranges.put(partition.partition(), new DeadLetterScan.Range(first, end));
            long start = Math.max(first, selection.firstOffset(partition.partition()));
            long last = selection.lastOffset(partition.partition());
            long stop = Math.min(end, last == Long.MAX_VALUE ? Long.MAX_VALUE : last + 1);
            if (start < stop) {
                starts.put(partition, start);
                stops.put(partition, stop);
            }
        }
        long read = 0;
        long selected = 0;
        if (!stops.isEmpty()) {
            consumer.pause(partitions.stream().filter(p -> !stops.containsKey(p)).toList());
            starts.forEach(consumer::seek);
            long lastProgress = System.nanoTime();
            while (!reachedStops(stops)) {
                var records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                        throw new IllegalStateException("no progress reading '" + topic + "' for "
                                + STALL_TIMEOUT.toSeconds() + " s");
                    }
                    continue;
                }
                lastProgress = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= stops.getOrDefault(partition, 0L)) {
                        continue; // beyond what this read covers
                    }
                    read++;
                    DeadLetter deadLetter = DeadLetter.of(record);
                    if (selection.matches(deadLetter)) {
                        selected++;
                        each.accept(deadLetter);
                    }
                }
            }
        }
        consumer.unsubscribe();
        return DeadLetterScan.of(topic, ranges, read, selected);
    }

    private boolean reachedStops(Map<TopicPartition, Long> stops) {
        List<TopicPartition> done = new ArrayList<>();
        boolean all = true;
        for (Map.Entry<TopicPartition, Long> stop : stops.entrySet()) {
            if (consumer.position(stop.getKey()) >= stop.getValue()) {
                done.add(stop.getKey());
            } else {
                all = false;
            }
        }
        if (!all && !done.isEmpty()) {
            consumer.pause(done);
        }
        return all;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
