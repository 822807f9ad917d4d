package org.medpulse.streams.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.streams.state.BarrierCounts;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.Count;
import org.medpulse.streams.state.DayKey;
import org.medpulse.streams.state.DriverCounts;
import org.medpulse.streams.state.LatestKey;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.ToolKey;
import org.medpulse.streams.state.UsageCounts;
import org.medpulse.streams.state.WaveKey;
import org.medpulse.streams.state.WaveSummary;

/**
 * Every store's content in a plain shape that a reference model can build without the
 * topology's own arithmetic: keys as {@code a|b|c} strings, counts as flat maps without zeros
 * ({@code respondents}, {@code frequency.DAILY}, {@code useCase.DIAGNOSIS}, {@code barrier.COST},
 * {@code users}...). Reading a store that spans partitions sums the partial values of each key,
 * as the query API does; a latest response found in two partitions is an error. Each count
 * {@code name} comes with {@code name#key}, its respondents' key sum.
 */
public record StoreContents(Map<String, LatestResponse> latest, Map<String, Map<String, Integer>> usageByWave,
        Map<String, Map<String, Integer>> barriersByWave, Map<String, Map<String, Integer>> driversByWave,
        Map<String, Map<String, Integer>> toolsByWave,
        Map<String, Map<String, Integer>> usageByDay, Map<String, WaveSummary> waves) {

    /** The suffix of a count's key sum in the flat maps. */
    public static final String KEY_SUM = "#key";

    /** Reads the stores {@code stores} returns by name (a TopologyTestDriver's or an instance's). */
    @SuppressWarnings("unchecked")
    public static StoreContents read(Function<String, ReadOnlyKeyValueStore<?, ?>> stores) {
        Map<String, LatestResponse> latest = new TreeMap<>();
        forEach((ReadOnlyKeyValueStore<LatestKey, LatestResponse>) stores.apply(SurveyStores.RESPONSES_LATEST),
                (key, value) -> {
                    if (latest.put(key.toString(), value) != null) {
                        throw new AssertionError("Latest response of " + key + " held by two partitions");
                    }
                });
        Map<String, Map<String, Integer>> usageByWave = new TreeMap<>();
        forEach((ReadOnlyKeyValueStore<CellKey, UsageCounts>) stores.apply(SurveyStores.USAGE_BY_WAVE.name()),
                (key, value) -> sum(usageByWave, key.toString(), flat(value)));
        Map<String, Map<String, Integer>> barriers = new TreeMap<>();
        forEach((ReadOnlyKeyValueStore<CellKey, BarrierCounts>) stores.apply(SurveyStores.BARRIERS_BY_WAVE.name()),
                (key, value) -> sum(barriers, key.toString(), flat(value)));
        Map<String, Map<String, Integer>> drivers = new TreeMap<>();
        forEach((ReadOnlyKeyValueStore<CellKey, DriverCounts>) stores.apply(SurveyStores.DRIVERS_BY_WAVE.name()),
                (key, value) -> sum(drivers, key.toString(), flat(value)));
        Map<String, Map<String, Integer>> tools = new TreeMap<>();
        forEach((ReadOnlyKeyValueStore<ToolKey, ToolCounts>) stores.apply(SurveyStores.TOOLS_BY_WAVE.name()),
                (key, value) -> sum(tools, key.toString(), flat(value)));
        Map<String, Map<String, Integer>> usageByDay = new TreeMap<>();
        forEach((ReadOnlyKeyValueStore<DayKey, UsageCounts>) stores.apply(SurveyStores.USAGE_BY_DAY.name()),
                (key, value) -> sum(usageByDay, key.toString(), flat(value)));
        Map<String, WaveSummary> waves = new TreeMap<>();
        forEach((ReadOnlyKeyValueStore<WaveKey, WaveSummary>) stores.apply(SurveyStores.WAVES.name()),
                (wave, summary) -> waves.merge(wave.wave(), summary, WaveSummary::plus));
        return new StoreContents(latest, usageByWave, barriers, drivers, tools, usageByDay, waves);
    }

    /** The same contents without key sums, for tests that spell counts out. */
    public StoreContents countsOnly() {
        Map<String, WaveSummary> summaries = new TreeMap<>();
        waves.forEach((wave, summary) -> summaries.put(wave, new WaveSummary(summary.respondents(), 0,
                summary.firstSubmittedAtMillis(), summary.lastSubmittedAtMillis())));
        return new StoreContents(latest, countsOnly(usageByWave), countsOnly(barriersByWave), countsOnly(driversByWave),
                countsOnly(toolsByWave), countsOnly(usageByDay), summaries);
    }

    private static Map<String, Map<String, Integer>> countsOnly(Map<String, Map<String, Integer>> store) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        store.forEach((key, flat) -> {
            Map<String, Integer> kept = new TreeMap<>(flat);
            kept.keySet().removeIf(name -> name.endsWith(KEY_SUM));
            counts.put(key, kept);
        });
        return counts;
    }

    /**
     * What differs from {@code expected}, store by store, with a few examples: empty when equal.
     * Readable where a failed equality of two large snapshots is not.
     */
    public List<String> differencesFrom(StoreContents expected) {
        List<String> differences = new ArrayList<>();
        compare("responses-latest", latest, expected.latest, differences);
        compare("usage-by-wave", usageByWave, expected.usageByWave, differences);
        compare("barriers-by-wave", barriersByWave, expected.barriersByWave, differences);
        compare("drivers-by-wave", driversByWave, expected.driversByWave, differences);
        compare("tools-by-wave", toolsByWave, expected.toolsByWave, differences);
        compare("usage-by-day", usageByDay, expected.usageByDay, differences);
        compare("waves", waves, expected.waves, differences);
        return differences;
    }

    private static <V> void compare(String store, Map<String, V> actual, Map<String, V> expected,
            List<String> differences) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> different = new ArrayList<>();
        expected.forEach((key, value) -> {
            if (!actual.containsKey(key)) {
                missing.add(key);
            } else if (!actual.get(key).equals(value)) {
                different.add(key + ": expected " + value + " but was " + actual.get(key));
            }
        });
        actual.keySet().stream().filter(key -> !expected.containsKey(key)).forEach(unexpected::add);
        if (!missing.isEmpty() || !unexpected.isEmpty() || !different.isEmpty()) {
            differences.add(String.format("%s (%d keys, expected %d): %d missing %s, %d unexpected %s, %d different %s",
                    store, actual.size(), expected.size(), missing.size(), first(missing), unexpected.size(),
                    first(unexpected), different.size(), first(different)));
        }
    }

    private static List<String> first(List<String> items) {
        return items.subList(0, Math.min(3, items.size()));
    }

    private static <K, V> void forEach(ReadOnlyKeyValueStore<K, V> store, BiConsumer<K, V> action) {
        try (KeyValueIterator<K, V> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<K, V> next = all.next();
                action.accept(next.key, next.value);
            }
        }
    }

    private static void sum(Map<String, Map<String, Integer>> into, String key, Map<String, Integer> counts) {
        Map<String, Integer> existing = into.computeIfAbsent(key, k -> new TreeMap<>());
        counts.forEach((name, count) -> existing.merge(name, count, Integer::sum));
        existing.values().removeIf(c -> c == 0);
    }

    static Map<String, Integer> flat(UsageCounts counts) {
        Map<String, Integer> flat = new TreeMap<>();
        put(flat, "respondents", counts.respondentCount());
        for (UsageFrequency frequency : UsageFrequency.values()) {
            put(flat, "frequency." + frequency, counts.frequencyCount(frequency));
        }
        for (UseCase useCase : UseCase.values()) {
            put(flat, "useCase." + useCase, counts.useCaseCount(useCase));
            put(flat, "expected." + useCase, counts.expectedFutureUseCaseCount(useCase));
        }
        return flat;
    }

    static Map<String, Integer> flat(BarrierCounts counts) {
        Map<String, Integer> flat = new TreeMap<>();
        put(flat, "respondents", counts.respondentCount());
        for (Barrier barrier : Barrier.values()) {
            put(flat, "barrier." + barrier, counts.barrierCount(barrier));
        }
        return flat;
    }

    static Map<String, Integer> flat(DriverCounts counts) {
        Map<String, Integer> flat = new TreeMap<>();
        put(flat, "asked", counts.askedCount());
        for (MarketDriver driver : MarketDriver.values()) {
            put(flat, "driver." + driver, counts.driverCount(driver));
        }
        return flat;
    }

    static Map<String, Integer> flat(ToolCounts counts) {
        Map<String, Integer> flat = new TreeMap<>();
        put(flat, "users", counts.users());
        put(flat, "regularUsers", counts.regularUsers());
        return flat;
    }

    private static void put(Map<String, Integer> flat, String name, Count count) {
        if (count.n() != 0) {
            flat.put(name, Math.toIntExact(count.n()));
            flat.put(name + KEY_SUM, count.keySum());
        }
    }
}
