package org.medpulse.streams.state;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape shared by the counts of a multiple-choice question (barriers, market drivers): a row of
 * {@link Tallies} holding the respondents at position 0 and one count per symbol of {@code E} after
 * it, each with its key sum; and how that row travels between instances, as {@code [n, keySum]}
 * pairs by symbol name with zeros left out. Immutable.
 */
final class Choices<E extends Enum<E>> {

    private static final int FIRST_SYMBOL = 1;

    private final Class<E> type;
    private final E[] symbols;

    Choices(Class<E> type) {
        this.type = type;
        this.symbols = type.getEnumConstants();
    }

    int size() {
        return FIRST_SYMBOL + symbols.length;
    }

    Tallies zeros() {
        return Tallies.zeros(size());
    }

    /** One respondent (record key {@code key}) who chose {@code chosen}. */
    Tallies one(Collection<E> chosen, int key) {
        int[] positions = new int[1 + chosen.size()];
        int next = 0;
        positions[next++] = 0;
        for (E symbol : chosen) {
            positions[next++] = FIRST_SYMBOL + symbol.ordinal();
        }
        return Tallies.one(size(), key, positions);
    }

    Count count(Tallies tallies, E symbol) {
        return tallies.count(FIRST_SYMBOL + symbol.ordinal());
    }

    /** Every symbol's count, zeros included. */
    Map<E, Long> all(Tallies tallies) {
        Map<E, Long> all = new EnumMap<>(type);
        for (E symbol : symbols) {
            all.put(symbol, tallies.n(FIRST_SYMBOL + symbol.ordinal()));
        }
        return all;
    }

    /** The symbols' counts as they travel: named, zeros left out. */
    Map<String, List<Long>> toJson(Tallies tallies) {
        Map<String, List<Long>> named = new LinkedHashMap<>();
        for (E symbol : symbols) {
            Tallies.putIfCounted(named, symbol.name(), count(tallies, symbol));
        }
        return named;
    }

    Tallies fromJson(List<Long> respondents, Map<String, List<Long>> named) {
        Tallies.Builder tallies = Tallies.builder(size()).set(0, respondents);
        Tallies.named(named).forEach((name, pair) -> tallies.set(FIRST_SYMBOL + Enum.valueOf(type, name).ordinal(), pair));
        return tallies.build();
    }

    /** A row of format 1, written before key sums: the respondents, then the symbols' counts. */
    Tallies readWithoutKeys(CompactReader in) {
        long[] counts = new long[size()];
        counts[0] = in.readVarLong();
        System.arraycopy(in.readCounts(symbols.length), 0, counts, FIRST_SYMBOL, symbols.length);
        return Tallies.withoutKeys(counts);
    }
}
