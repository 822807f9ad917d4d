package org.medpulse.streams.query;

import java.util.Arrays;

import org.medpulse.avro.Barrier;

/** How many respondents name each barrier to adopting AI. Immutable; {@link #plus} sums. */
public final class BarrierCounts {

    private static final int BARRIERS = Barrier.values().length;

    public static final BarrierCounts EMPTY = builder().build();

    private final long respondents;
    private final long[] barriers;

    private BarrierCounts(long respondents, long[] barriers) {
        this.respondents = respondents;
        this.barriers = barriers;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long respondents() {
        return respondents;
    }

    public long barrier(Barrier barrier) {
        return barriers[barrier.ordinal()];
    }

    public BarrierCounts plus(BarrierCounts other) {
        return builder().add(this).add(other).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarrierCounts other && respondents == other.respondents && Arrays.equals(barriers, other.barriers);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(respondents) * 31 + Arrays.hashCode(barriers);
    }

    @Override
    public String toString() {
        return "BarrierCounts{respondents=" + respondents + ", barriers=" + Arrays.toString(barriers) + '}';
    }

    /** Accumulates counts. Not thread-safe. */
    public static final class Builder {
        private long respondents;
        private final long[] barriers = new long[BARRIERS];

        private Builder() {
        }

        public Builder respondents(long count) {
            respondents += count;
            return this;
        }

        public Builder barrier(Barrier barrier, long count) {
            barriers[barrier.ordinal()] += count;
            return this;
        }

        public Builder add(BarrierCounts counts) {
            respondents += counts.respondents;
            UsageCounts.addAll(barriers, counts.barriers);
            return this;
        }

        public BarrierCounts build() {
            return new BarrierCounts(respondents, barriers.clone());
        }
    }
}
