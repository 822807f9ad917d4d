package org.medpulse.streams.state;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medpulse.avro.Barrier;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Value of {@code barriers-by-wave}, and the barrier part of answers: over some latest responses,
 * the respondents and the count per barrier (a barrier named twice in one response counts once),
 * each with its respondents' key sum. Immutable; {@link #plus} merges the counts of disjoint
 * respondents.
 */
public final class BarrierCounts implements Counts<BarrierCounts> {

    private static final Barrier[] BARRIERS = Barrier.values();
    private static final int BARRIER = 1;
    private static final int SIZE = BARRIER + BARRIERS.length;
    private static final int FORMAT_WITHOUT_KEYS = 1;
    private static final int FORMAT = 2;

    public static final BarrierCounts EMPTY = new BarrierCounts(Tallies.zeros(SIZE));

    private final Tallies tallies;

    private BarrierCounts(Tallies tallies) {
        this.tallies = tallies;
    }

    public static BarrierCounts of(LatestResponse response) {
        int[] positions = new int[1 + response.barriers().size()];
        int next = 0;
        positions[next++] = 0;
        for (Barrier barrier : response.barriers()) {
            positions[next++] = BARRIER + barrier.ordinal();
        }
        return new BarrierCounts(Tallies.one(SIZE, response.recordKey(), positions));
    }

    @Override
    public BarrierCounts plus(BarrierCounts other) {
        return new BarrierCounts(tallies.combine(other.tallies, 1));
    }

    @Override
    public BarrierCounts minus(BarrierCounts other) {
        return new BarrierCounts(tallies.combine(other.tallies, -1));
    }

    public long respondents() {
        return tallies.n(0);
    }

    public Count respondentCount() {
        return tallies.count(0);
    }

    public long barrier(Barrier barrier) {
        return tallies.n(BARRIER + barrier.ordinal());
    }

    public Count barrierCount(Barrier barrier) {
        return tallies.count(BARRIER + barrier.ordinal());
    }

    /** Every barrier symbol, zeros included. */
    public Map<Barrier, Long> barriers() {
        Map<Barrier, Long> all = new EnumMap<>(Barrier.class);
        for (Barrier barrier : BARRIERS) {
            all.put(barrier, barrier(barrier));
        }
        return all;
    }

    @Override
    public boolean isEmpty() {
        return tallies.isEmpty();
    }

    byte[] toBytes() {
        CompactWriter out = new CompactWriter(8 + 6 * SIZE).writeByte(FORMAT);
        tallies.write(out);
        return out.toByteArray();
    }

    static BarrierCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data);
        int format = in.readFormat("barrier counts", FORMAT_WITHOUT_KEYS, FORMAT);
        if (format == FORMAT) {
            return new BarrierCounts(Tallies.read(in, SIZE, true));
        }
        long[] counts = new long[SIZE];
        counts[0] = in.readVarLong();
        System.arraycopy(in.readCounts(BARRIERS.length), 0, counts, BARRIER, BARRIERS.length);
        return new BarrierCounts(Tallies.withoutKeys(counts));
    }

    // How the counts travel between instances: [count, key sum] pairs by symbol name, zeros left out.
    @JsonCreator
    static BarrierCounts fromJson(@JsonProperty("respondents") List<Long> respondents,
                                  @JsonProperty("barriers") Map<String, List<Long>> barriers) {
        Tallies.Builder tallies = Tallies.builder(SIZE).set(0, respondents);
        Tallies.named(barriers).forEach((name, pair) -> tallies.set(BARRIER + Barrier.valueOf(name).ordinal(), pair));
        return new BarrierCounts(tallies.build());
    }

    @JsonProperty("respondents")
    private List<Long> respondentsJson() {
        return Tallies.pair(respondentCount());
    }

    @JsonProperty("barriers")
    private Map<String, List<Long>> barriersJson() {
        Map<String, List<Long>> named = new LinkedHashMap<>();
        for (Barrier barrier : BARRIERS) {
            Tallies.putIfCounted(named, barrier.name(), barrierCount(barrier));
        }
        return named;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarrierCounts other && tallies.equals(other.tallies);
    }

    @Override
    public int hashCode() {
        return tallies.hashCode();
    }

    @Override
    public String toString() {
        return "BarrierCounts{respondents=" + respondentCount() + ", barriers=" + barriersJson() + "}";
    }
}
