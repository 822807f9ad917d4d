package org.medpulse.chaos.check;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
        long[] total = {0};
        Map<String, Integer> corruptKeys = new HashMap<>();
        Map<String, Long> validByReason = new TreeMap<>();
        Map<String, Long> corruptByReason = new TreeMap<>();
        Map<String, List<String>> sources = new HashMap<>();
        Map<String, Span> validSpans = new TreeMap<>();
        TopicToEnd.read(bootstrapServers, topic, "medpulse-chaos-dlq-audit", committedOnly, record -> {
            total[0]++;
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
                validSpans.merge(reason, new Span(at, at), (first, second) -> first.including(second.first()));
            }
        });
        return new Audit(total[0], Map.copyOf(corruptKeys), validByReason, corruptByReason, sources, validSpans);
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
