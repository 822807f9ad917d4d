package org.medpulse.streams.api.survey;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.medpulse.streams.query.Audience;
import org.medpulse.streams.query.live.WaveTotalsFeed;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;

/**
 * {@code GET /api/v1/stream}: Server-Sent Events, one {@code wave-totals} event per change of a
 * wave's totals as the client's audience sees them, after a snapshot of the totals known on connection. Idle connections get a
 * comment line every heartbeat interval; a write to a client that went away fails, and the session
 * is removed.
 */
final class WaveTotalsStream implements Handler, AutoCloseable {

    static final String EVENT = "wave-totals";
    static final String EVENT_STREAM = "text/event-stream";

    private final Map<Audience, WaveTotalsFeed> feeds;
    private final AudienceAuth audiences;
    private final int maxClients;
    private final Set<SseSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    private final ScheduledExecutorService executor;

    WaveTotalsStream(Map<Audience, WaveTotalsFeed> feeds, AudienceAuth audiences, Duration heartbeat, int maxClients) {
        this.feeds = Map.copyOf(feeds);
        this.audiences = audiences;
        this.maxClients = maxClients;
        AtomicLong threads = new AtomicLong();
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "medpulse-sse-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long millis = heartbeat.toMillis();
        executor.scheduleWithFixedDelay(this::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handle(Context ctx) throws Exception {
        // Javalin's SseHandler silently answers nothing unless Accept is exactly text/event-stream.
        if (!EVENT_STREAM.equals(ctx.header(Header.ACCEPT))) {
            throw new ApiException(406, ApiRoute.STREAM.path() + " is a Server-Sent Events stream: send 'Accept: "
                    + EVENT_STREAM + "'");
        }
        if (reserved.incrementAndGet() > maxClients) {
            reserved.decrementAndGet();
            throw new ApiException(503, "Too many stream clients (at most " + maxClients + "); retry later",
                    Map.of(Header.RETRY_AFTER, "5"));
        }
        try {
            Audience audience = audiences.of(ctx);
            new SseHandler(client -> open(client, audience)).handle(ctx);
        } catch (Exception | Error e) {
            reserved.decrementAndGet();
            throw e;
        }
    }

    /** The number of connected clients. */
    int clients() {
        return sessions.size();
    }

    private void open(SseClient client, Audience audience) {
        client.keepAlive();
        SseSession session = new SseSession(client, executor);
        sessions.add(session);
        // Tells the client it is connected even before the first event.
        session.sendComment("connected");
        WaveTotalsFeed.Subscription subscription = feeds.get(audience).subscribe(
                event -> session.sendEvent(EVENT, ApiJson.writeString(event)));
        client.onClose(() -> {
            subscription.close();
            if (sessions.remove(session)) {
                reserved.decrementAndGet();
            }
        });
    }

    private void heartbeat() {
        for (SseSession session : sessions) {
            if (session.isClosed()) {
                session.close();
            } else {
                session.sendComment("");
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        sessions.forEach(SseSession::close);
    }
}
