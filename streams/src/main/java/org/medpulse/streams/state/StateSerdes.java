package org.medpulse.streams.state;

import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The compact serdes of MedPulse's internal state: keys are their own bytes, values a versioned
 * binary form. None of them touches the schema registry, so changelog topics never register
 * subjects. Stateless and thread-safe: shared instances.
 */
public final class StateSerdes {

    private static final Serde<LatestKey> LATEST_KEY = keySerde(LatestKey::fromBytes);
    private static final Serde<CellKey> CELL_KEY = keySerde(CellKey::fromBytes);
    private static final Serde<ToolKey> TOOL_KEY = keySerde(ToolKey::fromBytes);
    private static final Serde<DayKey> DAY_KEY = keySerde(DayKey::fromBytes);
    private static final Serde<WaveKey> WAVE_KEY = keySerde(WaveKey::fromBytes);
    private static final Serde<LatestResponse> LATEST_RESPONSE =
            valueSerde(LatestResponse::toBytes, LatestResponse::fromBytes);
    private static final Serde<UsageCounts> USAGE_COUNTS = valueSerde(UsageCounts::toBytes, UsageCounts::fromBytes);
    private static final Serde<BarrierCounts> BARRIER_COUNTS =
            valueSerde(BarrierCounts::toBytes, BarrierCounts::fromBytes);
    private static final Serde<DriverCounts> DRIVER_COUNTS = valueSerde(DriverCounts::toBytes, DriverCounts::fromBytes);
    private static final Serde<ToolCounts> TOOL_COUNTS = valueSerde(ToolCounts::toBytes, ToolCounts::fromBytes);
    private static final Serde<WaveSummary> WAVE_SUMMARY = valueSerde(WaveSummary::toBytes, WaveSummary::fromBytes);

    private StateSerdes() {
    }

    public static Serde<LatestKey> latestKey() {
        return LATEST_KEY;
    }

    public static Serde<CellKey> cellKey() {
        return CELL_KEY;
    }

    public static Serde<ToolKey> toolKey() {
        return TOOL_KEY;
    }

    public static Serde<DayKey> dayKey() {
        return DAY_KEY;
    }

    /** Wave ids, as UTF-8 (byte order is code-point order). */
    public static Serde<WaveKey> waveKey() {
        return WAVE_KEY;
    }

    public static Serde<LatestResponse> latestResponse() {
        return LATEST_RESPONSE;
    }

    public static Serde<UsageCounts> usageCounts() {
        return USAGE_COUNTS;
    }

    public static Serde<BarrierCounts> barrierCounts() {
        return BARRIER_COUNTS;
    }

    public static Serde<DriverCounts> driverCounts() {
        return DRIVER_COUNTS;
    }

    public static Serde<ToolCounts> toolCounts() {
        return TOOL_COUNTS;
    }

    public static Serde<WaveSummary> waveSummary() {
        return WAVE_SUMMARY;
    }

    private static <K extends OrderedKey> Serde<K> keySerde(Function<byte[], K> wrap) {
        return Serdes.serdeFrom((topic, key) -> key == null ? null : key.bytes(),
                (topic, bytes) -> bytes == null ? null : wrap.apply(bytes));
    }

    private static <V> Serde<V> valueSerde(Function<V, byte[]> encode, Function<byte[], V> decode) {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : encode.apply(value),
                (topic, bytes) -> bytes == null ? null : decode.apply(bytes));
    }
}
