package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.streams.query.CellSums;
import org.medpulse.streams.query.MergedStores;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.state.AggregateViews;
import org.medpulse.streams.state.Cell;
import org.medpulse.streams.state.Count;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.ToolKey;
import org.medpulse.streams.state.WriteBehindKeyValueStore;

/**
 * Sums kept up to date by commits are, after every commit, the sums derived afresh from what the
 * partitions' stores hold, under every filter and for every range asked, whatever the commits
 * write (a few keys or hundreds, new keys, changed ones, deletes) and whichever partition they
 * write; and a change of the views drops them.
 */
class LiveSumsTest {

    private static final List<Integer> PARTITIONS = List.of(0, 1, 2);
    private static final List<String> WAVES = List.of("2025-04", "2025-05", "2025-06");
    private static final List<String> TOOLS = List.of("chatgpt", "nabla", "posos", "lifen");
    private static final List<String> PARTNERS = List.of("acme", "medica", "santé-plus");

    @TempDir
    File stateDir;

    private final AggregateViews views = new AggregateViews();
    private final LiveSums live = new LiveSums(views);
    private final List<KeyValueStore<ToolKey, ToolCounts>> stores = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(16);

    @BeforeEach
    void init() {
        views.listen(live);
        for (int partition : PARTITIONS) {
            KeyValueStore<ToolKey, ToolCounts> store = SurveyStores.TOOLS_BY_WAVE.builder().withLoggingDisabled().build();
            store.init(context(partition), store);
            stores.add(store);
        }
    }

    private StateStoreContext context(int partition) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "live-sums-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(AggregateViews.CONFIG, views);
        return new MockProcessorContext<Void, Void>(config, new TaskId(0, partition), new File(stateDir, "p" + partition))
                .getStateStoreContext();
    }

    @Test
    void sumsFollowEveryCommitAsIfDerivedAfresh() {
        afterEachOfRandomCommits(commit -> {
            for (String wave : WAVES) {
                assertSameAsDerived(ToolKey.ofWave(wave));
            }
        });
        assertThat(live.ranges()).as("each wave's range kept, not made again").isEqualTo(WAVES.size());
    }

    @Test
    void smallScansFollowEveryCommitAsIfMergedAfresh() {
        afterEachOfRandomCommits(commit -> {
            for (String tool : TOOLS) {
                KeyRange<ToolKey> range = ToolKey.ofWaveAndTool("2025-05", tool);
                assertThat(live.scan(SurveyStores.TOOLS_BY_WAVE, range, Set.copyOf(PARTITIONS)))
                        .as("%s after commit %d", range, commit).contains(mergedContents(range));
            }
        });
        assertThat(live.scan(SurveyStores.TOOLS_BY_WAVE, ToolKey.ofWave("2025-05"), Set.copyOf(PARTITIONS)))
                .as("a range of more than %d entries is merged per read", LiveSums.MAX_SCANNED).isEmpty();
    }

    @Test
    void aChangeOfTheViewsDropsTheSumsAndTheyAreMadeAgain() {
        for (int partition : PARTITIONS) {
            write(partition, 100);
        }
        assertSameAsDerived(ToolKey.ofWave("2025-05"));
        assertThat(live.ranges()).isOne();

        views.invalidateAll();
        assertThat(live.ranges()).isZero();

        for (int partition : PARTITIONS) {
            write(partition, 20); // each view is loaded again at its commit
        }
        assertSameAsDerived(ToolKey.ofWave("2025-05"));
        write(1, 5);
        assertSameAsDerived(ToolKey.ofWave("2025-05"));
    }

    @Test
    void aPartitionWithoutViewGivesNoSums() {
        write(0, 50);
        write(1, 50);
        // Partition 2 never committed: it has no view.
        assertThat(live.sums(SurveyStores.TOOLS_BY_WAVE, ToolKey.ofWave("2025-05"), ToolKey.BY_TOOL, Set.copyOf(PARTITIONS))).isEmpty();
        assertThat(live.ranges()).isZero();
    }

    // A first commit on every partition (so that each has a view), then 300 commits of random
    // partitions, mostly of a few keys, sometimes of hundreds, each followed by {@code check}.
    private void afterEachOfRandomCommits(IntConsumer check) {
        for (int partition : PARTITIONS) {
            write(partition, 200);
        }
        for (int commit = 0; commit < 300; commit++) {
            int partition = PARTITIONS.get(random.nextInt(PARTITIONS.size()));
            write(partition, random.nextInt(10) == 0 ? 300 : 1 + random.nextInt(5));
            check.accept(commit);
        }
    }

    private void assertSameAsDerived(KeyRange<ToolKey> range) {
        CellSums<String, ToolCounts> expected = CellSums.of(storeContents(range), ToolKey.BY_TOOL);
        CellSums<String, ToolCounts> actual = live.sums(SurveyStores.TOOLS_BY_WAVE, range, ToolKey.BY_TOOL, Set.copyOf(PARTITIONS)).orElseThrow();
        for (SurveyFilter filter : filters()) {
            assertThat(actual.sums(filter)).as("%s under %s", range, filter).isEqualTo(expected.sums(filter));
        }
    }

    // What the stores beneath hold in the range, each key once with the partitions' values merged, in key order.
    private List<KeyValue<ToolKey, ToolCounts>> mergedContents(KeyRange<ToolKey> range) {
        List<KeyValue<ToolKey, ToolCounts>> merged = List.of();
        for (KeyValueStore<ToolKey, ToolCounts> store : stores) {
            KeyValueStore<ToolKey, ToolCounts> beneath = ((WriteBehindKeyValueStore<ToolKey, ToolCounts>) store).wrapped();
            List<KeyValue<ToolKey, ToolCounts>> entries = new ArrayList<>();
            try (KeyValueIterator<ToolKey, ToolCounts> all = beneath.all()) {
                all.forEachRemaining(entry -> {
                    if (range.contains(entry.key)) {
                        entries.add(entry);
                    }
                });
            }
            entries.sort((a, b) -> a.key.compareTo(b.key));
            merged = MergedStores.merge(merged, entries);
        }
        return merged;
    }

    // What the stores beneath hold in the range, every partition's entries (a key may be in several).
    private List<KeyValue<ToolKey, ToolCounts>> storeContents(KeyRange<ToolKey> range) {
        List<KeyValue<ToolKey, ToolCounts>> entries = new ArrayList<>();
        for (KeyValueStore<ToolKey, ToolCounts> store : stores) {
            KeyValueStore<ToolKey, ToolCounts> beneath = ((WriteBehindKeyValueStore<ToolKey, ToolCounts>) store).wrapped();
            try (KeyValueIterator<ToolKey, ToolCounts> all = beneath.all()) {
                all.forEachRemaining(entry -> {
                    if (range.contains(entry.key)) {
                        entries.add(entry);
                    }
                });
            }
        }
        return entries;
    }

    // Random puts (new counts, or counts changed up or down) and deletes, then the commit.
    private void write(int partition, int keys) {
        KeyValueStore<ToolKey, ToolCounts> store = stores.get(partition);
        for (int i = 0; i < keys; i++) {
            ToolKey key = ToolKey.of(pick(WAVES), pick(TOOLS), new Cell(pick(PARTNERS),
                    pick(List.of(PracticeType.values())), pick(List.of(PracticeSetting.values()))));
            if (random.nextInt(6) == 0) {
                store.delete(key);
            } else {
                long users = 1 + random.nextInt(40);
                store.put(key, new ToolCounts(new Count(users, random.nextInt()), new Count(random.nextInt((int) users + 1), random.nextInt())));
            }
        }
        ((WriteBehindKeyValueStore<ToolKey, ToolCounts>) store).flushCache();
    }

    private List<SurveyFilter> filters() {
        List<SurveyFilter> filters = new ArrayList<>();
        List<String> partners = new ArrayList<>(PARTNERS);
        partners.add(null);
        partners.add("nobody");
        for (String partner : partners) {
            List<PracticeType> types = new ArrayList<>(List.of(PracticeType.values()));
            types.add(null);
            for (PracticeType type : types) {
                List<PracticeSetting> settings = new ArrayList<>(List.of(PracticeSetting.values()));
                settings.add(null);
                for (PracticeSetting setting : settings) {
                    filters.add(SurveyFilter.of(partner, type, setting));
                }
            }
        }
        return filters;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
