package org.medpulse.streams.state;


/**
 * Key of {@code usage-by-wave} and {@code barriers-by-wave}:
 * {@code wave 0x00 partner 0x00 practiceType 0x00 setting} (enum symbols by name). All cells of a
 * wave, or of one partner in a wave, are one range.
 */
public final class CellKey extends OrderedKey implements CellKeyed {

    // Every answer about a wave asks each partition for this range: one instance per wave (see Interned).
    private static final Interned<String, KeyRange<CellKey>> WAVES =
            Interned.upTo(MAX_INTERNED_RANGES, wave -> new KeyRange<>(new CellKey(rangeStart(wave)), new CellKey(rangeEnd(wave))));

    private CellKey(byte[] bytes) {
        super(bytes);
    }

    public static CellKey of(String wave, Cell cell) {
        return new CellKey(encode(wave, cell.partner(), cell.practiceType().name(), cell.setting().name()));
    }

    public static CellKey fromBytes(byte[] bytes) {
        return new CellKey(bytes);
    }

    /** Every cell of {@code wave}. */
    public static KeyRange<CellKey> ofWave(String wave) {
        return WAVES.get(wave);
    }

    /** Every cell of {@code partner} in {@code wave}. */
    public static KeyRange<CellKey> ofWaveAndPartner(String wave, String partner) {
        return new KeyRange<>(new CellKey(rangeStart(wave, partner)), new CellKey(rangeEnd(wave, partner)));
    }

    public String wave() {
        return component(0);
    }

    @Override
    public Cell cell() {
        return cellFrom(1);
    }
}
