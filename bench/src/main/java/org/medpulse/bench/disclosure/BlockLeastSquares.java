package org.medpulse.bench.disclosure;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Least-squares weights when the questions are a union of blocks, each block a product of subsets of
 * every dimension (say, rolling windows with partner filters only, and waves with every filter): the
 * normal matrix is then a sum of Kronecker products {@code Σ_b ⊗_k F_bk}, no longer one product, and is
 * solved by conjugate gradients with the Kronecker product of the per-dimension sums {@code ⊗_k Σ_b F_bk}
 * as preconditioner (exact when there is one block). Unknowns are the atoms of every dimension: the
 * categories no subset of any block tells apart are pooled.
 *
 * <p>The result is, for each block, the estimator's weight on each of its answers, laid out as the
 * block's subsets in row-major order (the first dimension slowest).
 */
final class BlockLeastSquares {

    private static final int MAX_ITERATIONS = 5000;
    private static final double TOLERANCE = 1e-11;

    private BlockLeastSquares() {
    }

    /**
     * @param categories per dimension, its number of categories
     * @param blocks     per block, per dimension, the subsets (category lists) it asks
     * @param target     per dimension, the categories of the target
     * @return per block, the weight of each answer
     */
    static double[][] weights(int[] categories, List<int[][][]> blocks, int[][] target) {
        int dims = categories.length;
        int[][] atomOf = new int[dims][];
        int[] atoms = new int[dims];
        for (int k = 0; k < dims; k++) {
            final int dim = k;
            atomOf[k] = atoms(categories[k], blocks.stream().map(b -> b[dim]).toList());
            atoms[k] = Arrays.stream(atomOf[k]).max().orElse(-1) + 1;
        }
        // Each block's incidence matrix per dimension (subsets × atoms) and normal matrix.
        int nb = blocks.size();
        double[][][][] incidence = new double[nb][dims][][];
        double[][][][] normal = new double[nb][dims][][];
        double[][][] preconditioner = new double[dims][][];
        for (int k = 0; k < dims; k++) {
            preconditioner[k] = new double[atoms[k]][atoms[k]];
        }
        for (int b = 0; b < nb; b++) {
            for (int k = 0; k < dims; k++) {
                int[][] subsets = blocks.get(b)[k];
                double[][] a = new double[subsets.length][atoms[k]];
                for (int s = 0; s < subsets.length; s++) {
                    for (int c : subsets[s]) {
                        a[s][atomOf[k][c]] = 1;
                    }
                }
                incidence[b][k] = a;
                normal[b][k] = gram(a, atoms[k]);
                for (int i = 0; i < atoms[k]; i++) {
                    for (int j = 0; j < atoms[k]; j++) {
                        preconditioner[k][i][j] += normal[b][k][i][j];
                    }
                }
            }
        }
        double[][][] inverse = new double[dims][][];
        for (int k = 0; k < dims; k++) {
            inverse[k] = inverse(preconditioner[k], k);
        }
        double[] c = {1};
        for (int k = 0; k < dims; k++) {
            double[] g = new double[atoms[k]];
            BitSet wanted = new BitSet(categories[k]);
            for (int cat : target[k]) {
                if (atomOf[k][cat] < 0) {
                    throw new IllegalArgumentException("the target is not estimable: no question selects it in dimension " + k);
                }
                wanted.set(cat);
                g[atomOf[k][cat]] = 1;
            }
            for (int cat = 0; cat < categories[k]; cat++) {
                if (atomOf[k][cat] >= 0 && g[atomOf[k][cat]] == 1 && !wanted.get(cat)) {
                    throw new IllegalArgumentException("the target is not estimable: its categories are never told "
                            + "apart from category " + cat + " in dimension " + k);
                }
            }
            c = kron(c, g);
        }
        double[] z = conjugateGradients(c, atoms, normal, inverse);
        double[][] weights = new double[nb][];
        for (int b = 0; b < nb; b++) {
            double[] w = z;
            int[] shape = atoms.clone();
            for (int k = 0; k < dims; k++) {
                w = applyMode(w, shape, k, incidence[b][k]);
                shape[k] = incidence[b][k].length;
            }
            weights[b] = w;
        }
        return weights;
    }

    private static double[] conjugateGradients(double[] c, int[] atoms, double[][][][] normal, double[][][] inverse) {
        double[] x = new double[c.length];
        double[] r = c.clone();
        double[] z = precondition(r, atoms, inverse);
        double[] p = z.clone();
        double rz = dot(r, z);
        double norm = Math.sqrt(dot(c, c));
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] q = multiply(p, atoms, normal);
            double alpha = rz / dot(p, q);
            for (int i = 0; i < x.length; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * q[i];
            }
            if (Math.sqrt(dot(r, r)) <= TOLERANCE * norm) {
                return x;
            }
            z = precondition(r, atoms, inverse);
            double next = dot(r, z);
            double beta = next / rz;
            rz = next;
            for (int i = 0; i < p.length; i++) {
                p[i] = z[i] + beta * p[i];
            }
        }
        throw new IllegalStateException("least squares did not converge in " + MAX_ITERATIONS + " iterations");
    }

    private static double[] multiply(double[] x, int[] atoms, double[][][][] normal) {
        double[] sum = new double[x.length];
        for (double[][][] block : normal) {
            double[] y = x;
            for (int k = 0; k < atoms.length; k++) {
                y = applyMode(y, atoms, k, block[k]);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += y[i];
            }
        }
        return sum;
    }

    private static double[] precondition(double[] r, int[] atoms, double[][][] inverse) {
        double[] y = r;
        for (int k = 0; k < atoms.length; k++) {
            y = applyMode(y, atoms, k, inverse[k]);
        }
        return y;
    }

    /** The tensor {@code x} of {@code shape} multiplied along dimension {@code k} by {@code m} (rows × shape[k]). */
    static double[] applyMode(double[] x, int[] shape, int k, double[][] m) {
        int pre = 1;
        for (int d = 0; d < k; d++) {
            pre *= shape[d];
        }
        int post = 1;
        for (int d = k + 1; d < shape.length; d++) {
            post *= shape[d];
        }
        int in = shape[k];
        int out = m.length;
        double[] y = new double[pre * out * post];
        for (int p = 0; p < pre; p++) {
            for (int i = 0; i < out; i++) {
                double[] row = m[i];
                int target = (p * out + i) * post;
                for (int j = 0; j < in; j++) {
                    double v = row[j];
                    if (v == 0) {
                        continue;
                    }
                    int source = (p * in + j) * post;
                    for (int q = 0; q < post; q++) {
                        y[target + q] += v * x[source + q];
                    }
                }
            }
        }
        return y;
    }

    private static double[][] gram(double[][] a, int n) {
        double[][] f = new double[n][n];
        for (double[] row : a) {
            int[] members = new int[n];
            int size = 0;
            for (int j = 0; j < n; j++) {
                if (row[j] != 0) {
                    members[size++] = j;
                }
            }
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    f[members[i]][members[j]]++;
                }
            }
        }
        return f;
    }

    private static double[][] inverse(double[][] f, int dimension) {
        int n = f.length;
        double[][] inv = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] column = Cholesky.solve(f, e, () -> new IllegalArgumentException(
                    "the questions never tell some categories of dimension " + dimension + " apart"));
            for (int i = 0; i < n; i++) {
                inv[i][j] = column[i];
            }
        }
        return inv;
    }

    private static double[] kron(double[] a, double[] b) {
        double[] out = new double[a.length * b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                out[i * b.length + j] = a[i] * b[j];
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Categories in the same subsets of every block form one atom; those in none, no atom (-1). */
    private static int[] atoms(int categories, List<int[][]> subsetsPerBlock) {
        BitSet[] signature = new BitSet[categories];
        for (int c = 0; c < categories; c++) {
            signature[c] = new BitSet();
        }
        int index = 0;
        for (int[][] subsets : subsetsPerBlock) {
            for (int[] subset : subsets) {
                for (int c : subset) {
                    signature[c].set(index);
                }
                index++;
            }
        }
        Map<BitSet, Integer> ids = new LinkedHashMap<>();
        int[] atomOf = new int[categories];
        for (int c = 0; c < categories; c++) {
            atomOf[c] = signature[c].isEmpty() ? -1 : ids.computeIfAbsent(signature[c], s -> ids.size());
        }
        return atomOf;
    }
}
