package org.medpulse.serde.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and after how long a wait, a failed registry request is tried again: {@code maxRetries}
 * retries after the first attempt, waiting {@code initialWait} before the first retry and twice as
 * long before each next one, never more than {@code maxWait}.
 */
public record RetryPolicy(int maxRetries, Duration initialWait, Duration maxWait) {

    /** Confluent's client defaults: 3 retries, 1 s doubling up to 20 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(20));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        Objects.requireNonNull(initialWait, "initialWait");
        Objects.requireNonNull(maxWait, "maxWait");
        if (initialWait.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("waits must not be negative");
        }
    }

    /** No retry at all: one attempt per URL. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delayBeforeRetry(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1, was " + retry);
        }
        long cap = maxWait.toMillis();
        long delay = Math.min(initialWait.toMillis(), cap);
        for (int i = 1; i < retry && delay < cap; i++) {
            delay = delay > cap / 2 ? cap : delay * 2;
        }
        return Duration.ofMillis(delay);
    }

    public int maxAttemptsPerUrl() {
        return maxRetries + 1;
    }
}
