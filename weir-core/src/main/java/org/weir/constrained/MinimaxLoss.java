package org.weir.constrained;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The smallest bound a loss family can meet, {@code eps* = min_theta max_c loss_c(theta)} (no ridge), reported
 * when a solve is INFEASIBLE_SUSPECTED. By the minimax theorem {@code eps* = max_{mu in simplex} phi(mu)}
 * with {@code phi(mu) = min_theta sum_c mu_c loss_c(theta)}, a weighted least-squares problem. Lawson's
 * multiplicative update ({@code mu_c <- mu_c sqrt(loss_c)}, normalized; C. L. Lawson, "Contributions to the
 * theory of linear least maximum approximation", 1961) climbs phi; every step gives a certified bracket
 * {@code phi(mu) <= eps* <= max_c loss_c(theta_mu)}.
 */
final class MinimaxLoss {
    /** Bracket of eps*: the achieved upper value and a certified lower bound. */
    record Bracket(double upper, double lower, int iterations) {
    }

    private MinimaxLoss() {
    }

    /**
     * @param start initial weights per constraint (non-negative, not all zero; e.g. the diverging multipliers),
     *     or null for uniform
     */
    static Bracket solve(LossBound lb, DesignMatrix x, double[] start, int maxIterations, double relTol) {
        int m = lb.size();
        int k = x.outputs();
        int p = x.params();
        double[] mu = new double[m];
        double sum = 0;
        for (int c = 0; c < m; c++) {
            mu[c] = 1.0 / m + (start == null ? 0 : Math.max(0, start[c]));
            sum += mu[c];
        }
        if (start != null) {
            double ss = 0;
            for (double v : start) {
                ss += Math.max(0, v);
            }
            // mix: 99% the given direction, 1% uniform
            for (int c = 0; c < m; c++) {
                mu[c] = (ss > 0 ? 0.99 * Math.max(0, start[c]) / ss : 0) + (ss > 0 ? 0.01 : 1.0) / m;
            }
            sum = 1;
        }
        for (int c = 0; c < m; c++) {
            mu[c] /= sum;
        }
        double bestUpper = Double.POSITIVE_INFINITY;
        double bestLower = Double.NEGATIVE_INFINITY;
        double[][] theta = new double[k][p];
        double[][] pred = new double[x.rows()][k];
        int it = 0;
        for (; it < maxIterations; it++) {
            double lowerHere = 0;
            double[][] omega = new double[x.rows()][k];
            for (int c = 0; c < m; c++) {
                double w = mu[c] * lb.coefficient(c);
                int o = lb.output(c);
                for (int t = 0; t < lb.rowCount(c); t++) {
                    int i = lb.row(c, t);
                    if (o < 0) {
                        for (int j = 0; j < k; j++) {
                            omega[i][j] += w;
                        }
                    } else {
                        omega[i][o] += w;
                    }
                }
            }
            boolean exact = true;
            double correction = 0;
            for (int j = 0; j < k; j++) {
                double[] h = new double[p * p];
                double[] wj = new double[x.rows()];
                double[] r = new double[p];
                for (int i = 0; i < x.rows(); i++) {
                    wj[i] = omega[i][j];
                    for (int e = 0; e < p; e++) {
                        r[e] += wj[i] * x.target(i, j) * x.feature(i, e);
                    }
                }
                x.addWeightedGram(wj, h);
                LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.chol(p);
                DMatrixRMaj hm = DMatrixRMaj.wrap(p, p, h.clone());
                if (!s.setA(hm)) {
                    exact = false;
                    hm = DMatrixRMaj.wrap(p, p, h.clone());
                    double tr = 0;
                    for (int e = 0; e < p; e++) {
                        tr += h[e * p + e];
                    }
                    for (int e = 0; e < p; e++) {
                        hm.data[e * p + e] += 1e-12 * tr / p + 1e-300;
                    }
                    s.setA(hm);
                }
                s.solve(DMatrixRMaj.wrap(p, 1, r), DMatrixRMaj.wrap(p, 1, theta[j]));
                double[] res = new double[p];
                for (int a = 0; a < p; a++) {
                    double v = -r[a];
                    for (int b = 0; b < p; b++) {
                        v += h[a * p + b] * theta[j][b];
                    }
                    res[a] = v;
                }
                double[] z = new double[p];
                s.solve(DMatrixRMaj.wrap(p, 1, res), DMatrixRMaj.wrap(p, 1, z));
                for (int a = 0; a < p; a++) {
                    correction += res[a] * z[a];
                }
            }
            x.predict(theta, pred);
            double upper = 0;
            double[] loss = new double[m];
            for (int c = 0; c < m; c++) {
                loss[c] = lb.loss(c, pred);
                upper = Math.max(upper, loss[c]);
                lowerHere += mu[c] * loss[c];
            }
            bestUpper = Math.min(bestUpper, upper);
            if (exact) {
                bestLower = Math.max(bestLower, lowerHere - Math.abs(correction));
            }
            if (bestUpper - bestLower <= relTol * Math.max(bestUpper, 1e-300)) {
                break;
            }
            double norm = 0;
            for (int c = 0; c < m; c++) {
                mu[c] *= Math.sqrt(loss[c]);
                norm += mu[c];
            }
            if (!(norm > 0)) {
                break;
            }
            double mx = 0;
            for (int c = 0; c < m; c++) {
                mu[c] /= norm;
                mx = Math.max(mx, mu[c]);
            }
            // weights that have died out are dropped (any simplex point gives a valid lower bound), which keeps
            // the weighted Gram matrix to the few rows that matter; constraints at the current maximum loss
            // are (re)admitted, as in an exchange method
            double sum2 = 0;
            for (int c = 0; c < m; c++) {
                if (mu[c] < 1e-10 * mx) {
                    mu[c] = loss[c] >= 0.999 * upper ? 1e-10 * mx : 0;
                }
                sum2 += mu[c];
            }
            for (int c = 0; c < m; c++) {
                mu[c] /= sum2;
            }
        }
        return new Bracket(bestUpper, bestLower, it);
    }
}
