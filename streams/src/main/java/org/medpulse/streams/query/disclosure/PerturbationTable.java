package org.medpulse.streams.query.disclosure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A perturbation table for counts (cell key method), built as Destatis' {@code ptable} builds it
 * ({@code pt_create_pTable}): one row per original count {@code i = 0..N}, where row 0 keeps zero at
 * zero and every row {@code i >= 1} holds the maximum-entropy noise distribution under the constraints
 * of {@link PerturbationParameters}. Row N ({@link PerturbationParameters#symmetryCount()}) is the first
 * whose allowed targets are all of {@code i-D..i+D}; every larger count uses its noise.
 *
 * <p>The same (count, cell key) always gives the same noise, which is what defeats averaging repeated
 * queries.
 */
public final class PerturbationTable {

    /** A row's variance counts as V if it is this close (the solver reaches V to about 1e-13). */
    private static final double VARIANCE_TOLERANCE = 1e-9;

    private final PerturbationParameters parameters;
    private final List<PerturbationRow> rows;

    private PerturbationTable(PerturbationParameters parameters, List<PerturbationRow> rows) {
        this.parameters = parameters;
        this.rows = List.copyOf(rows);
    }

    public static PerturbationTable build(PerturbationParameters parameters) {
        List<PerturbationRow> rows = new ArrayList<>();
        rows.add(new PerturbationRow(0, new int[] {0}, new double[] {1.0}));
        for (int i = 1; i <= parameters.symmetryCount(); i++) {
            int[] deviations = allowedDeviations(i, parameters);
            double[] p = MaxEntropySolver.solve(deviations, parameters.v(), parameters.monotone());
            rows.add(new PerturbationRow(i, deviations, p));
        }
        return new PerturbationTable(parameters, rows);
    }

    /** Noise values j - i with |j - i| <= D that lead to a publishable count j. */
    private static int[] allowedDeviations(int i, PerturbationParameters parameters) {
        int d = parameters.d();
        return IntStream.rangeClosed(Math.max(0, i - d), i + d)
                .filter(parameters::isPublishable)
                .map(j -> j - i)
                .toArray();
    }

    public PerturbationParameters parameters() {
        return parameters;
    }

    /** Rows for original counts 0..N; the last one serves every count >= N. */
    public List<PerturbationRow> rows() {
        return rows;
    }

    /** The row whose noise distribution applies to this original count. */
    public PerturbationRow rowFor(long originalCount) {
        if (originalCount < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + originalCount);
        }
        return rows.get((int) Math.min(originalCount, parameters.symmetryCount()));
    }

    /**
     * The noise for a cell.
     *
     * @param originalCount the true count, >= 0
     * @param cellKey the cell key in [0, 1), see {@link CellKeys}
     */
    public int noise(long originalCount, double cellKey) {
        if (!(cellKey >= 0 && cellKey < 1)) {
            throw new IllegalArgumentException("cell key must be in [0, 1), was " + cellKey);
        }
        return rowFor(originalCount).noise(cellKey);
    }

    /** The published count: original count plus its noise. */
    public long perturb(long originalCount, double cellKey) {
        return Math.addExact(originalCount, noise(originalCount, cellKey));
    }

    /**
     * Original counts i >= 1 whose noise variance is not V. As in {@code ptable} V is a bound the
     * maximum-entropy solution reaches when it can; the rows listed here are those where the allowed
     * targets (near zero and the blocked counts) or monotony leave a smaller maximum-entropy variance.
     * Row 0 is never listed: zero stays zero by design.
     */
    public List<Integer> rowsMissingTargetVariance() {
        List<Integer> missing = new ArrayList<>();
        for (PerturbationRow row : rows.subList(1, rows.size())) {
            if (Math.abs(row.variance() - parameters.v()) > VARIANCE_TOLERANCE) {
                missing.add(row.originalCount());
            }
        }
        return missing;
    }

    /**
     * The table as {@code ptable}'s {@code pTable} slot holds it, one transition a line, with header
     * {@code i,j,p,v,p_int_lb,p_int_ub,type}; {@code type} is {@code all}, the value {@code ptable}
     * writes for count tables. The last row's {@code i} is N and stands for every count >= N. Numbers
     * are written in full double precision so that a tool reading the file draws exactly the same noise.
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("i,j,p,v,p_int_lb,p_int_ub,type\n");
        for (PerturbationRow row : rows) {
            for (Transition t : row.transitions()) {
                csv.append(t.i()).append(',')
                        .append(t.j()).append(',')
                        .append(plain(t.p())).append(',')
                        .append(t.v()).append(',')
                        .append(plain(t.lowerBound())).append(',')
                        .append(plain(t.upperBound())).append(',')
                        .append("all\n");
            }
        }
        return csv.toString();
    }

    /** Shortest decimal that reads back as the same double, without an exponent. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
