package org.medpulse.streams.state;

import java.util.function.Function;

/**
 * Key of {@code tools-by-wave}: {@code wave 0x00 tool 0x00 partner 0x00 practiceType 0x00 setting}.
 * Tool before cell, so both "every tool of a wave" and "one tool in a wave" (a trend point) are
 * ranges.
 */
public final class ToolKey extends OrderedKey implements CellKeyed {

    // Every tools answer asks each partition for this range: one instance per wave (see Interned).
    private static final Interned<String, KeyRange<ToolKey>> WAVES =
            Interned.upTo(MAX_INTERNED_RANGES, wave -> new KeyRange<>(new ToolKey(rangeStart(wave)), new ToolKey(rangeEnd(wave))));

    /**
     * Keys grouped by their tool: one instance, since what is summed per group is remembered under
     * the grouping (see the query layer's {@code PartitionStores.sums}).
     */
    public static final Function<ToolKey, String> BY_TOOL = ToolKey::tool;

    private ToolKey(byte[] bytes) {
        super(bytes);
    }

    public static ToolKey of(String wave, String tool, Cell cell) {
        return new ToolKey(encode(wave, tool, cell.partner(), cell.practiceType().name(), cell.setting().name()));
    }

    public static ToolKey fromBytes(byte[] bytes) {
        return new ToolKey(bytes);
    }

    /** Every tool of every cell of {@code wave}. */
    public static KeyRange<ToolKey> ofWave(String wave) {
        return WAVES.get(wave);
    }

    /** {@code tool} (a catalogue id or unknown slug) in every cell of {@code wave}. */
    public static KeyRange<ToolKey> ofWaveAndTool(String wave, String tool) {
        return new KeyRange<>(new ToolKey(rangeStart(wave, tool)), new ToolKey(rangeEnd(wave, tool)));
    }

    public String wave() {
        return component(0);
    }

    public String tool() {
        return component(1);
    }

    @Override
    public Cell cell() {
        return cellFrom(2);
    }
}
