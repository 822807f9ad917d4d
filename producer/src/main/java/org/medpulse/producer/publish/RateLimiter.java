package org.medpulse.producer.publish;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces a loop to at most a given number of events per second (for live demos and replays at a
 * chosen speed). Each {@link #acquire()} waits until the next event's slot; no burst beyond one
 * second's worth builds up after a pause.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private long nextSlot;

    private RateLimiter(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.nextSlot = System.nanoTime();
    }

    public static RateLimiter perSecond(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("A rate must be a positive number, got " + perSecond);
        }
        return new RateLimiter(Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / perSecond)));
    }

    /** A limiter that never waits. */
    public static RateLimiter unlimited() {
        return new RateLimiter(0);
    }

    public void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        long earliest = now - TimeUnit.SECONDS.toNanos(1);
        if (nextSlot < earliest) {
            nextSlot = earliest;
        }
        while (nextSlot - now > 0) {
            LockSupport.parkNanos(nextSlot - now);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            now = System.nanoTime();
        }
        nextSlot += intervalNanos;
    }
}
