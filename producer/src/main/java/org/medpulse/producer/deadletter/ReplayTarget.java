package org.medpulse.producer.deadletter;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a replayed dead letter goes: one topic for all ({@code survey-responses} by default), or
 * each one's source topic as its {@value DeadLetterHeaders#SOURCE_TOPIC} header names it.
 */
public final class ReplayTarget {

    private final String topic;

    private ReplayTarget(String topic) {
        this.topic = topic;
    }

    /** Every dead letter to {@code topic}. */
    public static ReplayTarget topic(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("the topic to replay to is empty");
        }
        return new ReplayTarget(topic);
    }

    /** Each dead letter to the topic it was read from. */
    public static ReplayTarget sourceTopic() {
        return new ReplayTarget(null);
    }

    /** The one topic every dead letter goes to, empty when each goes to its own source topic. */
    public Optional<String> fixedTopic() {
        return Optional.ofNullable(topic);
    }

    /** The topic {@code deadLetter} goes to; empty when it goes to its source topic and no header names one. */
    public Optional<String> topicFor(DeadLetter deadLetter) {
        return topic != null ? Optional.of(topic) : deadLetter.source().map(DeadLetter.Source::topic);
    }

    @Override
    public String toString() {
        return topic != null ? topic : "each dead letter's source topic";
    }
}
