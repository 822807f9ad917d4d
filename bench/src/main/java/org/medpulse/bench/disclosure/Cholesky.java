package org.medpulse.bench.disclosure;

import java.util.function.Supplier;

/** Solves a symmetric positive definite system {@code F z = g}, small and dense, by Cholesky factorisation. */
final class Cholesky {

    /** A pivot this small relative to the matrix' diagonal means singular: the subsets leave a direction unseen. */
    private static final double RELATIVE_PIVOT = 1e-10;

    private Cholesky() {
    }

    static double[] solve(double[][] f, double[] g, Supplier<? extends RuntimeException> singular) {
        int n = g.length;
        double[][] l = new double[n][n];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, f[i][i]);
        }
        for (int j = 0; j < n; j++) {
            double diagonal = f[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j][k] * l[j][k];
            }
            if (!(diagonal > RELATIVE_PIVOT * largest)) {
                throw singular.get();
            }
            double pivot = Math.sqrt(diagonal);
            l[j][j] = pivot;
            for (int i = j + 1; i < n; i++) {
                double sum = f[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                li[j] = sum / pivot;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = g[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] z = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        return z;
    }
}
