package org.medpulse.streams.state;

import java.util.Arrays;
import java.util.Map;

import org.medpulse.avro.Barrier;

/**
 * Value of {@code barriers-by-wave}: over the latest responses of a cell, the respondents and the
 * count per barrier (a barrier named twice in one response counts once). Immutable; {@link #plus}
 * merges partial counts of different partitions.
 */
public final class BarrierCounts {

    public static final BarrierCounts EMPTY = new BarrierCounts(0, new int[Barrier.values().length]);

    private static final int FORMAT = 1;
    private static final Barrier[] BARRIERS = Barrier.values();

    private final int respondents;
    private final int[] barriers;

    private BarrierCounts(int respondents, int[] barriers) {
        this.respondents = respondents;
        this.barriers = barriers;
    }

    public static BarrierCounts of(LatestResponse response) {
        int[] barriers = new int[BARRIERS.length];
        response.barriers().forEach(b -> barriers[b.ordinal()] = 1);
        return new BarrierCounts(1, barriers);
    }

    public BarrierCounts plus(BarrierCounts other) {
        return new BarrierCounts(respondents + other.respondents, UsageCounts.add(barriers, other.barriers, 1));
    }

    public BarrierCounts minus(BarrierCounts other) {
        return new BarrierCounts(respondents - other.respondents, UsageCounts.add(barriers, other.barriers, -1));
    }

    public int respondents() {
        return respondents;
    }

    public int barrier(Barrier barrier) {
        return barriers[barrier.ordinal()];
    }

    /** Every barrier symbol, zeros included. */
    public Map<Barrier, Integer> barriers() {
        return UsageCounts.asMap(barriers, BARRIERS, Barrier.class);
    }

    public boolean isEmpty() {
        return respondents == 0 && UsageCounts.allZero(barriers);
    }

    byte[] toBytes() {
        return new CompactWriter(4 + barriers.length).writeByte(FORMAT).writeVarInt(respondents).writeCounts(barriers)
                .toByteArray();
    }

    static BarrierCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data).expectFormat(FORMAT, "barrier counts");
        return new BarrierCounts(in.readVarInt(), in.readCounts(BARRIERS.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarrierCounts other && respondents == other.respondents
                && Arrays.equals(barriers, other.barriers);
    }

    @Override
    public int hashCode() {
        return 31 * respondents + Arrays.hashCode(barriers);
    }

    @Override
    public String toString() {
        return "BarrierCounts{respondents=" + respondents + ", barriers=" + UsageCounts.nonZero(barriers()) + "}";
    }
}
