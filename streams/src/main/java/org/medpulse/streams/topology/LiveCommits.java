package org.medpulse.streams.topology;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a task should ask for a commit sooner than {@code commit.interval.ms}: the aggregates become
 * visible to the API at a commit, and a response submitted a moment ago should show within a
 * fraction of a second, while a replay of history is fastest with few, large commits (each one a
 * transaction that writes every changed aggregate). A response is live when its timestamp (its
 * submission) is at most {@link #LIVE} old; a task that processes live responses asks for a commit
 * at most every {@code interval}. One per task: not thread-safe.
 */
final class LiveCommits {

    /** How old a response may be and still count as live. */
    static final Duration LIVE = Duration.ofSeconds(5);

    private final long intervalMillis;
    private final LongSupplier clock;
    private long lastRequest = Long.MIN_VALUE / 2;

    LiveCommits(Duration interval, LongSupplier clock) {
        this.intervalMillis = interval.toMillis();
        this.clock = clock;
    }

    /** True when the response stamped {@code timestamp} is live and no commit was asked for within the interval. */
    boolean due(long timestamp) {
        if (intervalMillis <= 0) {
            return false;
        }
        long now = clock.getAsLong();
        if (now - timestamp > LIVE.toMillis() || now - lastRequest < intervalMillis) {
            return false;
        }
        lastRequest = now;
        return true;
    }
}
