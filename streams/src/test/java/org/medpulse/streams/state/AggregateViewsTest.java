package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateViewsTest {

    private static final String STORE = "waves";
    private static final int PARTITION = 3;

    @TempDir
    File stateDir;

    private final AggregateViews views = new AggregateViews();
    private final KeyValueStore<WaveKey, Integer> store = new WriteBehindStoreBuilder<>(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), StateSerdes.waveKey(), Serdes.Integer())
                    .withLoggingDisabled(), 100).build();
    private final WriteBehindKeyValueStore<WaveKey, Integer> writeBehind = (WriteBehindKeyValueStore<WaveKey, Integer>) store;

    @BeforeEach
    void init() {
        store.init(context(), store);
    }

    private StateStoreContext context() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "views-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(AggregateViews.CONFIG, views);
        return new MockProcessorContext<Void, Void>(config, new TaskId(0, PARTITION), stateDir).getStateStoreContext();
    }

    @Test
    void showsWhatEachCommitWroteAndNothingBefore() {
        store.put(WaveKey.of("2025-05"), 5);
        assertThat(scanAll()).as("nothing committed yet").isEmpty();

        writeBehind.flushCache();
        assertThat(scanAll()).contains(List.of(KeyValue.pair(WaveKey.of("2025-05"), 5)));

        store.put(WaveKey.of("2025-06"), 6);
        store.put(WaveKey.of("2025-04"), 4);
        store.delete(WaveKey.of("2025-05"));
        assertThat(scanAll()).as("unflushed writes are not shown").contains(List.of(KeyValue.pair(WaveKey.of("2025-05"), 5)));

        writeBehind.flushCache();
        assertThat(scanAll()).contains(List.of(KeyValue.pair(WaveKey.of("2025-04"), 4), KeyValue.pair(WaveKey.of("2025-06"), 6)));
        assertThat(scanAll()).as("the store beneath says the same").contains(storeContents());
        assertThat(views.scan(STORE, PARTITION, WaveKey.only("2025-06"))).contains(List.of(KeyValue.pair(WaveKey.of("2025-06"), 6)));
        assertThat(views.scan(STORE, PARTITION + 1, KeyRange.<WaveKey>all())).as("another partition has no view").isEmpty();
    }

    @Test
    void scansEveryRangeAsTheStoreBeneathDoes() {
        List<String> waves = List.of("2024-06", "2025-04", "2025-05", "2025-06", "2026-01");
        waves.forEach(wave -> store.put(WaveKey.of(wave), wave.hashCode()));
        writeBehind.flushCache();

        List<String> bounds = List.of("2024", "2024-06", "2025-05", "2025-055", "2025-06", "2026-01", "2027");
        for (String from : bounds) {
            for (String to : bounds) {
                KeyRange<WaveKey> range = new KeyRange<>(WaveKey.of(from), WaveKey.of(to));
                assertThat(AggregateVisibility.reading(PARTITION, () -> views.<WaveKey, Integer>scan(STORE, PARTITION, range)))
                        .as("[%s, %s]", from, to).contains(storeContents(range));
            }
            assertThat(AggregateVisibility.reading(PARTITION, () -> views.<WaveKey, Integer>scan(STORE, PARTITION, new KeyRange<>(WaveKey.of(from), null))))
                    .as("[%s, )", from).contains(storeContents(new KeyRange<>(WaveKey.of(from), null)));
            assertThat(AggregateVisibility.reading(PARTITION, () -> views.<WaveKey, Integer>scan(STORE, PARTITION, new KeyRange<>(null, WaveKey.of(from)))))
                    .as("( , %s]", from).contains(storeContents(new KeyRange<>(null, WaveKey.of(from))));
        }
    }

    @Test
    void matchesTheStoreBeneathAfterEveryCommitOfRandomWrites() {
        // Commits of a few writes among many keys (a live trickle) and of many (a replay), each merged
        // into the last commit's entries; derivations kept across commits must still be right.
        SplittableRandom random = new SplittableRandom(42);
        Function<List<KeyValue<WaveKey, Integer>>, Integer> total = entries -> entries.stream().mapToInt(entry -> entry.value).sum();
        for (int commit = 0; commit < 300; commit++) {
            int writes = commit % 50 == 0 ? 400 : random.nextInt(12);
            for (int i = 0; i < writes; i++) {
                WaveKey key = WaveKey.of(String.format("2025-%03d", random.nextInt(500)));
                if (random.nextInt(4) == 0) {
                    store.delete(key);
                } else {
                    store.put(key, random.nextInt(1_000));
                }
            }
            writeBehind.flushCache();

            assertThat(scanAll()).as("commit %d", commit).contains(storeContents());
            for (int r = 0; r < 8; r++) {
                int from = r * 60;
                KeyRange<WaveKey> range = new KeyRange<>(WaveKey.of(String.format("2025-%03d", from)),
                        WaveKey.of(String.format("2025-%03d", from + 40)));
                assertThat(derive(range, "total", total)).as("commit %d, range %s", commit, range)
                        .contains(total.apply(storeContents(range)));
            }
        }
    }

    @Test
    void keepsTheKeysItHoldsSoThatWhatTheyDecodedIsKept() {
        store.put(WaveKey.of("2025-05"), 5);
        writeBehind.flushCache();
        WaveKey held = scanAll().orElseThrow().get(0).key;

        for (int commit = 0; commit < 3; commit++) {
            store.put(WaveKey.of("2025-05"), 6 + commit);
            writeBehind.flushCache();
        }

        KeyValue<WaveKey, Integer> now = scanAll().orElseThrow().get(0);
        assertThat(now.value).isEqualTo(8);
        assertThat(now.key).isSameAs(held);
    }

    @Test
    void derivesFromEachCommitsEntriesOnceAndAgainAfterTheNextCommit() {
        AtomicInteger derivations = new AtomicInteger();
        Function<List<KeyValue<WaveKey, Integer>>, Integer> total = entries -> {
            derivations.incrementAndGet();
            return entries.stream().mapToInt(entry -> entry.value).sum();
        };
        store.put(WaveKey.of("2025-05"), 5);
        store.put(WaveKey.of("2025-06"), 6);
        assertThat(derive(KeyRange.all(), "total", total)).as("nothing committed yet").isEmpty();
        writeBehind.flushCache();

        assertThat(derive(KeyRange.all(), "total", total)).contains(11);
        assertThat(derive(KeyRange.all(), "total", total)).contains(11);
        assertThat(derivations).as("once per commit, range and derivation").hasValue(1);
        assertThat(derive(WaveKey.only("2025-06"), "total", total)).contains(6);
        assertThat(derive(KeyRange.all(), "another", total)).contains(11);
        assertThat(derivations).hasValue(3);

        store.put(WaveKey.of("2025-05"), 7);
        assertThat(derive(KeyRange.all(), "total", total)).as("until the next commit").contains(11);
        writeBehind.flushCache();
        assertThat(derive(KeyRange.all(), "total", total)).contains(13);
        assertThat(derivations).hasValue(4);
        assertThat(derive(WaveKey.only("2025-06"), "total", total)).as("a range the commit did not write").contains(6);
        assertThat(derivations).as("kept across the commit").hasValue(4);

        store.delete(WaveKey.of("2025-06"));
        writeBehind.flushCache();
        assertThat(derive(WaveKey.only("2025-06"), "total", total)).as("a range the commit deleted from").contains(0);
        assertThat(derivations).hasValue(5);

        views.invalidate(STORE, PARTITION);
        assertThat(derive(KeyRange.all(), "total", total)).as("no view to trust").isEmpty();
    }

    @Test
    void aStoreWrittenBeneathItsViewIsReadFromTheStoreUntilItsNextCommitLoadsItAgain() {
        store.put(WaveKey.of("2025-05"), 5);
        writeBehind.flushCache();

        // As restoration and standby updates do: straight into the store beneath.
        writeBehind.wrapped().put(WaveKey.of("2025-04"), 4);
        views.invalidate(STORE, PARTITION);
        assertThat(scanAll()).isEmpty();

        store.put(WaveKey.of("2025-06"), 6);
        writeBehind.flushCache();
        assertThat(scanAll()).contains(List.of(KeyValue.pair(WaveKey.of("2025-04"), 4),
                KeyValue.pair(WaveKey.of("2025-05"), 5), KeyValue.pair(WaveKey.of("2025-06"), 6)));
    }

    @Test
    void aStateChangeDropsEveryViewUntilItsNextCommit() {
        store.put(WaveKey.of("2025-05"), 5);
        writeBehind.flushCache();

        views.invalidateAll();
        assertThat(scanAll()).isEmpty();
        writeBehind.flushCache();
        assertThat(scanAll()).as("a commit with nothing to write loads nothing").isEmpty();

        store.put(WaveKey.of("2025-05"), 7);
        writeBehind.flushCache();
        assertThat(scanAll()).contains(List.of(KeyValue.pair(WaveKey.of("2025-05"), 7)));
    }

    @Test
    void aClosedOrReinitialisedStoreHasNoView() {
        store.put(WaveKey.of("2025-05"), 5);
        writeBehind.flushCache();

        store.init(context(), store);
        assertThat(scanAll()).as("initialised again (a task revived)").isEmpty();

        store.put(WaveKey.of("2025-06"), 6);
        writeBehind.flushCache();
        assertThat(scanAll()).isPresent();
        store.close();
        assertThat(scanAll()).as("closed (the task moved away)").isEmpty();
    }

    @Test
    void storesWithoutViewsInTheirConfigurationKeepNone() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "views-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        store.init(new MockProcessorContext<Void, Void>(config, new TaskId(0, PARTITION), stateDir).getStateStoreContext(), store);

        store.put(WaveKey.of("2025-05"), 5);
        writeBehind.flushCache();

        assertThat(scanAll()).isEmpty();
        assertThat(storeContents()).hasSize(1);
    }

    private <R> Optional<R> derive(KeyRange<WaveKey> range, Object how, Function<List<KeyValue<WaveKey, Integer>>, R> derive) {
        return AggregateVisibility.reading(PARTITION, () -> views.derive(STORE, PARTITION, range, how, derive));
    }

    private Optional<List<KeyValue<WaveKey, Integer>>> scanAll() {
        return AggregateVisibility.reading(PARTITION, () -> views.scan(STORE, PARTITION, KeyRange.<WaveKey>all()));
    }

    private List<KeyValue<WaveKey, Integer>> storeContents() {
        return storeContents(KeyRange.all());
    }

    // What the store beneath answers for the range, as an interactive range query would.
    private List<KeyValue<WaveKey, Integer>> storeContents(KeyRange<WaveKey> range) {
        try (var all = writeBehind.wrapped().all()) {
            List<KeyValue<WaveKey, Integer>> entries = new java.util.ArrayList<>();
            all.forEachRemaining(entry -> {
                if (range.contains(entry.key)) {
                    entries.add(entry);
                }
            });
            return entries;
        }
    }
}
