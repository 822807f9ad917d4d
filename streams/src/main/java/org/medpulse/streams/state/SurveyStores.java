package org.medpulse.streams.state;

import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state stores of the survey topology. Their names are part of the query API.
 *
 * <p>Aggregates are kept where the responses arrive, partitioned like the input topic (by
 * respondent): each partition's store holds the partial aggregate of its own respondents and a
 * reader sums the values of one key across partitions. A respondent lives in exactly one
 * partition, so the sums are exact, and no response ever crosses a repartition topic.
 */
public final class SurveyStores {

    /** {@link LatestKey} → {@link LatestResponse}: each respondent's latest response per wave. */
    public static final String RESPONSES_LATEST = "responses-latest";
    /** {@link CellKey} → {@link UsageCounts}. */
    public static final String USAGE_BY_WAVE = "usage-by-wave";
    /** {@link CellKey} → {@link BarrierCounts}. */
    public static final String BARRIERS_BY_WAVE = "barriers-by-wave";
    /** {@link ToolKey} → {@link ToolCounts}. */
    public static final String TOOLS_BY_WAVE = "tools-by-wave";
    /** {@link DayKey} → {@link UsageCounts}. */
    public static final String USAGE_BY_DAY = "usage-by-day";
    /** wave id (String) → {@link WaveSummary}. */
    public static final String WAVES = "waves";
    /**
     * Global store: tool id → catalogue entry JSON, as read from the {@code tool-catalogue} topic
     * (operators' additions; the built-in catalogue is not in it).
     */
    public static final String TOOL_CATALOGUE = "tool-catalogue";

    /** The partitioned stores, in the order above. */
    public static final List<String> AGGREGATES = List.of(RESPONSES_LATEST, USAGE_BY_WAVE, BARRIERS_BY_WAVE,
            TOOLS_BY_WAVE, USAGE_BY_DAY, WAVES);

    /** Every store an instance must be able to serve before it is ready. */
    public static final List<String> ALL = List.of(RESPONSES_LATEST, USAGE_BY_WAVE, BARRIERS_BY_WAVE, TOOLS_BY_WAVE,
            USAGE_BY_DAY, WAVES, TOOL_CATALOGUE);

    // Aggregate keys a task keeps in hand between commits: waves x cells (x days, x tools).
    private static final int AGGREGATE_KEYS_RETAINED = 100_000;

    private SurveyStores() {
    }

    /**
     * Not cached: nearly every response has a key of its own (one per respondent and wave), so a
     * record cache would only add lookups and evictions, and crowd the aggregates out of it.
     */
    public static StoreBuilder<KeyValueStore<LatestKey, LatestResponse>> responsesLatest() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESPONSES_LATEST), StateSerdes.latestKey(),
                StateSerdes.latestResponse());
    }

    public static StoreBuilder<KeyValueStore<CellKey, UsageCounts>> usageByWave() {
        return aggregate(USAGE_BY_WAVE, StateSerdes.cellKey(), StateSerdes.usageCounts());
    }

    public static StoreBuilder<KeyValueStore<CellKey, BarrierCounts>> barriersByWave() {
        return aggregate(BARRIERS_BY_WAVE, StateSerdes.cellKey(), StateSerdes.barrierCounts());
    }

    public static StoreBuilder<KeyValueStore<ToolKey, ToolCounts>> toolsByWave() {
        return aggregate(TOOLS_BY_WAVE, StateSerdes.toolKey(), StateSerdes.toolCounts());
    }

    public static StoreBuilder<KeyValueStore<DayKey, UsageCounts>> usageByDay() {
        return aggregate(USAGE_BY_DAY, StateSerdes.dayKey(), StateSerdes.usageCounts());
    }

    public static StoreBuilder<KeyValueStore<String, WaveSummary>> waves() {
        return aggregate(WAVES, StateSerdes.wave(), StateSerdes.waveSummary());
    }

    /** Restored from the {@code tool-catalogue} topic itself, so it has no changelog of its own. */
    public static StoreBuilder<KeyValueStore<String, String>> toolCatalogue() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TOOL_CATALOGUE), Serdes.String(),
                Serdes.String()).withLoggingDisabled();
    }

    /*
     * Aggregates live in memory: their size depends on waves x cells x days x tools, not on the
     * number of respondents (a few thousand keys per wave), they are updated several times per
     * response, and their changelogs restore them in moments. RocksDB, with its bounded memory,
     * is kept for responses-latest, which grows with the panel. The write-behind layer lets the
     * many updates an aggregate key receives between two commits reach the store and its
     * changelog once; Kafka Streams' record cache would only repeat that work beneath it.
     */
    private static <K, V> StoreBuilder<KeyValueStore<K, V>> aggregate(String name, Serde<K> keys, Serde<V> values) {
        return new WriteBehindStoreBuilder<>(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values).withCachingDisabled(),
                AGGREGATE_KEYS_RETAINED);
    }
}
