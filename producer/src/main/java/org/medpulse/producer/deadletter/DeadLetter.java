package org.medpulse.producer.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * One record of the dead-letter topic: where it sits, its timestamp, the failed record's original
 * key, value and headers (bytes as they were), and what the {@code __streams.errors.*} headers say
 * about the failure. Records that another writer put in the topic without those headers are dead
 * letters too, with no reason and no source.
 */
public final class DeadLetter {

    private static final int MAX_KEY_HEX_BYTES = 32;

    private final String topic;
    private final DeadLetterId id;
    private final Instant timestamp;
    private final TimestampType timestampType;
    private final byte[] key;
    private final byte[] value;
    private final List<Header> headers;

    private DeadLetter(String topic, DeadLetterId id, Instant timestamp, TimestampType timestampType, byte[] key,
            byte[] value, List<Header> headers) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.id = Objects.requireNonNull(id, "id");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.timestampType = Objects.requireNonNull(timestampType, "timestampType");
        this.key = key;
        this.value = value;
        this.headers = List.copyOf(headers);
    }

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        return new DeadLetter(record.topic(), new DeadLetterId(record.partition(), record.offset()),
                Instant.ofEpochMilli(record.timestamp()), record.timestampType(), record.key(), record.value(), headers);
    }

    /** The dead-letter topic it was read from. */
    public String topic() {
        return topic;
    }

    public DeadLetterId id() {
        return id;
    }

    /** The record's timestamp: when it was dead-lettered if the topic stamps {@code LogAppendTime}, as MedPulse creates it. */
    public Instant timestamp() {
        return timestamp;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    /** The failed record's key, as it was (null when it had none). */
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /** The failed record's value, as it was (null for a tombstone). */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /** Every header, the failed record's own and those Kafka Streams added. */
    public List<Header> headers() {
        return headers;
    }

    /** The exception's class name, when Kafka Streams recorded one. */
    public Optional<String> exception() {
        return header(DeadLetterHeaders.EXCEPTION);
    }

    /** The exception's message, when it had one. */
    public Optional<String> message() {
        return header(DeadLetterHeaders.MESSAGE).filter(m -> !m.isEmpty());
    }

    public Optional<String> stackTrace() {
        return header(DeadLetterHeaders.STACK_TRACE);
    }

    /** Where the failed record was read, when Kafka Streams recorded it. */
    public Optional<Source> source() {
        return header(DeadLetterHeaders.SOURCE_TOPIC).map(sourceTopic -> new Source(sourceTopic,
                (int) Math.max(-1, Math.min(Integer.MAX_VALUE, number(DeadLetterHeaders.SOURCE_PARTITION))),
                number(DeadLetterHeaders.SOURCE_OFFSET)));
    }

    /** The dead letter this record was replayed from, if it is itself a replay that failed again. */
    public Optional<String> replayOf() {
        return header(DeadLetterHeaders.REPLAYED_FROM);
    }

    /**
     * Why it was dead-lettered, in one line: the exception's simple class name and its message,
     * e.g. {@code UnreadableSurveyResponseException: … unknown schema id 7 …}.
     */
    public String reason() {
        Optional<String> exception = exception();
        if (exception.isEmpty()) {
            return "(no " + DeadLetterHeaders.STREAMS_ERRORS_PREFIX + "* headers)";
        }
        String name = exception.get();
        String simpleName = name.substring(name.lastIndexOf('.') + 1);
        return message().map(m -> simpleName + ": " + oneLine(m)).orElse(simpleName);
    }

    /** Whether the exception's full class name or its message contains {@code text}, ignoring case. */
    public boolean reasonContains(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return exception().map(e -> e.toLowerCase(Locale.ROOT).contains(needle)).orElse(false)
                || message().map(m -> m.toLowerCase(Locale.ROOT).contains(needle)).orElse(false);
    }

    /** The key as text: UTF-8 with control characters escaped, {@code 0x…} when it is not UTF-8, empty Optional when null. */
    public Optional<String> keyText() {
        if (key == null) {
            return Optional.empty();
        }
        try {
            String text = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
            return Optional.of(escapeControls(text));
        } catch (CharacterCodingException notUtf8) {
            int shown = Math.min(key.length, MAX_KEY_HEX_BYTES);
            return Optional.of("0x" + HexFormat.of().formatHex(key, 0, shown) + (shown < key.length ? "…" : ""));
        }
    }

    /** The key decoded as UTF-8, or empty when it is null or not UTF-8 (for JSON, which escapes what it needs). */
    public Optional<String> keyUtf8() {
        if (key == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    /** How the replay of this dead letter names it in {@value DeadLetterHeaders#REPLAYED_FROM}: {@code topic:partition:offset}. */
    public String replayMarker() {
        return topic + ":" + id.partition() + ":" + id.offset();
    }

    /**
     * The headers a replay carries: the failed record's own, without what Kafka Streams added
     * ({@code __streams.errors.*}) or an earlier replay's marker; the caller adds its own marker.
     */
    public List<Header> originalHeaders() {
        return headers.stream()
                .filter(h -> !h.key().startsWith(DeadLetterHeaders.STREAMS_ERRORS_PREFIX))
                .filter(h -> !h.key().equals(DeadLetterHeaders.REPLAYED_FROM))
                .toList();
    }

    private Optional<String> header(String name) {
        Header last = null;
        for (Header header : headers) {
            if (header.key().equals(name)) {
                last = header;
            }
        }
        return last == null || last.value() == null ? Optional.empty() : Optional.of(new String(last.value(), UTF_8));
    }

    private long number(String name) {
        try {
            return header(name).map(String::trim).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    static String oneLine(String text) {
        return escapeControls(text.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    /** Control characters as escapes, so that a key or message cannot move the terminal's cursor. */
    static String escapeControls(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (escaped == null) {
                    escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                escaped.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format(Locale.ROOT, "\\u%04x", (int) c);
                });
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /** Where the failed record was read; partition and offset are -1 when the headers do not say. */
    public record Source(String topic, int partition, long offset) {

        @Override
        public String toString() {
            return topic + ":" + (partition < 0 ? "?" : Integer.toString(partition)) + ":"
                    + (offset < 0 ? "?" : Long.toString(offset));
        }
    }
}
