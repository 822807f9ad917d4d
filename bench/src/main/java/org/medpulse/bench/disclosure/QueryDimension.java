package org.medpulse.bench.disclosure;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One dimension of the questions an attacker may ask: its categories (days, partners, practice types,
 * settings, usage frequencies), the subsets of them a question can select (day windows, a filter's
 * values or its absence), and which categories the target group lies in.
 *
 * <p>When every question is one subset of each dimension (every window with every filter combination),
 * the design matrix of the questions is the Kronecker product of the dimensions' incidence matrices
 * {@code A_k}, its normal matrix the product of their {@code F_k = A_kᵀA_k}, and the target the product of
 * the dimensions' target indicators {@code g_k}. The least-squares (BLUE, under equal noise variances)
 * estimate of the target is then a fixed linear combination of the answers whose weight on the answer
 * selecting subsets {@code (s_1, …, s_m)} is the product of each dimension's {@link #weights()}
 * {@code A_k F_k⁻¹ g_k}: every dimension is solved alone, in its own small system.
 *
 * <p>A dimension's categories that no subset tells apart are pooled first (the atoms of its subsets),
 * so {@code F_k} is over atoms; it is singular only if the subsets do not determine an atom on their
 * own (e.g. week-long windows only), in which case the target is not estimable.
 */
public final class QueryDimension {

    private final String name;
    private final int categories;
    private final List<int[]> subsets;
    private final double[] weights;
    private final double varianceFactor;

    /**
     * @param name       what the dimension is, for messages
     * @param categories number of categories, 0..categories-1
     * @param subsets    the subsets a question may select; duplicates (the same categories) are dropped,
     *                   since the same set of records always gets the same noise
     * @param target     the categories of the target group; must be a union of atoms
     * @throws IllegalArgumentException if the target cannot be estimated without bias from these subsets
     */
    public QueryDimension(String name, int categories, List<int[]> subsets, int[] target) {
        this.name = Objects.requireNonNull(name, "name");
        this.categories = categories;
        this.subsets = distinct(subsets, categories);
        int[] atomOf = atoms(this.subsets, categories);
        int atoms = Arrays.stream(atomOf).max().orElse(-1) + 1;
        double[] g = targetOnAtoms(target, atomOf, atoms);
        double[][] f = new double[atoms][atoms];
        int[][] subsetAtoms = new int[this.subsets.size()][];
        for (int s = 0; s < this.subsets.size(); s++) {
            subsetAtoms[s] = Arrays.stream(this.subsets.get(s)).map(c -> atomOf[c]).distinct().toArray();
            for (int a : subsetAtoms[s]) {
                for (int b : subsetAtoms[s]) {
                    f[a][b]++;
                }
            }
        }
        double[] z = Cholesky.solve(f, g, () -> new IllegalArgumentException("the target is not estimable from the "
                + name + " questions alone: some of its " + name + " are never told apart"));
        this.weights = new double[this.subsets.size()];
        double sumOfSquares = 0;
        for (int s = 0; s < weights.length; s++) {
            double w = 0;
            for (int a : subsetAtoms[s]) {
                w += z[a];
            }
            weights[s] = w;
            sumOfSquares += w * w;
        }
        this.varianceFactor = sumOfSquares;
    }

    public String name() {
        return name;
    }

    public int categories() {
        return categories;
    }

    /** The distinct subsets, in the order given (first occurrence kept). */
    public List<int[]> subsets() {
        return subsets;
    }

    /** Each subset's factor in the estimator's weight on an answer. */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * The sum of the squared weights, {@code gᵀF⁻¹g}: the estimate's variance is V times the product of
     * the dimensions' factors when every answer's noise is independent with variance V.
     */
    public double varianceFactor() {
        return varianceFactor;
    }

    private static List<int[]> distinct(List<int[]> subsets, int categories) {
        Map<BitSet, int[]> unique = new LinkedHashMap<>();
        for (int[] subset : subsets) {
            BitSet members = new BitSet(categories);
            for (int c : subset) {
                if (c < 0 || c >= categories) {
                    throw new IllegalArgumentException("category " + c + " outside 0.." + (categories - 1));
                }
                members.set(c);
            }
            if (!members.isEmpty()) {
                unique.putIfAbsent(members, members.stream().toArray());
            }
        }
        return List.copyOf(unique.values());
    }

    /** Categories in the same subsets form one atom; categories in none belong to no atom (-1). */
    private static int[] atoms(List<int[]> subsets, int categories) {
        BitSet[] signature = new BitSet[categories];
        for (int c = 0; c < categories; c++) {
            signature[c] = new BitSet(subsets.size());
        }
        for (int s = 0; s < subsets.size(); s++) {
            for (int c : subsets.get(s)) {
                signature[c].set(s);
            }
        }
        Map<BitSet, Integer> ids = new LinkedHashMap<>();
        int[] atomOf = new int[categories];
        for (int c = 0; c < categories; c++) {
            atomOf[c] = signature[c].isEmpty() ? -1 : ids.computeIfAbsent(signature[c], k -> ids.size());
        }
        return atomOf;
    }

    private double[] targetOnAtoms(int[] target, int[] atomOf, int atoms) {
        BitSet wanted = new BitSet(categories);
        for (int c : target) {
            wanted.set(c);
        }
        double[] g = new double[atoms];
        for (int c = wanted.nextSetBit(0); c >= 0; c = wanted.nextSetBit(c + 1)) {
            if (atomOf[c] < 0) {
                throw new IllegalArgumentException("the target is not estimable: no question selects its "
                        + name + " category " + c);
            }
            g[atomOf[c]] = 1;
        }
        for (int c = 0; c < categories; c++) {
            if (atomOf[c] >= 0 && g[atomOf[c]] == 1 && !wanted.get(c)) {
                throw new IllegalArgumentException("the target is not estimable: the " + name
                        + " questions never tell its categories from category " + c);
            }
        }
        return g;
    }
}
