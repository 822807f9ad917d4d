package org.medpulse.streams.query.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.medpulse.streams.query.report.WaveTotalsEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans wave totals out to subscribers, each change once. A new subscriber first receives the
 * totals known so far, then every change. Subscribers are called on the publishing thread and must
 * not block (the SSE sessions queue events and write them on their own threads).
 */
public final class WaveTotalsFeed {

    private static final Logger LOG = LoggerFactory.getLogger(WaveTotalsFeed.class);

    private final Map<String, WaveTotalsEvent> latest = new HashMap<>();
    private final List<Consumer<WaveTotalsEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Announces a wave's current totals: only a change reaches subscribers. */
    public synchronized void publish(WaveTotalsEvent totals) {
        if (totals.equals(latest.put(totals.wave(), totals))) {
            return;
        }
        for (Consumer<WaveTotalsEvent> subscriber : subscribers) {
            deliver(subscriber, totals);
        }
    }

    /** Subscribes; close the returned subscription to stop receiving. */
    public synchronized Subscription subscribe(Consumer<WaveTotalsEvent> subscriber) {
        List<WaveTotalsEvent> known = new ArrayList<>(latest.values());
        known.sort(Comparator.comparing(WaveTotalsEvent::wave));
        known.forEach(totals -> deliver(subscriber, totals));
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /**
     * Forgets the totals published so far: the next publication of each wave reaches subscribers
     * as a change. Used while nobody listens, so the first subscriber never gets stale totals.
     */
    public synchronized void forget() {
        latest.clear();
    }

    private static void deliver(Consumer<WaveTotalsEvent> subscriber, WaveTotalsEvent totals) {
        try {
            subscriber.accept(totals);
        } catch (RuntimeException e) {
            LOG.warn("A wave-totals subscriber failed; it stays subscribed", e);
        }
    }

    /** A subscription to the feed. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
