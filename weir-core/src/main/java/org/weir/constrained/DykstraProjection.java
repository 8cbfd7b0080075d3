package org.weir.constrained;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Feasibility-seeking by projections onto the per-row slabs {@code lo_ij <= w_j.x_i + b_j <= hi_ij} (error
 * tubes and output bounds), Kaczmarz / POCS style, with Dykstra's correction terms (Boyle and Dykstra, "A
 * method for finding projections onto the intersection of convex sets in Hilbert spaces", 1986) so the
 * sweeps converge to the optimum, not just a feasible point: since the objective is a quadratic
 * {@code (theta - theta0)^T H (theta - theta0) + const}, the solution is the H-metric projection of the
 * unconstrained minimizer {@code theta0} onto the intersection. Each projection costs O(p) with
 * {@code H^{-1} x_i} precomputed from one Cholesky factor; the correction terms are the multipliers
 * ({@code u_i = 2 c_i}). Gradient-free in the sense that no objective gradient is evaluated in the sweeps.
 */
final class DykstraProjection {
    private static final int CHECK_EVERY = 5;

    private final ConstrainedProblem problem;
    private final SolverOptions opt;
    private final DesignMatrix x;
    private final List<ConstraintFamily> fams;
    private final Lagrangian lagrangian;

    DykstraProjection(ConstrainedProblem problem, SolverOptions opt) {
        this.problem = problem;
        this.opt = opt;
        this.x = problem.data();
        this.fams = problem.families();
        for (ConstraintFamily f : fams) {
            boolean ok = f instanceof OutputBound;
            if (f instanceof LossBound lb && !lb.isResilient()) {
                ok = true;
                for (int c = 0; c < lb.size() && ok; c++) {
                    ok = lb.rowCount(c) == 1 && lb.output(c) >= 0;
                }
            }
            if (!ok) {
                throw new IllegalArgumentException("the projection solver handles per-row slabs only (abs-error "
                        + "per-sample, output in [lo,hi]); family '" + f.name() + "' is not one (use admm)");
            }
        }
        this.lagrangian = new Lagrangian(problem);
    }

    SolveOutcome solve() {
        int n = x.rows();
        int k = x.outputs();
        int p = x.params();
        // row intervals and the family (and z-index) providing each side
        double[][] lo = new double[n][k];
        double[][] hi = new double[n][k];
        int[][] loFam = new int[n][k];
        int[][] hiFam = new int[n][k];
        int[][] loIdx = new int[n][k];
        int[][] hiIdx = new int[n][k];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(lo[i], Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(hi[i], Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(loFam[i], -1);
            java.util.Arrays.fill(hiFam[i], -1);
        }
        for (int f = 0; f < fams.size(); f++) {
            ConstraintFamily fam = fams.get(f);
            if (fam instanceof OutputBound ob) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        tighten(lo, hi, loFam, hiFam, loIdx, hiIdx, i, j, ob.lo(), ob.hi(), f, i * k + j);
                    }
                }
            } else {
                LossBound lb = (LossBound) fam;
                for (int c = 0; c < lb.size(); c++) {
                    int i = lb.row(c, 0);
                    int j = lb.output(c);
                    double e = Math.sqrt(lb.bound(c) / lb.coefficient(c));
                    tighten(lo, hi, loFam, hiFam, loIdx, hiIdx, i, j, x.target(i, j) - e, x.target(i, j) + e, f, c);
                }
            }
        }
        double[] xa = x.augmentedRows();
        Multipliers none = SetViewSupport.setView(zeroU(), 1.0);
        double[][] theta = new double[k][p];
        double[][] v = new double[k][];
        double[][] kappa = new double[k][n];
        for (int j = 0; j < k; j++) {
            double[] h = lagrangian.halfHessian(j, none);
            LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.chol(p);
            if (!s.setA(DMatrixRMaj.wrap(p, p, h.clone()))) {
                throw new IllegalArgumentException("objective Hessian is singular; use ridge > 0");
            }
            s.solve(DMatrixRMaj.wrap(p, 1, lagrangian.rhs(j, none, new double[p])), DMatrixRMaj.wrap(p, 1, theta[j]));
            DMatrixRMaj xt = new DMatrixRMaj(p, n);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < p; c++) {
                    xt.data[c * n + i] = xa[i * p + c];
                }
            }
            DMatrixRMaj sol = new DMatrixRMaj(p, n);
            s.solve(xt, sol);
            v[j] = new double[n * p];
            for (int i = 0; i < n; i++) {
                double kp = 0;
                for (int c = 0; c < p; c++) {
                    v[j][i * p + c] = sol.data[c * n + i];
                    kp += xa[i * p + c] * sol.data[c * n + i];
                }
                kappa[j][i] = kp;
            }
        }
        double[][] corr = new double[k][n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(opt.seed());
        Certifier certifier = new Certifier(lagrangian, opt.feasibilityTolerance(), opt.gapTolerance());
        ConvergenceLog log = new ConvergenceLog();
        boolean infeasible = false;
        int worst = -1;
        int sweep = 0;
        for (; sweep < opt.maxIterations(); sweep++) {
            if (opt.projectionOrder() == SolverOptions.ProjectionOrder.RANDOM) {
                for (int i = n - 1; i > 0; i--) {
                    int r = rng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[r];
                    order[r] = t;
                }
            }
            for (int j = 0; j < k; j++) {
                double[] th = theta[j];
                double[] vj = v[j];
                for (int q = 0; q < n; q++) {
                    int i = order[q];
                    double l = lo[i][j];
                    double u = hi[i][j];
                    if (l == Double.NEGATIVE_INFINITY && u == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    int off = i * p;
                    double s = corr[j][i] * kappa[j][i];
                    for (int c = 0; c < p; c++) {
                        s += xa[off + c] * th[c];
                    }
                    double cl = s < l ? l : (s > u ? u : s);
                    double cn = (s - cl) / kappa[j][i];
                    double delta = corr[j][i] - cn;
                    if (delta != 0) {
                        for (int c = 0; c < p; c++) {
                            th[c] += delta * vj[off + c];
                        }
                    }
                    corr[j][i] = cn;
                }
            }
            boolean check = sweep % CHECK_EVERY == CHECK_EVERY - 1 || sweep == opt.maxIterations() - 1;
            if (check) {
                Multipliers m = multipliers(corr, loFam, hiFam, loIdx, hiIdx);
                Certificate c = certifier.certify(theta, m, "projection", false);
                log.add(sweep, c, m);
                if (c.status() == Status.CERTIFIED) {
                    sweep++;
                    break;
                }
                double mx = 0;
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < n; i++) {
                        double a = 2 * Math.abs(corr[j][i]);
                        if (a > mx) {
                            mx = a;
                            worst = corr[j][i] > 0 ? hiFam[i][j] : loFam[i][j];
                        }
                    }
                }
                if (mx > opt.multiplierCap()) {
                    infeasible = true;
                    sweep++;
                    break;
                }
            }
        }
        return new SolveOutcome(theta, multipliers(corr, loFam, hiFam, loIdx, hiIdx), sweep, log.records(), infeasible,
                infeasible ? worst : -1);
    }

    private static void tighten(double[][] lo, double[][] hi, int[][] loFam, int[][] hiFam, int[][] loIdx,
            int[][] hiIdx, int i, int j, double l, double u, int f, int idx) {
        if (l > lo[i][j]) {
            lo[i][j] = l;
            loFam[i][j] = f;
            loIdx[i][j] = idx;
        }
        if (u < hi[i][j]) {
            hi[i][j] = u;
            hiFam[i][j] = f;
            hiIdx[i][j] = idx;
        }
    }

    private double[][] zeroU() {
        double[][] u = new double[fams.size()][];
        for (int f = 0; f < fams.size(); f++) {
            u[f] = new double[fams.get(f).mapDimension()];
        }
        return u;
    }

    private Multipliers multipliers(double[][] corr, int[][] loFam, int[][] hiFam, int[][] loIdx, int[][] hiIdx) {
        double[][] u = zeroU();
        for (int j = 0; j < corr.length; j++) {
            for (int i = 0; i < corr[j].length; i++) {
                double c = corr[j][i];
                if (c > 0) {
                    u[hiFam[i][j]][hiIdx[i][j]] += 2 * c;
                } else if (c < 0) {
                    u[loFam[i][j]][loIdx[i][j]] += 2 * c;
                }
            }
        }
        return SetViewSupport.setView(u, 1.0);
    }
}
