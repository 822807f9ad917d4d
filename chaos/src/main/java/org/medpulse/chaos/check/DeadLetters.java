package org.medpulse.chaos.check;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.medpulse.chaos.panel.CorruptRecords;

/**
 * The dead-letter topic read to its end (committed records only, as exactly-once writes them),
 * each record told apart: one of the corrupt records the game day wrote (its key says so), or a
 * valid response dead-lettered by mistake, with the reason in its {@code __streams.errors.*}
 * headers.
 */
public final class DeadLetters {

    static final String EXCEPTION_HEADER = "__streams.errors.exception";
    static final String MESSAGE_HEADER = "__streams.errors.message";
    static final String TOPIC_HEADER = "__streams.errors.topic";
    static final String PARTITION_HEADER = "__streams.errors.partition";
    static final String OFFSET_HEADER = "__streams.errors.offset";

    /**
     * What the topic holds: how many times each corrupt record's key was dead-lettered, and the
     * valid records dead-lettered, counted by reason.
     */
    public record Audit(long total, Map<String, Integer> corruptKeys, Map<String, Long> validByReason,
            Map<String, Long> corruptByReason, Map<String, List<String>> sources, Map<String, Span> validSpans) {

        public long valid() {
            return validByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        public long corrupt() {
            return corruptKeys.values().stream().mapToLong(Integer::longValue).sum();
        }

        /** Injected corrupt records that are not in the topic. */
        public List<String> missing(Collection<String> injected) {
            return injected.stream().filter(key -> !corruptKeys.containsKey(key)).sorted().toList();
        }

        /** Corrupt records dead-lettered more than once. */
        public List<String> duplicated() {
            return corruptKeys.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        }

        /**
         * Where each dead letter of {@code key} came from ({@code topic-partition@offset}, from its
         * headers) and where it sits in the dead-letter topic.
         */
        public List<String> sourcesOf(String key) {
            return sources.getOrDefault(key, List.of());
        }
    }

    /** When the first and the last of some dead letters were appended (the topic stamps them: LogAppendTime). */
    public record Span(Instant first, Instant last) {

        Span including(Instant at) {
            return new Span(at.isBefore(first) ? at : first, at.isAfter(last) ? at : last);
        }
    }

    private DeadLetters() {
    }

    /** The committed dead letters: what the application really dead-lettered. */
    public static Audit read(String bootstrapServers, String topic) {
        return read(bootstrapServers, topic, true);
    }

    /**
     * With {@code committedOnly} false, also the dead letters of transactions that were aborted
     * (a fenced or killed instance's): what the application tried to dead-letter.
     */
    public static Audit read(String bootstrapServers, String topic, boolean committedOnly) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted",
                ConsumerConfig.CLIENT_ID_CONFIG, "medpulse-chaos-dlq-audit",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long total = 0;
        Map<String, Integer> corruptKeys = new HashMap<>();
        Map<String, Long> validByReason = new TreeMap<>();
        Map<String, Long> corruptByReason = new TreeMap<>();
        Map<String, List<String>> sources = new HashMap<>();
        Map<String, Span> validSpans = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within 2 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    total++;
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    String reason = reason(record);
                    if (key.startsWith(CorruptRecords.KEY_PREFIX)) {
                        corruptKeys.merge(key, 1, Integer::sum);
                        sources.computeIfAbsent(key, k -> new ArrayList<>()).add(header(record, TOPIC_HEADER) + "-"
                                + header(record, PARTITION_HEADER) + "@" + header(record, OFFSET_HEADER) + " → dead letter "
                                + record.partition() + "@" + record.offset());
                        corruptByReason.merge(reason, 1L, Long::sum);
                    } else {
                        validByReason.merge(reason, 1L, Long::sum);
                        Instant at = Instant.ofEpochMilli(record.timestamp());
                        validSpans.merge(reason, new Span(at, at), (a, b) -> a.including(b.first()));
                    }
                }
            }
        }
        return new Audit(total, Map.copyOf(corruptKeys), validByReason, corruptByReason, sources, validSpans);
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        Set<TopicPartition> partitions = end.keySet();
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }

    /** The exception's simple name and its message, numbers and ids blanked so that like groups with like. */
    static String reason(ConsumerRecord<byte[], byte[]> record) {
        String exception = header(record, EXCEPTION_HEADER);
        String message = header(record, MESSAGE_HEADER);
        String simple = exception == null ? "no exception header" : exception.substring(exception.lastIndexOf('.') + 1);
        if (message == null) {
            return simple;
        }
        String normalised = message.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("0x[0-9A-Fa-f]+", "0x..").replaceAll("\\d+", "N").replaceAll("\\s+", " ").strip();
        if (normalised.length() > 140) {
            normalised = normalised.substring(0, 140) + "…";
        }
        return simple + ": " + normalised;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
