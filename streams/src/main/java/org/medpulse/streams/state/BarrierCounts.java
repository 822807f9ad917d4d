package org.medpulse.streams.state;

import java.util.Arrays;
import java.util.Map;

import org.medpulse.avro.Barrier;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Value of {@code barriers-by-wave}, and the barrier part of answers: over some latest responses,
 * the respondents and the count per barrier (a barrier named twice in one response counts once).
 * Immutable; {@link #plus} merges the counts of disjoint respondents.
 */
public final class BarrierCounts implements Counts<BarrierCounts> {

    private static final Barrier[] BARRIERS = Barrier.values();
    private static final int FORMAT = 1;

    public static final BarrierCounts EMPTY = new BarrierCounts(0, new long[BARRIERS.length]);

    private final long respondents;
    private final long[] barriers;

    private BarrierCounts(long respondents, long[] barriers) {
        this.respondents = respondents;
        this.barriers = barriers;
    }

    public static BarrierCounts of(LatestResponse response) {
        long[] barriers = new long[BARRIERS.length];
        response.barriers().forEach(b -> barriers[b.ordinal()] = 1);
        return new BarrierCounts(1, barriers);
    }

    @JsonCreator
    static BarrierCounts fromJson(@JsonProperty("respondents") long respondents,
                                  @JsonProperty("barriers") Map<String, Long> barriers) {
        return new BarrierCounts(respondents, SymbolCounts.fromNames(barriers, Barrier::valueOf, BARRIERS.length));
    }

    @Override
    public BarrierCounts plus(BarrierCounts other) {
        return new BarrierCounts(respondents + other.respondents, SymbolCounts.add(barriers, other.barriers, 1));
    }

    @Override
    public BarrierCounts minus(BarrierCounts other) {
        return new BarrierCounts(respondents - other.respondents, SymbolCounts.add(barriers, other.barriers, -1));
    }

    @JsonProperty("respondents")
    public long respondents() {
        return respondents;
    }

    public long barrier(Barrier barrier) {
        return barriers[barrier.ordinal()];
    }

    /** Every barrier symbol, zeros included. */
    public Map<Barrier, Long> barriers() {
        return SymbolCounts.bySymbol(BARRIERS, barriers, Barrier.class);
    }

    // The counts as they travel between instances: the non-zero ones, by symbol name.
    @JsonProperty("barriers")
    private Map<String, Long> barriersByName() {
        return SymbolCounts.byName(BARRIERS, barriers);
    }

    @Override
    public boolean isEmpty() {
        return respondents == 0 && SymbolCounts.allZero(barriers);
    }

    byte[] toBytes() {
        return new CompactWriter(4 + barriers.length).writeByte(FORMAT).writeVarLong(respondents).writeCounts(barriers)
                .toByteArray();
    }

    static BarrierCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data).expectFormat(FORMAT, "barrier counts");
        return new BarrierCounts(in.readVarLong(), in.readCounts(BARRIERS.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarrierCounts other && respondents == other.respondents
                && Arrays.equals(barriers, other.barriers);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(respondents) + Arrays.hashCode(barriers);
    }

    @Override
    public String toString() {
        return "BarrierCounts{respondents=" + respondents + ", barriers=" + barriersByName() + "}";
    }
}
