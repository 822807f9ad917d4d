package org.medpulse.producer.deadletter;

import java.util.Comparator;

/**
 * Where a dead letter sits in the dead-letter topic. Written as its offset when it is in partition
 * 0 (the dead-letter topic has one partition unless someone created it otherwise) and as
 * {@code partition:offset} elsewhere; {@link #parse(String)} reads both forms back.
 */
public record DeadLetterId(int partition, long offset) implements Comparable<DeadLetterId> {

    private static final Comparator<DeadLetterId> ORDER = Comparator.comparingInt(DeadLetterId::partition)
            .thenComparingLong(DeadLetterId::offset);

    public DeadLetterId {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative: " + partition + ":" + offset);
        }
    }

    /**
     * Reads {@code 17} (partition 0) or {@code 2:17}.
     *
     * @throws IllegalArgumentException naming the text, when it is neither
     */
    public static DeadLetterId parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        try {
            if (colon < 0) {
                return new DeadLetterId(0, Long.parseLong(trimmed));
            }
            return new DeadLetterId(Integer.parseInt(trimmed.substring(0, colon)),
                    Long.parseLong(trimmed.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a dead-letter offset; use an offset such as 17, "
                    + "or PARTITION:OFFSET such as 2:17", e);
        }
    }

    @Override
    public int compareTo(DeadLetterId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return partition == 0 ? Long.toString(offset) : partition + ":" + offset;
    }
}
