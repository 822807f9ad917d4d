package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.state.AggregateViews;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.WaveKey;
import org.medpulse.streams.state.WaveSummary;

class StoreScannerTest {

    private static final int PARTITION = 2;

    /** One partition's store as IQv2 would answer it; counts the queries that reach it. */
    private final NavigableMap<WaveKey, Integer> store = new TreeMap<>(Map.of(key("a"), 1, key("b"), 2, key("c"), 3));
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicReference<FailureReason> failing = new AtomicReference<>();
    private final AggregateViews views = new AggregateViews();
    private final AtomicReference<Optional<StoreVersion.Version>> version =
            new AtomicReference<>(Optional.of(new StoreVersion.Version(1, 10)));
    private final AtomicLong nanos = new AtomicLong();

    private final StoreScanner scanner = new StoreScanner(new StoreScanner.StateQueries() {
        @Override
        @SuppressWarnings("unchecked")
        public <R> StateQueryResult<R> query(StateQueryRequest<R> request) {
            queries.incrementAndGet();
            RangeQuery<WaveKey, Integer> range = (RangeQuery<WaveKey, Integer>) request.getQuery();
            StateQueryResult<R> result = new StateQueryResult<>();
            if (failing.get() != null) {
                result.addResult(PARTITION, org.apache.kafka.streams.query.QueryResult.forFailure(failing.get(), "scripted failure"));
            } else {
                NavigableMap<WaveKey, Integer> entries = store.subMap(range.getLowerBound().orElse(key("")), true,
                        range.getUpperBound().orElse(key("\uffff")), true);
                result.addResult(PARTITION, (org.apache.kafka.streams.query.QueryResult<R>)
                        org.apache.kafka.streams.query.QueryResult.forResult(KeyValueIterators.over(entries)));
            }
            return result;
        }
    }, views, partition -> version.get(), 1024 * 1024, nanos::get);

    @Test
    void readsEachRangeOnceWhileTheStoresAreUnchanged() {
        QueryResult<List<KeyValue<WaveKey, Integer>>> first = scan(range("a", "b"), true);
        QueryResult<List<KeyValue<WaveKey, Integer>>> again = scan(range("a", "b"), true);

        assertThat(queries).hasValue(1);
        assertThat(entries(again)).isEqualTo(entries(first)).containsExactly(KeyValue.pair(key("a"), 1), KeyValue.pair(key("b"), 2));

        assertThat(entries(scan(range("b", "c"), true))).containsExactly(KeyValue.pair(key("b"), 2), KeyValue.pair(key("c"), 3));
        assertThat(entries(scan(KeyRange.all(), true))).hasSize(3);
        assertThat(queries).as("other bounds are other scans").hasValue(3);
    }

    @Test
    void readsAgainOnceTheVersionMovedOrTheScanIsTooOld() {
        scan(range("a", "b"), true);
        store.put(key("a"), 100);

        version.set(Optional.of(new StoreVersion.Version(1, 11)));
        assertThat(entries(scan(range("a", "b"), true))).startsWith(KeyValue.pair(key("a"), 100));
        assertThat(queries).hasValue(2);

        store.put(key("a"), 200);
        nanos.addAndGet(VersionedCache.MAX_AGE.toNanos());
        assertThat(entries(scan(range("a", "b"), true))).startsWith(KeyValue.pair(key("a"), 200));
        assertThat(queries).hasValue(3);
    }

    @Test
    void neverRemembersStaleReadsNorFailuresNorReadsWithoutAVersion() {
        scan(range("a", "b"), false);
        scan(range("a", "b"), false);
        assertThat(queries).as("standby and restoring copies change without the version").hasValue(2);

        failing.set(FailureReason.NOT_ACTIVE);
        QueryResult<List<KeyValue<WaveKey, Integer>>> failed = scan(range("a", "b"), true);
        assertThat(failed).isEqualTo(new QueryResult.Failure<>(org.medpulse.streams.query.FailureReason.NOT_ACTIVE, "usage-by-wave[2]: scripted failure"));
        failing.set(null);
        assertThat(entries(scan(range("a", "b"), true))).hasSize(2);
        assertThat(queries).hasValue(4);

        version.set(Optional.empty());
        scan(range("a", "b"), true);
        scan(range("a", "b"), true);
        assertThat(queries).hasValue(6);
    }

    @Test
    void activeReadsUseTheViewOfWhatTheLastCommitWroteWhereThereIsOne(@TempDir File stateDir) {
        committedWavesStore(stateDir);

        QueryResult<List<KeyValue<WaveKey, WaveSummary>>> viewed = scanner.scan(SurveyStores.WAVES.name(), PARTITION,
                new KeyRange<>(key("a"), key("c")), true);
        assertThat(viewed.value()).containsExactly(KeyValue.pair(key("b"), WaveSummary.of(7, 1_000)));
        assertThat(queries).as("no interactive query").hasValue(0);

        scanner.scan(SurveyStores.WAVES.name(), PARTITION, new KeyRange<>(key("a"), key("c")), false);
        assertThat(queries).as("stale reads may read a standby: always the store").hasValue(1);

        views.invalidateAll();
        scanner.scan(SurveyStores.WAVES.name(), PARTITION, new KeyRange<>(key("a"), key("c")), true);
        assertThat(queries).as("a view no longer trusted is not read").hasValue(2);
    }

    @Test
    void derivesFromTheViewForActiveReadsOnlyAndOncePerCommit(@TempDir File stateDir) {
        committedWavesStore(stateDir);
        AtomicInteger derivations = new AtomicInteger();
        Function<List<KeyValue<WaveKey, WaveSummary>>, Integer> count = entries -> {
            derivations.incrementAndGet();
            return entries.size();
        };

        assertThat(scanner.derive(SurveyStores.WAVES.name(), PARTITION, KeyRange.all(), "count", count, true)).contains(1);
        assertThat(scanner.derive(SurveyStores.WAVES.name(), PARTITION, KeyRange.all(), "count", count, true)).contains(1);
        assertThat(derivations).hasValue(1);
        assertThat(scanner.derive(SurveyStores.WAVES.name(), PARTITION, KeyRange.all(), "count", count, false))
                .as("stale reads may read a standby: never from the view").isEmpty();
        assertThat(queries).hasValue(0);
    }

    // The waves store of a task of this partition, as the topology builds it, with a view kept, and
    // one commit of wave b in it.
    private void committedWavesStore(File stateDir) {
        KeyValueStore<WaveKey, WaveSummary> waves = SurveyStores.WAVES.builder().withLoggingDisabled().build();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scanner-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(AggregateViews.CONFIG, views);
        waves.init(new MockProcessorContext<Void, Void>(config, new TaskId(0, PARTITION), stateDir).getStateStoreContext(), waves);
        waves.put(key("b"), WaveSummary.of(7, 1_000));
        ((CachedStateStore<?, ?>) waves).flushCache();
    }

    private static WaveKey key(String wave) {
        return WaveKey.of(wave);
    }

    private static KeyRange<WaveKey> range(String from, String to) {
        return new KeyRange<>(key(from), key(to));
    }

    private QueryResult<List<KeyValue<WaveKey, Integer>>> scan(KeyRange<WaveKey> range, boolean active) {
        return scanner.scan("usage-by-wave", PARTITION, range, active);
    }

    private static List<KeyValue<WaveKey, Integer>> entries(QueryResult<List<KeyValue<WaveKey, Integer>>> result) {
        assertThat(result).isInstanceOf(QueryResult.Success.class);
        return result.value();
    }
}
