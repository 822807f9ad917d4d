package org.medpulse.streams.query.store;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.state.AggregateVisibility;

/**
 * Reads that no commit's writes overlapped ({@link AggregateVisibility}): a read is done again
 * when a commit began writing aggregates before it ended, and waits while one is writing. Commits
 * write for milliseconds once a second, so a read rarely needs a second try; one that keeps
 * colliding, or a commit that writes for longer than {@link #PATIENCE}, is a retriable failure
 * (503), never an inconsistent answer.
 */
final class ConsistentReads {

    /** Reads that a commit overlapped before giving up. */
    static final int MAX_ATTEMPTS = 50;
    /** The longest wait for commits to finish writing. */
    static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final long WAIT_NANOS = 1_000_000;

    private ConsistentReads() {
    }

    /** {@code read}'s result from a view no commit changed while it read; {@code what} names it in failures. */
    static <T> QueryResult<T> read(Supplier<QueryResult<T>> read, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int attempt = 0;
        while (attempt < MAX_ATTEMPTS && System.nanoTime() - deadline < 0) {
            OptionalLong mark = AggregateVisibility.stable();
            if (mark.isEmpty()) {
                LockSupport.parkNanos(WAIT_NANOS);
                continue;
            }
            attempt++;
            QueryResult<T> result = read.get();
            if (!result.isSuccess() || AggregateVisibility.unchangedSince(mark.getAsLong())) {
                return result;
            }
        }
        return QueryResult.failure(FailureReason.REBALANCING, what + " kept changing under the read ("
                + attempt + " attempts in at most " + PATIENCE.toSeconds() + " s); retry shortly");
    }
}
