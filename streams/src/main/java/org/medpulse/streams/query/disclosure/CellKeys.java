package org.medpulse.streams.query.disclosure;

/**
 * Converts integer cell keys into the unit interval used by the table lookup. A cell key is the sum of
 * its records' keys modulo a base (SuperSTAR's {@code BigN}); dividing by the base turns it into a
 * uniform number in [0, 1), as {@code cellKey} and Tau-Argus use (their record keys are already
 * fractions and the cell key is the fractional part of their sum).
 */
public final class CellKeys {

    /** Base for 32-bit record keys summed with wrap-around. */
    public static final long BASE_2_32 = 1L << 32;

    /** Largest base for which every key / base is exactly representable and below 1. */
    public static final long MAX_BASE = 1L << 53;

    private CellKeys() {}

    /**
     * @param keySum sum of record keys, taken modulo {@code base} (negative sums included)
     * @param base the modulus, 1..2^53
     * @return {@code (keySum mod base) / base}, in [0, 1)
     */
    public static double toUnitInterval(long keySum, long base) {
        if (base < 1 || base > MAX_BASE) {
            throw new IllegalArgumentException("base must be between 1 and 2^53, was " + base);
        }
        return Math.floorMod(keySum, base) / (double) base;
    }

    /** A cell key accumulated as an {@code int} with wrap-around, i.e. modulo 2^32. */
    public static double fromUnsigned32(int keySum) {
        return toUnitInterval(Integer.toUnsignedLong(keySum), BASE_2_32);
    }
}
