package org.medpulse.streams.query;

import java.util.Arrays;

import org.medpulse.avro.Barrier;

/**
 * How many respondents name each barrier to adopting AI, summed over the cells a filter keeps and
 * every partition. Immutable; {@link #plus} sums.
 */
public final class BarrierTotals {

    private static final int BARRIERS = Barrier.values().length;

    public static final BarrierTotals EMPTY = builder().build();

    private final long respondents;
    private final long[] barriers;

    private BarrierTotals(long respondents, long[] barriers) {
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

    public BarrierTotals plus(BarrierTotals other) {
        return builder().add(this).add(other).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarrierTotals other && respondents == other.respondents && Arrays.equals(barriers, other.barriers);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(respondents) * 31 + Arrays.hashCode(barriers);
    }

    @Override
    public String toString() {
        return "BarrierTotals{respondents=" + respondents + ", barriers=" + Arrays.toString(barriers) + '}';
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

        public Builder add(BarrierTotals counts) {
            respondents += counts.respondents;
            UsageTotals.addAll(barriers, counts.barriers);
            return this;
        }

        public BarrierTotals build() {
            return new BarrierTotals(respondents, barriers.clone());
        }
    }
}
