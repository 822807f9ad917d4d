package org.medpulse.producer.deadletter;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a read of the dead-letter topic covered: each partition's offsets when the read started
 * (from its first kept offset to its end, exclusive), how many dead letters were read (only
 * within the selection's offset range) and how many were selected.
 */
public record DeadLetterScan(String topic, SortedMap<Integer, Range> partitions, long read, long selected) {

    public DeadLetterScan {
        partitions = new TreeMap<>(partitions);
    }

    static DeadLetterScan of(String topic, Map<Integer, Range> partitions, long read, long selected) {
        return new DeadLetterScan(topic, new TreeMap<>(partitions), read, selected);
    }

    /** Whether the topic held no record at all when the read started. */
    public boolean empty() {
        return partitions.values().stream().allMatch(Range::empty);
    }

    /**
     * The offsets the topic held, for messages: {@code offsets 0 to 4}, {@code no record},
     * or per partition when it has several ({@code partition 0: offsets 0 to 4; partition 1: no record}).
     */
    public String describeOffsets() {
        if (partitions.size() == 1) {
            return partitions.values().iterator().next().toString();
        }
        StringBuilder text = new StringBuilder();
        partitions.forEach((partition, range) -> text.append(text.isEmpty() ? "" : "; ")
                .append("partition ").append(partition).append(": ").append(range));
        return text.toString();
    }

    /** Offsets {@code first} (the first one kept) to {@code end} (exclusive) of one partition. */
    public record Range(long first, long end) {

        public boolean empty() {
            return first >= end;
        }

        @Override
        public String toString() {
            return empty() ? "no record" : end - first == 1 ? "offset " + first : "offsets " + first + " to " + (end - 1);
        }
    }
}
