package org.medpulse.streams.topology;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a task should ask for a commit sooner than {@code commit.interval.ms}: the aggregates become
 * visible to the API at a commit, and a response submitted a moment ago should show within a
 * fraction of a second, while a replay of history is fastest with few, large commits (each one a
 * transaction that writes every changed aggregate). A response is live when its timestamp (its
 * submission) is at most {@link #LIVE} old.
 *
 * <p>One for all the tasks of a topology, with a clock per stream thread: a thread commits all its
 * tasks together (one transaction under exactly-once), so one request per thread and interval is
 * enough. A clock per task made a thread with six live partitions commit about 35 times a second
 * instead of 10, and every commit also drops the API's remembered reads. Thread-safe.
 */
final class LiveCommits {

    /** How old a response may be and still count as live. */
    static final Duration LIVE = Duration.ofSeconds(5);

    private final long intervalMillis;
    private final LongSupplier clock;
    // The stream thread's last request; a task that moves to another thread follows that thread's clock.
    private final ThreadLocal<long[]> lastRequest = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE / 2});

    LiveCommits(Duration interval, LongSupplier clock) {
        this.intervalMillis = interval.toMillis();
        this.clock = clock;
    }

    /** True when the response stamped {@code timestamp} is live and this thread asked for no commit within the interval. */
    boolean due(long timestamp) {
        if (intervalMillis <= 0) {
            return false;
        }
        long now = clock.getAsLong();
        long[] last = lastRequest.get();
        if (now - timestamp > LIVE.toMillis() || now - last[0] < intervalMillis) {
            return false;
        }
        last[0] = now;
        return true;
    }
}
