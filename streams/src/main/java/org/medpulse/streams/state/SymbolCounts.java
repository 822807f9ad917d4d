package org.medpulse.streams.state;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Counts per symbol of an enum, kept as arrays indexed by ordinal (a response's contribution is
 * added to an aggregate several times per response, so no maps on that path), and written out by
 * symbol name, so that an instance of another version reads them right or fails loudly.
 */
final class SymbolCounts {

    private SymbolCounts() {
    }

    /** {@code left + sign * right}, element by element, in a new array. */
    static long[] add(long[] left, long[] right, int sign) {
        long[] sum = left.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += sign * right[i];
        }
        return sum;
    }

    static boolean allZero(long[] counts) {
        for (long count : counts) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }

    /** The non-zero counts by symbol name, in symbol order. */
    static <E extends Enum<E>> Map<String, Long> byName(E[] symbols, long[] counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        for (E symbol : symbols) {
            long count = counts[symbol.ordinal()];
            if (count != 0) {
                named.put(symbol.name(), count);
            }
        }
        return named;
    }

    /** Every symbol's count, zeros included, in symbol order. */
    static <E extends Enum<E>> Map<E, Long> bySymbol(E[] symbols, long[] counts, Class<E> type) {
        Map<E, Long> all = new EnumMap<>(type);
        for (E symbol : symbols) {
            all.put(symbol, counts[symbol.ordinal()]);
        }
        return all;
    }

    /** The inverse of {@link #byName}; an unknown symbol fails ({@code valueOf}). */
    static <E extends Enum<E>> long[] fromNames(Map<String, Long> named, Function<String, E> symbol, int size) {
        long[] counts = new long[size];
        if (named != null) {
            named.forEach((name, count) -> counts[symbol.apply(name).ordinal()] += count);
        }
        return counts;
    }
}
