package org.medpulse.producer.deadletter;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which dead letters a command is about: every one, those named ({@code --offsets}), those whose
 * reason contains a text ({@code --reason}), within an offset range ({@code --from-offset},
 * {@code --to-offset}, inclusive, applied to every partition). A dead letter is selected when it
 * satisfies every criterion given. Immutable.
 */
public final class DeadLetterSelection {

    private static final DeadLetterSelection ALL = new DeadLetterSelection(new TreeSet<>(), null, 0, Long.MAX_VALUE);

    private final SortedSet<DeadLetterId> ids;
    private final String reason;
    private final long fromOffset;
    private final long toOffset;

    private DeadLetterSelection(SortedSet<DeadLetterId> ids, String reason, long fromOffset, long toOffset) {
        this.ids = ids;
        this.reason = reason;
        this.fromOffset = fromOffset;
        this.toOffset = toOffset;
    }

    /** Every dead letter. */
    public static DeadLetterSelection all() {
        return ALL;
    }

    /** Only the dead letters at these positions. */
    public DeadLetterSelection withIds(Set<DeadLetterId> chosen) {
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no dead letter named");
        }
        return new DeadLetterSelection(new TreeSet<>(chosen), reason, fromOffset, toOffset);
    }

    /** Only those whose exception class or message contains {@code text}, ignoring case. */
    public DeadLetterSelection withReason(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("the reason to look for is empty");
        }
        return new DeadLetterSelection(ids, text, fromOffset, toOffset);
    }

    /** Only those at offsets {@code from} to {@code to}, both included; null leaves that end open. */
    public DeadLetterSelection between(Long from, Long to) {
        long first = from == null ? fromOffset : from;
        long last = to == null ? toOffset : to;
        if (first < 0 || last < 0) {
            throw new IllegalArgumentException("offsets cannot be negative");
        }
        if (first > last) {
            throw new IllegalArgumentException("--from-offset " + first + " is after --to-offset " + last);
        }
        return new DeadLetterSelection(ids, reason, first, last);
    }

    /** The positions named, in order; empty when the selection does not name any. */
    public SortedSet<DeadLetterId> ids() {
        return Collections.unmodifiableSortedSet(ids);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** Whether it selects every dead letter. */
    public boolean isAll() {
        return ids.isEmpty() && reason == null && fromOffset == 0 && toOffset == Long.MAX_VALUE;
    }

    public boolean namesIds() {
        return !ids.isEmpty();
    }

    public boolean matches(DeadLetter deadLetter) {
        DeadLetterId id = deadLetter.id();
        return id.offset() >= fromOffset && id.offset() <= toOffset
                && (ids.isEmpty() || ids.contains(id))
                && (reason == null || deadLetter.reasonContains(reason));
    }

    /** The first offset of {@code partition} that can be selected (reading may start there). */
    long firstOffset(int partition) {
        if (ids.isEmpty()) {
            return fromOffset;
        }
        return Math.max(fromOffset, ids.stream().filter(id -> id.partition() == partition)
                .mapToLong(DeadLetterId::offset).min().orElse(Long.MAX_VALUE));
    }

    /** The last offset of {@code partition} that can be selected (reading may stop after it). */
    long lastOffset(int partition) {
        if (ids.isEmpty()) {
            return toOffset;
        }
        return Math.min(toOffset, ids.stream().filter(id -> id.partition() == partition)
                .mapToLong(DeadLetterId::offset).max().orElse(-1L));
    }

    /** What the selection asks for, for messages: e.g. "offsets 3, 7", "reason 'schema' between offsets 10 and 20". */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (!ids.isEmpty()) {
            text.append(ids.size() == 1 ? "offset " : "offsets ")
                    .append(String.join(", ", ids.stream().map(DeadLetterId::toString).toList()));
        }
        if (reason != null) {
            text.append(text.isEmpty() ? "" : ", ").append("reason containing '").append(reason).append("'");
        }
        if (fromOffset > 0 || toOffset < Long.MAX_VALUE) {
            text.append(text.isEmpty() ? "" : ", ").append("offsets ").append(fromOffset).append(" to ")
                    .append(toOffset == Long.MAX_VALUE ? "the end" : Long.toString(toOffset));
        }
        return text.isEmpty() ? "every dead letter" : text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
