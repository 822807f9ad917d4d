package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.InMemoryPartitions;
import org.medpulse.streams.query.InWave;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.SurveyFixtures;
import org.medpulse.streams.query.question.UsageQuestion;
import org.medpulse.streams.state.UsageCounts;

class CachingLocalPartitionsTest {

    private static final Set<Integer> ALL = Set.of(0, 1, 2);
    private static final UsageQuestion USAGE = new UsageQuestion("2025-06", SurveyFilter.all());

    private final InMemoryPartitions stores = InMemoryPartitions.of(SurveyFixtures.panel(), 3, ALL, Set.of());
    private final AtomicReference<Optional<StoreVersion.Version>> version =
            new AtomicReference<>(Optional.of(new StoreVersion.Version(1, 100, 0)));
    private final AtomicLong nanos = new AtomicLong();
    private final CachingLocalPartitions cache = new CachingLocalPartitions(stores, version::get, 1024 * 1024, nanos::get);

    @Test
    void answersTheSameQuestionFromMemoryWhileTheStoresAreUnchanged() {
        Map<Integer, QueryResult<InWave<UsageCounts>>> first = cache.read(USAGE, ALL, ReadOptions.activeOnly());
        int reads = stores.reads();

        Map<Integer, QueryResult<InWave<UsageCounts>>> again = cache.read(
                new UsageQuestion("2025-06", SurveyFilter.all()), ALL, ReadOptions.activeOnly());

        assertThat(stores.reads()).isEqualTo(reads);
        assertThat(again).isEqualTo(first).isEqualTo(stores.read(USAGE, ALL, ReadOptions.activeOnly()));
    }

    @Test
    void readsTheStoresAgainOnceRecordsWereProcessedOrTasksMoved() {
        cache.read(USAGE, ALL, ReadOptions.activeOnly());

        version.set(Optional.of(new StoreVersion.Version(1, 101, 0)));
        int reads = stores.reads();
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        assertThat(stores.reads()).isEqualTo(reads + ALL.size());

        version.set(Optional.of(new StoreVersion.Version(2, 101, 0)));
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        assertThat(stores.reads()).isEqualTo(reads + 2 * ALL.size());
    }

    @Test
    void readsTheStoresAgainWhenAnAnswerIsOlderThanTheMaximumAgeWhateverTheVersion() {
        cache.read(USAGE, ALL, ReadOptions.activeOnly());
        int reads = stores.reads();

        nanos.addAndGet(CachingLocalPartitions.MAX_AGE.toNanos() - 1);
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

        version.set(Optional.of(new StoreVersion.Version(3, 0, 0)));
        cache.read(USAGE, ALL, ReadOptions.staleAllowed(true));
        cache.read(USAGE, ALL, ReadOptions.staleAllowed(true));
        assertThat(stores.reads()).isEqualTo(4 * ALL.size());

        stores.failing(1, FailureReason.NOT_ACTIVE);
        assertThat(cache.read(USAGE, ALL, ReadOptions.activeOnly()).get(1)).isInstanceOf(QueryResult.Failure.class);
        stores.failing(1, null);
        int reads = stores.reads();
        assertThat(cache.read(USAGE, ALL, ReadOptions.activeOnly()).get(1)).isInstanceOf(QueryResult.Success.class);
        assertThat(stores.reads()).as("only the failed partition is read again").isEqualTo(reads + 1);
    }

    @Test
    void tellsQuestionsApartByTheirFilter() {
        UsageQuestion acme = new UsageQuestion("2025-06", SurveyFilter.of("acme", null, null));

        Map<Integer, QueryResult<InWave<UsageCounts>>> everyone = cache.read(USAGE, ALL, ReadOptions.activeOnly());
        Map<Integer, QueryResult<InWave<UsageCounts>>> filtered = cache.read(acme, ALL, ReadOptions.activeOnly());

        assertThat(filtered).isEqualTo(stores.read(acme, ALL, ReadOptions.activeOnly())).isNotEqualTo(everyone);
    }
}
