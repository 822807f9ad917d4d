package org.medpulse.streams.query;

/**
 * Small-cell protection: a result about fewer than {@code minCellSize} respondents shows how many
 * they are and nothing of what they answered, so no single response reveals the answers of a
 * handful of identifiable physicians. It does not prevent differencing two large results (the
 * whole wave minus one partner's): that is documented, not solved here.
 */
public final class SmallCellPolicy {

    public static final int DEFAULT_MIN_CELL_SIZE = 5;
    /** The smallest minimum cell size there is: 1 suppresses nothing but empty results. */
    public static final int SMALLEST_MIN_CELL_SIZE = 1;

    private final int minCellSize;

    private SmallCellPolicy(int minCellSize) {
        if (minCellSize < SMALLEST_MIN_CELL_SIZE) {
            throw new IllegalArgumentException("The minimum cell size must be at least " + SMALLEST_MIN_CELL_SIZE + ", got " + minCellSize);
        }
        this.minCellSize = minCellSize;
    }

    public static SmallCellPolicy minCellSize(int minCellSize) {
        return new SmallCellPolicy(minCellSize);
    }

    public static SmallCellPolicy defaults() {
        return new SmallCellPolicy(DEFAULT_MIN_CELL_SIZE);
    }

    public int minCellSize() {
        return minCellSize;
    }

    /** True when the answers of {@code respondents} respondents must not be shown. */
    public boolean suppresses(long respondents) {
        return respondents < minCellSize;
    }

    @Override
    public String toString() {
        return "SmallCellPolicy{minCellSize=" + minCellSize + '}';
    }
}
