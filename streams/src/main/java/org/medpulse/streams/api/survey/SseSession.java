package org.medpulse.streams.api.survey;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.javalin.http.sse.SseClient;

/**
 * One connected stream client. Events are queued and written by a shared executor, one write at a
 * time per client, so a slow client never holds up the feed or the other clients; a client that
 * falls {@value #MAX_PENDING} events behind is dropped (it reconnects and gets a fresh snapshot).
 */
final class SseSession {

    static final int MAX_PENDING = 1_000;

    private final SseClient client;
    private final Executor writer;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    SseSession(SseClient client, Executor writer) {
        this.client = client;
        this.writer = writer;
    }

    void sendEvent(String event, String data) {
        enqueue(() -> client.sendEvent(event, data));
    }

    void sendComment(String comment) {
        enqueue(() -> client.sendComment(comment));
    }

    boolean isClosed() {
        return closed.get() || client.terminated();
    }

    /** Ends the response; the client's close callback runs. Idempotent. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }

    private void enqueue(Runnable write) {
        if (isClosed()) {
            return;
        }
        if (size.incrementAndGet() > MAX_PENDING) {
            close();
            return;
        }
        pending.add(write);
        schedule();
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                writer.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                close();
            }
        }
    }

    private void drain() {
        try {
            Runnable write;
            while (!isClosed() && (write = pending.poll()) != null) {
                size.decrementAndGet();
                write.run();
            }
        } catch (RuntimeException e) {
            close();
        } finally {
            draining.set(false);
        }
        // An event queued after the loop ended but before draining was reset would wait forever.
        if (!pending.isEmpty() && !isClosed()) {
            schedule();
        }
    }
}
