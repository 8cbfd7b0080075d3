package org.weir.readout;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weir.linalg.SymmetricSolver;

/**
 * Ridge regression (Tikhonov 1963; Hoerl and Kennard 1970) of a linear readout from streamed sufficient
 * statistics: {@code W = argmin sum |y - W x - b|^2 + lambda |W|_F^2}, i.e. with centred statistics
 * {@code W^T = (Sxx + lambda I)^{-1} Sxy} and {@code b = mean(y) - W mean(x)} (the default, as ReservoirPy
 * 0.4), or with the bias as a regularized constant feature, or without bias.
 *
 * @param ridge regularization lambda, at least 0
 * @param biasMode how the bias is estimated
 */
public record RidgeReadout(double ridge, BiasMode biasMode) implements Readout {
    /** Kind identifier. */
    public static final String KIND = "ridge";

    public RidgeReadout {
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("ridge must be a finite number >= 0, got " + ridge);
        }
        if (biasMode == null) {
            throw new IllegalArgumentException("bias mode must be set");
        }
    }

    /** Ridge with an unregularized (centred) bias. */
    public static RidgeReadout withRidge(double ridge) {
        return new RidgeReadout(ridge, BiasMode.CENTERED);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("ridge", ridge);
        m.put("bias", biasMode.id());
        return m;
    }

    @Override
    public Fit begin(int features, int outputs) {
        RidgeStatistics stats = new RidgeStatistics(features, outputs);
        return new Fit() {
            @Override
            public void add(double[] x, double[] y) {
                stats.add(x, y);
            }

            @Override
            public long count() {
                return stats.count();
            }

            @Override
            public LinearReadout finish() {
                return solve(stats);
            }

            @Override
            public boolean accumulatesInBackground() {
                return stats.updatesInBackground();
            }
        };
    }

    /** Solves the ridge problem for the statistics gathered so far. */
    public LinearReadout solve(RidgeStatistics stats) {
        return solveWithDiagnostics(stats).readout();
    }

    /** The solution and how it was obtained (Cholesky, or the eigen-decomposition fallback, and conditioning). */
    public Solution solveWithDiagnostics(RidgeStatistics stats) {
        RidgeStatistics.Snapshot s = stats.snapshot();
        long n = s.count();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a ridge readout on zero rows");
        }
        int d = s.features();
        int k = s.outputs();
        int dim = biasMode == BiasMode.REGULARIZED ? d + 1 : d;
        double[] a = new double[dim * dim];
        double[] b = new double[dim * k];
        double[] mx = s.meanX();
        double[] my = s.meanY();
        double[] sxx = s.sxx();
        double[] sxy = s.sxy();
        if (biasMode == BiasMode.CENTERED) {
            System.arraycopy(sxx, 0, a, 0, d * d);
            System.arraycopy(sxy, 0, b, 0, d * k);
        } else {
            // raw moments: X^T X = Sxx + n mx mx^T, X^T Y = Sxy + n mx my^T; REGULARIZED prepends a constant 1
            int o = biasMode == BiasMode.REGULARIZED ? 1 : 0;
            if (o == 1) {
                a[0] = n;
                for (int j = 0; j < d; j++) {
                    a[j + 1] = n * mx[j];
                    a[(j + 1) * dim] = n * mx[j];
                }
                for (int c = 0; c < k; c++) {
                    b[c] = n * my[c];
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[(i + o) * dim + j + o] = sxx[i * d + j] + n * mx[i] * mx[j];
                }
                for (int c = 0; c < k; c++) {
                    b[(i + o) * k + c] = sxy[i * k + c] + n * mx[i] * my[c];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            a[i * dim + i] += ridge;
        }
        SymmetricSolver.Result r = SymmetricSolver.solve(a, dim, b, k);
        double[] x = r.solution();
        double[] weights = new double[k * d];
        double[] bias = new double[k];
        int o = biasMode == BiasMode.REGULARIZED ? 1 : 0;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                weights[c * d + j] = x[(j + o) * k + c];
            }
            if (biasMode == BiasMode.CENTERED) {
                double bc = my[c];
                for (int j = 0; j < d; j++) {
                    bc -= weights[c * d + j] * mx[j];
                }
                bias[c] = bc;
            } else if (biasMode == BiasMode.REGULARIZED) {
                bias[c] = x[c];
            }
        }
        return new Solution(new LinearReadout(k, d, weights, bias), r.method(), r.conditionEstimate(), n);
    }

    /**
     * A ridge solution with its diagnostics.
     *
     * @param readout the trained readout
     * @param method "cholesky", or "eigen" when the system was too ill-conditioned for Cholesky
     * @param conditionEstimate estimate of the 2-norm condition number of the solved system
     * @param rows number of training rows
     */
    public record Solution(LinearReadout readout, String method, double conditionEstimate, long rows) {
    }
}
