package org.medpulse.streams.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.InMemorySurveyStats;
import org.medpulse.streams.query.WaveTotals;

class WaveTotalsFeedTest {

    private final WaveTotalsFeed feed = new WaveTotalsFeed();
    private final List<WaveTotals> received = new CopyOnWriteArrayList<>();

    @Test
    void onlyChangesReachSubscribers() {
        feed.subscribe(received::add);

        feed.publish(new WaveTotals("2025-06", 10, 4));
        feed.publish(new WaveTotals("2025-06", 10, 4));
        feed.publish(new WaveTotals("2025-06", 11, 4));

        assertThat(received).containsExactly(new WaveTotals("2025-06", 10, 4), new WaveTotals("2025-06", 11, 4));
    }

    @Test
    void aNewSubscriberFirstGetsTheKnownTotalsByWave() {
        feed.publish(new WaveTotals("2026-06", 1, 0));
        feed.publish(new WaveTotals("2025-06", 10, 4));

        feed.subscribe(received::add);

        assertThat(received).extracting(WaveTotals::wave).containsExactly("2025-06", "2026-06");
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        WaveTotalsFeed.Subscription subscription = feed.subscribe(received::add);
        subscription.close();

        feed.publish(new WaveTotals("2025-06", 10, 4));

        assertThat(received).isEmpty();
        assertThat(feed.subscriberCount()).isZero();
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        feed.subscribe(t -> {
            throw new IllegalStateException("boom");
        });
        feed.subscribe(received::add);

        feed.publish(new WaveTotals("2025-06", 10, 4));

        assertThat(received).hasSize(1);
    }

    @Test
    void afterForgettingTheSameTotalsCountAsAChange() {
        feed.publish(new WaveTotals("2025-06", 10, 4));
        feed.forget();
        feed.subscribe(received::add);

        feed.publish(new WaveTotals("2025-06", 10, 4));

        assertThat(received).containsExactly(new WaveTotals("2025-06", 10, 4));
    }

    @Test
    void thePollerReadsOnlyWhileSomeoneListens() {
        InMemorySurveyStats stats = new InMemorySurveyStats();
        stats.add(Answer.in("2025-06").frequency(UsageFrequency.DAILY).build());
        try (WaveTotalsPoller poller = WaveTotalsPoller.start(stats, feed, Duration.ofHours(1))) {
            poller.poll();
            assertThat(stats.reads()).isZero();

            feed.subscribe(received::add);
            poller.poll();
            stats.add(Answer.in("2025-06").frequency(UsageFrequency.NEVER).build());
            poller.poll();

            assertThat(received).containsExactly(new WaveTotals("2025-06", 1, 1), new WaveTotals("2025-06", 2, 1));
        }
    }

    @Test
    void thePollerPublishesChangesOnItsOwn() {
        InMemorySurveyStats stats = new InMemorySurveyStats();
        feed.subscribe(received::add);
        try (WaveTotalsPoller poller = WaveTotalsPoller.start(stats, feed, Duration.ofMillis(20))) {
            stats.add(Answer.in("2025-06").frequency(UsageFrequency.DAILY).build());

            await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(new WaveTotals("2025-06", 1, 1)));
        }
    }
}
