package org.weir.constrained;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The Lagrangian {@code L(theta, lambda, u) = f(theta) + sum_c lambda_c g_c(theta) + sum u.B theta
 * - sum sigma_C(u) - sum_{resilient} lambda_c^2 / (2 beta)} of a {@link ConstrainedProblem}, for
 * multipliers given per family in the constraint view (loss bounds) or the set view (any family). For
 * fixed multipliers it is a convex quadratic in each output's parameters, so its minimum (the dual
 * function) is found exactly by one Cholesky solve per output.
 */
final class Lagrangian {
    private static final int CACHE_ROWS = 48;

    private final ConstrainedProblem problem;
    private final DesignMatrix x;
    private final Objective f;
    private final List<ConstraintFamily> fams;
    private final double[][] xty; // k x p: X~^T y_j
    private final Map<Long, double[]> gramCache = new HashMap<>();
    private double[][] baseHessian; // per output, when no constraint-view multiplier is positive
    private LinearSolverDense<DMatrixRMaj>[] baseSolvers;

    /** Result of minimizing the Lagrangian over theta. */
    record Minimum(double[][] theta, double[][] pred, double value, double[] constraintValuesFlat) {
    }

    Lagrangian(ConstrainedProblem problem) {
        this.problem = problem;
        this.x = problem.data();
        this.f = problem.objective();
        this.fams = problem.families();
        int k = x.outputs();
        int p = x.params();
        this.xty = new double[k][p];
        double[][] ya = new double[x.rows()][k];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < k; j++) {
                ya[i][j] = x.target(i, j);
            }
        }
        x.addAdjoint(ya, xty);
    }

    ConstrainedProblem problem() {
        return problem;
    }

    /** Residual weights {@code omega_ij} of {@code sum omega_ij r_ij^2} in L. */
    double[][] residualWeights(Multipliers m) {
        int n = x.rows();
        int k = x.outputs();
        double w0 = f.residualWeight(x);
        double[][] om = new double[n][k];
        for (double[] row : om) {
            java.util.Arrays.fill(row, w0);
        }
        for (int fi = 0; fi < fams.size(); fi++) {
            if (m.isSetView(fi)) {
                continue;
            }
            LossBound lb = (LossBound) fams.get(fi);
            double[] lam = m.raw(fi);
            for (int c = 0; c < lam.length; c++) {
                if (lam[c] == 0) {
                    continue;
                }
                double w = lam[c] * lb.coefficient(c);
                int o = lb.output(c);
                for (int t = 0; t < lb.rowCount(c); t++) {
                    int i = lb.row(c, t);
                    if (o < 0) {
                        for (int j = 0; j < k; j++) {
                            om[i][j] += w;
                        }
                    } else {
                        om[i][o] += w;
                    }
                }
            }
        }
        return om;
    }

    /** Linear term {@code B^T u} of the set-view families, per output (k x p). */
    double[][] linearTerm(Multipliers m) {
        int n = x.rows();
        int k = x.outputs();
        double[][] predAdj = new double[n][k];
        double[][] lin = new double[k][x.params()];
        boolean any = false;
        for (int fi = 0; fi < fams.size(); fi++) {
            if (m.isSetView(fi)) {
                fams.get(fi).addAdjoint(m.raw(fi), predAdj, lin);
                any = true;
            }
        }
        if (any) {
            x.addAdjoint(predAdj, lin);
        }
        return lin;
    }

    /** Constant part: {@code -sum lambda eps - sum lambda^2/(2 beta) - sum sigma(u)}; u must be in dom sigma. */
    double constant(Multipliers m) {
        double s = 0;
        for (int fi = 0; fi < fams.size(); fi++) {
            ConstraintFamily fam = fams.get(fi);
            double[] v = m.raw(fi);
            if (m.isSetView(fi)) {
                s -= fam.support(v);
            } else {
                LossBound lb = (LossBound) fam;
                double beta = lb.resilience();
                for (int c = 0; c < v.length; c++) {
                    s -= v[c] * lb.bound(c);
                    if (Double.isFinite(beta)) {
                        s -= v[c] * v[c] / (2 * beta);
                    }
                }
            }
        }
        return s;
    }

    /** Value of L at theta (predictions given). */
    double value(double[][] theta, double[][] pred, double[][] omega, double[][] lin, double constant) {
        int n = x.rows();
        int k = x.outputs();
        int p = x.params();
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double r = x.target(i, j) - pred[i][j];
                s += omega[i][j] * r * r;
            }
        }
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < p; c++) {
                s += f.paramRidge(x, c) * theta[j][c] * theta[j][c] + lin[j][c] * theta[j][c];
            }
        }
        return s + constant;
    }

    /** Half the Hessian of L in output j's parameters: {@code X~^T Omega_j X~ + diag(ridge)}. */
    double[] halfHessian(int j, Multipliers m) {
        int p = x.params();
        double[] h = new double[p * p];
        double w0 = f.residualWeight(x);
        if (w0 != 0) {
            double[] g = x.gramAll();
            for (int c = 0; c < h.length; c++) {
                h[c] = w0 * g[c];
            }
        }
        for (int c = 0; c < p; c++) {
            h[c * p + c] += f.paramRidge(x, c);
        }
        double[] rowWeights = null; // small constraints: collected per row, added as one blocked product
        for (int fi = 0; fi < fams.size(); fi++) {
            if (m.isSetView(fi)) {
                continue;
            }
            LossBound lb = (LossBound) fams.get(fi);
            double[] lam = m.raw(fi);
            for (int c = 0; c < lam.length; c++) {
                if (lam[c] == 0 || (lb.output(c) >= 0 && lb.output(c) != j)) {
                    continue;
                }
                double w = lam[c] * lb.coefficient(c);
                if (lb.rowCount(c) >= CACHE_ROWS) {
                    double[] gc = constraintGram(fi, lb, c);
                    for (int e = 0; e < h.length; e++) {
                        h[e] += w * gc[e];
                    }
                } else {
                    if (rowWeights == null) {
                        rowWeights = new double[x.rows()];
                    }
                    for (int t = 0; t < lb.rowCount(c); t++) {
                        rowWeights[lb.row(c, t)] += w;
                    }
                }
            }
        }
        if (rowWeights != null) {
            x.addWeightedGram(rowWeights, h);
        }
        return h;
    }

    private synchronized double[] constraintGram(int fi, LossBound lb, int c) {
        long key = ((long) fi << 32) | c;
        return gramCache.computeIfAbsent(key, kk -> {
            double[] w = new double[x.rows()];
            for (int t = 0; t < lb.rowCount(c); t++) {
                w[lb.row(c, t)] += 1.0;
            }
            double[] g = new double[x.params() * x.params()];
            x.addWeightedGram(w, g);
            return g;
        });
    }

    /** Right-hand side {@code X~^T Omega_j y_j - lin_j / 2}. */
    double[] rhs(int j, Multipliers m, double[] linJ) {
        int p = x.params();
        double[] r = new double[p];
        double w0 = f.residualWeight(x);
        for (int c = 0; c < p; c++) {
            r[c] = w0 * xty[j][c] - 0.5 * linJ[c];
        }
        int k = x.outputs();
        double[] xa = x.augmentedRows();
        for (int fi = 0; fi < fams.size(); fi++) {
            if (m.isSetView(fi)) {
                continue;
            }
            LossBound lb = (LossBound) fams.get(fi);
            double[] lam = m.raw(fi);
            for (int c = 0; c < lam.length; c++) {
                if (lam[c] == 0 || (lb.output(c) >= 0 && lb.output(c) != j)) {
                    continue;
                }
                double w = lam[c] * lb.coefficient(c);
                for (int t = 0; t < lb.rowCount(c); t++) {
                    int i = lb.row(c, t);
                    double s = w * x.target(i, j);
                    int off = i * p;
                    for (int e = 0; e < p; e++) {
                        r[e] += s * xa[off + e];
                    }
                }
            }
        }
        return r;
    }

    /**
     * Minimizes L over theta exactly. The returned value is a lower bound on the problem's optimum (weak
     * duality): L at the computed minimizer minus the Newton correction {@code g^T (2H)^{-1} g / 2} for the
     * solve's residual gradient g; {@code -infinity} when some multiplier lies outside the domain of a
     * support function or the Hessian is singular.
     */
    Minimum minimize(Multipliers m) {
        int k = x.outputs();
        int p = x.params();
        double[][] lin = linearTerm(m);
        double[][] omega = residualWeights(m);
        double constant = constant(m);
        double[][] theta = new double[k][];
        double correction = 0;
        boolean singular = false;
        boolean fixedHessian = !hasConstraintViewWeights(m);
        for (int j = 0; j < k; j++) {
            double[] r = rhs(j, m, lin[j]);
            double[] t = new double[p];
            double[] h;
            LinearSolverDense<DMatrixRMaj> solver;
            if (fixedHessian && baseSolvers != null && baseSolvers[j] != null) {
                // the Hessian does not depend on set-view multipliers: one factorization serves every call
                h = baseHessian[j];
                solver = baseSolvers[j];
            } else {
                h = halfHessian(j, m);
                solver = LinearSolverFactory_DDRM.chol(p);
                DMatrixRMaj hm = new DMatrixRMaj(p, p);
                System.arraycopy(h, 0, hm.data, 0, h.length);
                if (solver.setA(hm)) {
                    if (fixedHessian) {
                        cacheBase(j, h, solver);
                    }
                } else {
                    solver = null;
                }
            }
            if (solver == null) {
                solver = LinearSolverFactory_DDRM.chol(p);
                DMatrixRMaj hm = new DMatrixRMaj(p, p);
                singular = true;
                double tr = 0;
                for (int c = 0; c < p; c++) {
                    tr += h[c * p + c];
                }
                System.arraycopy(h, 0, hm.data, 0, h.length);
                for (int c = 0; c < p; c++) {
                    hm.data[c * p + c] += 1e-12 * (tr / p) + 1e-300;
                }
                if (!solver.setA(hm)) {
                    throw new IllegalStateException("Lagrangian Hessian is not positive definite");
                }
            }
            DMatrixRMaj b = DMatrixRMaj.wrap(p, 1, r);
            DMatrixRMaj sol = DMatrixRMaj.wrap(p, 1, t);
            solver.solve(b, sol);
            theta[j] = t;
            if (!singular) {
                // gradient of L in theta_j is 2 (H t - r); correction = g^T (2H)^{-1} g / 2 = (Ht-r)^T H^{-1} (Ht-r)
                double[] res = new double[p];
                for (int a = 0; a < p; a++) {
                    double s = -r[a];
                    for (int c = 0; c < p; c++) {
                        s += h[a * p + c] * t[c];
                    }
                    res[a] = s;
                }
                double[] z = new double[p];
                solver.solve(DMatrixRMaj.wrap(p, 1, res), DMatrixRMaj.wrap(p, 1, z));
                for (int a = 0; a < p; a++) {
                    correction += res[a] * z[a];
                }
            }
        }
        double[][] pred = new double[x.rows()][k];
        x.predict(theta, pred);
        double value = singular || Double.isInfinite(constant) ? Double.NEGATIVE_INFINITY
                : value(theta, pred, omega, lin, constant) - Math.abs(correction);
        return new Minimum(theta, pred, value, null);
    }

    private boolean hasConstraintViewWeights(Multipliers m) {
        for (int fi = 0; fi < fams.size(); fi++) {
            if (!m.isSetView(fi)) {
                for (double v : m.raw(fi)) {
                    if (v != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private synchronized void cacheBase(int j, double[] h, LinearSolverDense<DMatrixRMaj> solver) {
        if (baseSolvers == null) {
            baseSolvers = new LinearSolverDense[x.outputs()];
            baseHessian = new double[x.outputs()][];
        }
        baseSolvers[j] = solver;
        baseHessian[j] = h;
    }

    /** {@code grad_theta L(theta, multipliers)} per output (k x p). */
    double[][] gradient(double[][] theta, double[][] pred, Multipliers m) {
        int n = x.rows();
        int k = x.outputs();
        int p = x.params();
        double[][] omega = residualWeights(m);
        double[][] predAdj = new double[n][k];
        double[][] grad = new double[k][p];
        for (int fi = 0; fi < fams.size(); fi++) {
            if (m.isSetView(fi)) {
                fams.get(fi).addAdjoint(m.raw(fi), predAdj, grad);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                predAdj[i][j] -= 2 * omega[i][j] * (x.target(i, j) - pred[i][j]);
            }
        }
        x.addAdjoint(predAdj, grad);
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < p; c++) {
                grad[j][c] += 2 * f.paramRidge(x, c) * theta[j][c];
            }
        }
        return grad;
    }
}
