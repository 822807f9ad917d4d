package org.medpulse.streams.query.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.medpulse.streams.query.Audience;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.QueryService;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.question.WaveTotalsQuestion;
import org.medpulse.streams.query.report.WaveTotalsEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every wave's totals to each audience's feed at a fixed delay, while anyone listens:
 * the partial answers are gathered once and rendered for each audience, so that the public's
 * feed only ever carries what the public may see. Asking the
 * question (rather than hooking processors) gives every instance the complete, cross-partition
 * totals, since answers merge all instances; the cost is one read per interval and only while
 * a dashboard is connected.
 */
public final class WaveTotalsPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WaveTotalsPoller.class);

    private final QueryService queries;
    private final Map<Audience, WaveTotalsFeed> feeds;
    private final ScheduledExecutorService scheduler;

    private WaveTotalsPoller(QueryService queries, Map<Audience, WaveTotalsFeed> feeds) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.feeds = Map.copyOf(feeds);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "medpulse-wave-totals-poller");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts polling every {@code interval}, for each audience's feed. */
    public static WaveTotalsPoller start(QueryService queries, Map<Audience, WaveTotalsFeed> feeds, Duration interval) {
        WaveTotalsPoller poller = new WaveTotalsPoller(queries, feeds);
        long millis = interval.toMillis();
        poller.scheduler.scheduleWithFixedDelay(poller::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
        return poller;
    }

    /** One poll, now, on the caller's thread. */
    public void poll() {
        boolean listened = false;
        for (WaveTotalsFeed feed : feeds.values()) {
            if (feed.subscriberCount() == 0) {
                feed.forget();
            } else {
                listened = true;
            }
        }
        if (!listened) {
            return;
        }
        QueryResult<Map<Audience, List<WaveTotalsEvent>>> totals =
                queries.answerEach(new WaveTotalsQuestion(), ReadOptions.activeOnly());
        if (totals instanceof QueryResult.Failure<Map<Audience, List<WaveTotalsEvent>>> failure) {
            LOG.debug("Wave totals not available ({}): {}", failure.reason(), failure.message());
            return;
        }
        feeds.forEach((audience, feed) -> totals.value().get(audience).forEach(feed::publish));
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A failed poll must not cancel the schedule.
            LOG.warn("Polling wave totals failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
