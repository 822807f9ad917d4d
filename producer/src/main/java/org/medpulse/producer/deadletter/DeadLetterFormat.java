package org.medpulse.producer.deadletter;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How {@code medpulse dlq list} writes dead letters: one aligned line each for people
 * ({@link #header()}, {@link #line(DeadLetter)}), or one JSON object per line for programs
 * ({@link #json(DeadLetter)}), with everything the line shows in full plus the stack trace.
 */
public final class DeadLetterFormat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "%6s  %-20s  %-26s  %-18s  %s";

    private DeadLetterFormat() {
    }

    /** The column titles above {@link #line(DeadLetter)}s. */
    public static String header() {
        return String.format(Locale.ROOT, COLUMNS, "OFFSET", "TIMESTAMP", "SOURCE", "KEY", "REASON");
    }

    /**
     * One line: its offset ({@code partition:offset} outside partition 0), its timestamp (UTC, to
     * the second), where the failed record was read ({@code topic:partition:offset}), its key and
     * the reason; {@code [replay of …]} when the dead letter is a replay that failed again.
     */
    public static String line(DeadLetter deadLetter) {
        String reason = deadLetter.reason() + deadLetter.replayOf().map(r -> "  [replay of " + r + "]").orElse("");
        return String.format(Locale.ROOT, COLUMNS, deadLetter.id(), SECONDS.format(deadLetter.timestamp()),
                deadLetter.source().map(DeadLetter.Source::toString).orElse("-"),
                deadLetter.keyText().orElse("-"), reason);
    }

    /**
     * One JSON object on one line: {@code partition}, {@code offset}, {@code timestamp} (ISO-8601),
     * {@code timestampType}, {@code source} ({@code topic}, {@code partition}, {@code offset}; null
     * when unknown), {@code key} (null when absent or not UTF-8, then {@code keyHex}), {@code valueBytes}
     * (null for a tombstone), {@code exception} (class name), {@code message}, {@code reason},
     * {@code replayOf} and {@code stackTrace}.
     */
    public static String json(DeadLetter deadLetter) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("partition", deadLetter.id().partition());
        fields.put("offset", deadLetter.id().offset());
        fields.put("timestamp", deadLetter.timestamp().toString());
        fields.put("timestampType", deadLetter.timestampType().toString());
        fields.put("source", deadLetter.source().map(source -> {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("topic", source.topic());
            where.put("partition", source.partition() < 0 ? null : source.partition());
            where.put("offset", source.offset() < 0 ? null : source.offset());
            return where;
        }).orElse(null));
        byte[] key = deadLetter.key();
        fields.put("key", deadLetter.keyUtf8().orElse(null));
        if (key != null && deadLetter.keyUtf8().isEmpty()) {
            fields.put("keyHex", HexFormat.of().formatHex(key));
        }
        byte[] value = deadLetter.value();
        fields.put("valueBytes", value == null ? null : value.length);
        fields.put("exception", deadLetter.exception().orElse(null));
        fields.put("message", deadLetter.message().orElse(null));
        fields.put("reason", deadLetter.reason());
        fields.put("replayOf", deadLetter.replayOf().orElse(null));
        fields.put("stackTrace", deadLetter.stackTrace().orElse(null));
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write dead letter " + deadLetter.id() + " as JSON", e);
        }
    }
}
