package org.medpulse.producer.deadletter;

/**
 * The headers of a dead letter. Kafka Streams' dead-letter support (KIP-1034,
 * {@code errors.dead.letter.queue.topic.name}) copies the failed record's key, value and headers
 * and adds the {@code __streams.errors.*} headers below (Kafka declares them in an internal class,
 * so they are spelt out here). A replay adds {@link #REPLAYED_FROM}.
 */
public final class DeadLetterHeaders {

    /** The prefix of every header Kafka Streams adds to a dead letter. */
    public static final String STREAMS_ERRORS_PREFIX = "__streams.errors.";
    /** The exception's class name. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** The exception's message (absent or empty when it had none). */
    public static final String MESSAGE = "__streams.errors.message";
    /** The exception's stack trace. */
    public static final String STACK_TRACE = "__streams.errors.stacktrace";
    /** Where the failed record was read: topic, partition and offset (decimal text). */
    public static final String SOURCE_TOPIC = "__streams.errors.topic";
    public static final String SOURCE_PARTITION = "__streams.errors.partition";
    public static final String SOURCE_OFFSET = "__streams.errors.offset";

    /**
     * Set on a record that {@code medpulse dlq replay} republished: the dead letter it came from,
     * as {@code topic:partition:offset} (e.g. {@code survey-responses-dlq:0:3}).
     */
    public static final String REPLAYED_FROM = "medpulse.replayed.from";

    private DeadLetterHeaders() {
    }
}
