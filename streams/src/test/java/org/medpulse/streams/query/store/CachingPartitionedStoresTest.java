package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.SurveyFixtures;
import org.medpulse.streams.query.UsageTotals;
import org.medpulse.streams.query.routing.InMemoryPartitions;
import org.medpulse.streams.query.routing.InWave;
import org.medpulse.streams.query.routing.PartialQuery;
import org.medpulse.streams.query.routing.PartitionFailure;
import org.medpulse.streams.query.routing.PartitionResult;

class CachingPartitionedStoresTest {

    private static final Set<Integer> ALL = Set.of(0, 1, 2);
    private static final PartialQuery.Usage USAGE = new PartialQuery.Usage("2025-06", SurveyFilter.all());

    private final InMemoryPartitions stores = InMemoryPartitions.of(SurveyFixtures.panel(), 3, ALL, Set.of());
    private final AtomicReference<Optional<StoreVersion.Version>> version =
            new AtomicReference<>(Optional.of(new StoreVersion.Version(1, 100)));
    private final AtomicLong nanos = new AtomicLong();
    private final CachingPartitionedStores cache = new CachingPartitionedStores(stores, version::get, nanos::get);

    @Test
    void answersTheSameQuestionFromMemoryWhileTheStoresAreUnchanged() {
        Map<Integer, PartitionResult<InWave<UsageTotals>>> first = cache.read(USAGE, ALL, ReadOptions.activeOnly());
        int reads = stores.reads();

        Map<Integer, PartitionResult<InWave<UsageTotals>>> again = cache.read(
                new PartialQuery.Usage("2025-06", SurveyFilter.all()), ALL, ReadOptions.activeOnly());

        assertThat(stores.reads()).isEqualTo(reads);
        assertThat(again).isEqualTo(first).isEqualTo(stores.read(USAGE, ALL, ReadOptions.activeOnly()));
    }

    @Test
    void readsTheStoresAgainOnceRecordsWereProcessedOrTasksMoved() {
        cache.read(USAGE, ALL, ReadOptions.activeOnly());

        version.set(Optional.of(new StoreVersion.Version(1, 101)));
        int reads = stores.reads();
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        assertThat(stores.reads()).isEqualTo(reads + ALL.size());

        version.set(Optional.of(new StoreVersion.Version(2, 101)));
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        assertThat(stores.reads()).isEqualTo(reads + 2 * ALL.size());
    }

    @Test
    void readsTheStoresAgainWhenAnAnswerIsOlderThanTheMaximumAgeWhateverTheVersion() {
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        int reads = stores.reads();

        nanos.addAndGet(CachingPartitionedStores.MAX_AGE.toNanos() - 1);
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        assertThat(stores.reads()).isEqualTo(reads);

        nanos.incrementAndGet();
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        assertThat(stores.reads()).isEqualTo(reads + ALL.size());
    }

    @Test
    void keepsNothingWhileTheVersionIsUnknownNorForStaleReadsNorFailures() {
        version.set(Optional.empty());
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        assertThat(stores.reads()).isEqualTo(2 * ALL.size());

        version.set(Optional.of(new StoreVersion.Version(3, 0)));
        cache.read(USAGE, ALL, ReadOptions.staleAllowed(true));
        cache.read(USAGE, ALL, ReadOptions.staleAllowed(true));
        assertThat(stores.reads()).isEqualTo(4 * ALL.size());

        stores.failing(1, PartitionFailure.NOT_ACTIVE);
        assertThat(cache.read(USAGE, ALL, ReadOptions.activeOnly()).get(1)).isInstanceOf(PartitionResult.Failed.class);
        stores.failing(1, null);
        int reads = stores.reads();
        assertThat(cache.read(USAGE, ALL, ReadOptions.activeOnly()).get(1)).isInstanceOf(PartitionResult.Answered.class);
        assertThat(stores.reads()).as("only the failed partition is read again").isEqualTo(reads + 1);
    }

    @Test
    void tellsQuestionsApartByTheirFilter() {
        PartialQuery.Usage acme = new PartialQuery.Usage("2025-06", SurveyFilter.of("acme", null, null));

        Map<Integer, PartitionResult<InWave<UsageTotals>>> everyone = cache.read(USAGE, ALL, ReadOptions.activeOnly());
        Map<Integer, PartitionResult<InWave<UsageTotals>>> filtered = cache.read(acme, ALL, ReadOptions.activeOnly());

        assertThat(filtered).isEqualTo(stores.read(acme, ALL, ReadOptions.activeOnly())).isNotEqualTo(everyone);
    }
}
