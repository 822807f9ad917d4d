package org.medpulse.streams.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.Audience;
import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.InMemoryPartitions;
import org.medpulse.streams.query.LocalQueries;
import org.medpulse.streams.query.QueryService;
import org.medpulse.streams.query.SmallCellPolicy;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.query.report.WaveTotalsEvent;

class WaveTotalsFeedTest {

    private final WaveTotalsFeed feed = new WaveTotalsFeed();
    private final List<WaveTotalsEvent> received = new CopyOnWriteArrayList<>();

    @Test
    void onlyChangesReachSubscribers() {
        feed.subscribe(received::add);

        feed.publish(totals("2025-06", 10, 4));
        feed.publish(totals("2025-06", 10, 4));
        feed.publish(totals("2025-06", 11, 4));

        assertThat(received).containsExactly(totals("2025-06", 10, 4), totals("2025-06", 11, 4));
    }

    @Test
    void aNewSubscriberFirstGetsTheKnownTotalsByWave() {
        feed.publish(totals("2026-06", 1, 0));
        feed.publish(totals("2025-06", 10, 4));

        feed.subscribe(received::add);

        assertThat(received).extracting(WaveTotalsEvent::wave).containsExactly("2025-06", "2026-06");
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        WaveTotalsFeed.Subscription subscription = feed.subscribe(received::add);
        subscription.close();

        feed.publish(totals("2025-06", 10, 4));

        assertThat(received).isEmpty();
        assertThat(feed.subscriberCount()).isZero();
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        feed.subscribe(t -> {
            throw new IllegalStateException("boom");
        });
        feed.subscribe(received::add);

        feed.publish(totals("2025-06", 10, 4));

        assertThat(received).hasSize(1);
    }

    @Test
    void afterForgettingTheSameTotalsCountAsAChange() {
        feed.publish(totals("2025-06", 10, 4));
        feed.forget();
        feed.subscribe(received::add);

        feed.publish(totals("2025-06", 10, 4));

        assertThat(received).containsExactly(totals("2025-06", 10, 4));
    }

    @Test
    void thePollerReadsOnlyWhileSomeoneListens() {
        InMemoryPartitions stats = InMemoryPartitions.holdingAll(3);
        stats.add(Answer.in("2025-06").frequency(UsageFrequency.DAILY).build());
        try (WaveTotalsPoller poller = WaveTotalsPoller.start(queries(stats), Map.of(Audience.ANALYST, feed), Duration.ofHours(1))) {
            poller.poll();
            assertThat(stats.reads()).isZero();

            feed.subscribe(received::add);
            poller.poll();
            stats.add(Answer.in("2025-06").frequency(UsageFrequency.NEVER).build());
            poller.poll();

            assertThat(received).containsExactly(totals("2025-06", 1, 1), totals("2025-06", 2, 1));
        }
    }

    @Test
    void thePollerPublishesChangesOnItsOwn() {
        InMemoryPartitions stats = InMemoryPartitions.holdingAll(3);
        feed.subscribe(received::add);
        try (WaveTotalsPoller poller = WaveTotalsPoller.start(queries(stats), Map.of(Audience.ANALYST, feed), Duration.ofMillis(20))) {
            stats.add(Answer.in("2025-06").frequency(UsageFrequency.DAILY).build());

            await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(totals("2025-06", 1, 1)));
        }
    }

    /** The event of a wave's totals, shown in full (these tests are not about suppression). */
    private static WaveTotalsEvent totals(String wave, long respondents, long regularUsers) {
        return new WaveTotalsEvent(wave, respondents, false, Statistic.of(regularUsers, respondents),
                DisclosureBlock.suppression(1));
    }

    private static QueryService queries(InMemoryPartitions stores) {
        return LocalQueries.over(stores, SmallCellPolicy.minCellSize(1), ToolCatalogue::builtIn);
    }
}
