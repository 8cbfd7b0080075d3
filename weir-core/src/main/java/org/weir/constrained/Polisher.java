package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Solution polishing for {@link PinballAdmm}, as in OSQP (Stellato et al., "OSQP: an operator splitting solver
 * for quadratic programs", Math. Prog. Comp. 2020, sec. 5.2): ADMM's prox and projection steps identify the
 * active set exactly long before the iterates converge (rows the pinball prox puts on the fitted quantile, set
 * coordinates clipped to a bound, zero coordinates and signs of an active L1 budget), so the piecewise-linear
 * quadratic problem reduces to an equality-constrained QP
 * {@code min ridge |W|^2 + g.theta s.t. A theta = b}, solved by one KKT system. Its multipliers map back to the
 * pinball dual point ({@code a = -nk mu}) and the set-view multipliers; the result is accepted only if the
 * Fenchel certificate built from them certifies it, so a wrong guess costs one solve and nothing else.
 * Families without a polyhedral active-set description (an active L2 budget, loss balls, robust bounds) disable
 * polishing.
 */
final class Polisher {
    private Polisher() {
    }

    /** A guessed active set: zero-residual entries, fixed residual signs, active set coordinates. */
    record Guess(boolean[][] zero, boolean[][] positive, List<int[]> active, double[][] z, long signature) {
    }

    /** A polished primal and its dual point. */
    record Result(double[][] theta, double[][] pred, double[][] lossDual, double[][] setViewDual) {
    }

    private static final int BOX = 0;
    private static final int L1_ZERO = 1;
    private static final int L1_SUM = 2;

    /** Reads the active set off ADMM's z iterates; null when some family has no polyhedral description. */
    static Guess guess(PinballAdmm s, double[][] z0, double[][] z, double[][] lossDual) {
        DesignMatrix x = s.data();
        int n = x.rows();
        int k = x.outputs();
        boolean[][] zero = new boolean[n][k];
        boolean[][] pos = new boolean[n][k];
        // interpolated rows: those the prox put on the fit; at most p per output in a non-degenerate solution,
        // so when there are more, keep the p whose dual a is deepest inside (tau - 1, tau) and give the others
        // the residual sign of the nearer end (the dual tells which side they belong to)
        int p = x.params();
        for (int j = 0; j < k; j++) {
            double tau = s.tau(j);
            List<double[]> cand = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double r = x.target(i, j) - z0[i][j];
                pos[i][j] = r > 0;
                if (r == 0.0) {
                    double a = lossDual[j][i];
                    cand.add(new double[] {Math.min(a - (tau - 1), tau - a), i});
                }
            }
            cand.sort((u, v) -> Double.compare(v[0], u[0]));
            for (int c = 0; c < cand.size(); c++) {
                int i = (int) cand.get(c)[1];
                if (c < p) {
                    zero[i][j] = true;
                } else {
                    pos[i][j] = lossDual[j][i] > tau - 0.5;
                }
            }
        }
        long sig = 17;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                sig = sig * 31 + (zero[i][j] ? 1 : pos[i][j] ? 2 : 3);
            }
        }
        List<int[]> active = new ArrayList<>();
        List<ConstraintFamily> fams = s.families();
        for (int f = 0; f < fams.size(); f++) {
            ConstraintFamily fam = fams.get(f);
            if (fam instanceof BoxFamily bf) {
                for (int t = 0; t < z[f].length; t++) {
                    if (z[f][t] == bf.upper(t) || z[f][t] == bf.lower(t)) {
                        active.add(new int[] {BOX, f, t});
                        sig = sig * 31 + f * 1_000_003L + t;
                    }
                }
            } else if (fam instanceof NormBudget nb) {
                double norm = 0;
                for (double v : z[f]) {
                    norm += nb.norm() == NormBudget.Norm.L1 ? Math.abs(v) : v * v;
                }
                if (nb.norm() == NormBudget.Norm.L2) {
                    if (Math.sqrt(norm) >= nb.budget() * (1 - 1e-12)) {
                        return null;
                    }
                } else if (norm >= nb.budget() * (1 - 1e-12)) {
                    for (int t = 0; t < z[f].length; t++) {
                        if (z[f][t] == 0.0) {
                            active.add(new int[] {L1_ZERO, f, t});
                            sig = sig * 31 + 7 * t;
                        } else {
                            sig = sig * 31 + (z[f][t] > 0 ? 11 : 13) * t;
                        }
                    }
                    active.add(new int[] {L1_SUM, f, 0});
                }
            } else {
                return null;
            }
        }
        double[][] zc = new double[z.length][];
        for (int f = 0; f < z.length; f++) {
            zc[f] = z[f].clone();
        }
        return new Guess(zero, pos, active, zc, sig == 0 ? 1 : sig);
    }

    /** Solves the equality-constrained QP of the guess; null when its KKT system is singular. */
    static Result solve(PinballAdmm s, Guess gs) {
        double[][] lastZ = gs.z();
        DesignMatrix x = s.data();
        int n = x.rows();
        int k = x.outputs();
        int p = x.params();
        int d = x.features();
        int kp = k * p;
        double nk = (double) n * k;
        List<ConstraintFamily> fams = s.families();
        double[] g = new double[kp];
        List<double[]> rows = new ArrayList<>();
        List<Double> rhs = new ArrayList<>();
        List<int[]> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                if (gs.zero()[i][j]) {
                    double[] r = new double[kp];
                    for (int c = 0; c < p; c++) {
                        r[j * p + c] = x.feature(i, c);
                    }
                    rows.add(r);
                    rhs.add(x.target(i, j));
                    tags.add(new int[] {-1, i, j});
                } else {
                    double a = gs.positive()[i][j] ? s.tau(j) : s.tau(j) - 1;
                    for (int c = 0; c < p; c++) {
                        g[j * p + c] -= a * x.feature(i, c) / nk;
                    }
                }
            }
        }
        for (int[] act : gs.active()) {
            ConstraintFamily fam = fams.get(act[1]);
            double[] r = new double[kp];
            double b;
            if (act[0] == BOX) {
                BoxFamily bf = (BoxFamily) fam;
                double[] e = new double[fam.mapDimension()];
                e[act[2]] = 1;
                double[][] predAdj = new double[n][k];
                double[][] th = new double[k][p];
                fam.addAdjoint(e, predAdj, th);
                x.addAdjoint(predAdj, th);
                for (int j = 0; j < k; j++) {
                    System.arraycopy(th[j], 0, r, j * p, p);
                }
                b = lastZ[act[1]][act[2]] == bf.upper(act[2]) ? bf.upper(act[2]) : bf.lower(act[2]);
            } else if (act[0] == L1_ZERO) {
                int t = act[2];
                r[(t / d) * p + t % d] = 1;
                b = 0;
            } else {
                double[] zf = lastZ[act[1]];
                for (int t = 0; t < zf.length; t++) {
                    if (zf[t] != 0) {
                        r[(t / d) * p + t % d] = Math.signum(zf[t]);
                    }
                }
                b = ((NormBudget) fam).budget();
            }
            rows.add(r);
            rhs.add(b);
            tags.add(act);
        }
        int m = rows.size();
        int sz = kp + m;
        DMatrixRMaj kkt = new DMatrixRMaj(sz, sz);
        double[] right = new double[sz];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                int q = j * p + c;
                kkt.data[q * sz + q] = 2 * s.ridge();
            }
        }
        for (int q = 0; q < kp; q++) {
            right[q] = -g[q];
        }
        for (int r = 0; r < m; r++) {
            double[] row = rows.get(r);
            for (int q = 0; q < kp; q++) {
                kkt.data[(kp + r) * sz + q] = row[q];
                kkt.data[q * sz + kp + r] = row[q];
            }
            right[kp + r] = rhs.get(r);
        }
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(sz);
        if (!lu.setA(kkt)) {
            return null;
        }
        double[] sol = new double[sz];
        lu.solve(DMatrixRMaj.wrap(sz, 1, right), DMatrixRMaj.wrap(sz, 1, sol));
        for (double v : sol) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        double[][] theta = new double[k][p];
        for (int j = 0; j < k; j++) {
            System.arraycopy(sol, j * p, theta[j], 0, p);
        }
        double[][] pred = new double[n][k];
        x.predict(theta, pred);
        double[][] a = new double[k][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                a[j][i] = gs.positive()[i][j] ? s.tau(j) : s.tau(j) - 1;
            }
        }
        double[][] u = new double[fams.size()][];
        for (int f = 0; f < fams.size(); f++) {
            u[f] = new double[fams.get(f).mapDimension()];
        }
        for (int r = 0; r < m; r++) {
            int[] tag = tags.get(r);
            double mu = sol[kp + r];
            if (tag[0] == -1) {
                a[tag[2]][tag[1]] = -nk * mu;
            } else if (tag[0] == BOX || tag[0] == L1_ZERO) {
                u[tag[1]][tag[2]] += mu;
            } else {
                double[] zf = lastZ[tag[1]];
                for (int t = 0; t < zf.length; t++) {
                    if (zf[t] != 0) {
                        u[tag[1]][t] += mu * Math.signum(zf[t]);
                    }
                }
            }
        }
        return new Result(theta, pred, a, u);
    }
}
