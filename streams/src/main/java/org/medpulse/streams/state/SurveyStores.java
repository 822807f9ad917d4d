package org.medpulse.streams.state;

import java.util.List;

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
    public static final Aggregate<CellKey, UsageCounts> USAGE_BY_WAVE =
            new Aggregate<>("usage-by-wave", StateSerdes.cellKey(), StateSerdes.usageCounts());
    public static final Aggregate<CellKey, BarrierCounts> BARRIERS_BY_WAVE =
            new Aggregate<>("barriers-by-wave", StateSerdes.cellKey(), StateSerdes.barrierCounts());
    public static final Aggregate<CellKey, DriverCounts> DRIVERS_BY_WAVE =
            new Aggregate<>("drivers-by-wave", StateSerdes.cellKey(), StateSerdes.driverCounts());
    public static final Aggregate<ToolKey, ToolCounts> TOOLS_BY_WAVE =
            new Aggregate<>("tools-by-wave", StateSerdes.toolKey(), StateSerdes.toolCounts());
    public static final Aggregate<DayKey, UsageCounts> USAGE_BY_DAY =
            new Aggregate<>("usage-by-day", StateSerdes.dayKey(), StateSerdes.usageCounts());
    public static final Aggregate<WaveKey, WaveSummary> WAVES =
            new Aggregate<>("waves", StateSerdes.waveKey(), StateSerdes.waveSummary());
    /**
     * Global store: tool id → catalogue entry JSON, as read from the {@code tool-catalogue} topic
     * (operators' additions; the built-in catalogue is not in it).
     */
    public static final String TOOL_CATALOGUE = "tool-catalogue";

    /** The aggregates, every one the read side may scan. */
    public static final List<Aggregate<?, ?>> AGGREGATES = List.of(USAGE_BY_WAVE, BARRIERS_BY_WAVE, DRIVERS_BY_WAVE,
            TOOLS_BY_WAVE, USAGE_BY_DAY, WAVES);

    /** Every store an instance must be able to serve before it is ready. */
    public static final List<String> ALL = List.of(RESPONSES_LATEST, USAGE_BY_WAVE.name(), BARRIERS_BY_WAVE.name(),
            DRIVERS_BY_WAVE.name(), TOOLS_BY_WAVE.name(), USAGE_BY_DAY.name(), WAVES.name(), TOOL_CATALOGUE);

    private SurveyStores() {
    }

    /**
     * Not cached: nearly every response has a key of its own (one per respondent and wave), so a
     * record cache would only add lookups and evictions.
     */
    public static StoreBuilder<KeyValueStore<LatestKey, LatestResponse>> responsesLatest() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESPONSES_LATEST), StateSerdes.latestKey(),
                StateSerdes.latestResponse());
    }

    /** Restored from the {@code tool-catalogue} topic itself, so it has no changelog of its own. */
    public static StoreBuilder<KeyValueStore<String, String>> toolCatalogue() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TOOL_CATALOGUE), Serdes.String(),
                Serdes.String()).withLoggingDisabled();
    }
}
