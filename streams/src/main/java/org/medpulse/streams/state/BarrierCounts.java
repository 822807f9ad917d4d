package org.medpulse.streams.state;

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

    private static final Choices<Barrier> BARRIERS = new Choices<>(Barrier.class);
    private static final int FORMAT_WITHOUT_KEYS = 1;
    private static final int FORMAT = 2;

    public static final BarrierCounts EMPTY = new BarrierCounts(BARRIERS.zeros());

    private final Tallies tallies;

    private BarrierCounts(Tallies tallies) {
        this.tallies = tallies;
    }

    public static BarrierCounts of(LatestResponse response) {
        return new BarrierCounts(BARRIERS.one(response.barriers(), response.recordKey()));
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
        return barrierCount(barrier).n();
    }

    public Count barrierCount(Barrier barrier) {
        return BARRIERS.count(tallies, barrier);
    }

    /** Every barrier symbol, zeros included. */
    public Map<Barrier, Long> barriers() {
        return BARRIERS.all(tallies);
    }

    @Override
    public boolean isEmpty() {
        return tallies.isEmpty();
    }

    byte[] toBytes() {
        CompactWriter out = new CompactWriter(8 + 6 * BARRIERS.size()).writeByte(FORMAT);
        tallies.write(out);
        return out.toByteArray();
    }

    static BarrierCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data);
        int format = in.readFormat("barrier counts", FORMAT_WITHOUT_KEYS, FORMAT);
        return new BarrierCounts(format == FORMAT ? Tallies.read(in, BARRIERS.size(), true) : BARRIERS.readWithoutKeys(in));
    }

    @JsonCreator
    static BarrierCounts fromJson(@JsonProperty("respondents") List<Long> respondents,
                                  @JsonProperty("barriers") Map<String, List<Long>> barriers) {
        return new BarrierCounts(BARRIERS.fromJson(respondents, barriers));
    }

    @JsonProperty("respondents")
    private List<Long> respondentsJson() {
        return Tallies.pair(respondentCount());
    }

    @JsonProperty("barriers")
    private Map<String, List<Long>> barriersJson() {
        return BARRIERS.toJson(tallies);
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
