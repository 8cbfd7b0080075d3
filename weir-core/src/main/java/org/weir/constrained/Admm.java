package org.weir.constrained;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * ADMM for {@code min f(theta) s.t. B_f theta in C_f} (Boyd et al., "Distributed optimization and statistical
 * learning via the alternating direction method of multipliers", 2011, sec. 3 and 5): the theta step solves
 * {@code (2 H_f + rho sum B^T B) theta = ...} with one cached Cholesky factor per output, the z step projects
 * onto each set, the scaled dual {@code v} accumulates the residual; over-relaxation 1.6 and residual
 * balancing of rho (refactoring only when rho changes). Every family's set view is used, so output boxes,
 * error tubes, group error balls, parity, sign/order constraints and norm balls all work.
 */
final class Admm {
    private static final double RELAX = 1.6;
    private static final int CHECK_EVERY = 10;

    private final ConstrainedProblem problem;
    private final SolverOptions opt;
    private final DesignMatrix x;
    private final List<ConstraintFamily> fams;
    private final Lagrangian lagrangian;
    private final double[][] h0; // per output: 2 * (half Hessian of f)
    private final double[][] normal; // per output: sum B^T B
    private final double[][] fty; // per output: 2 w0 X~^T y_j

    Admm(ConstrainedProblem problem, SolverOptions opt) {
        this.problem = problem;
        this.opt = opt;
        this.x = problem.data();
        this.fams = problem.families();
        SetViewSupport.requireHard(fams, "admm");
        this.lagrangian = new Lagrangian(problem);
        int k = x.outputs();
        int p = x.params();
        Multipliers none = SetViewSupport.setView(zeros(), 1.0);
        this.h0 = new double[k][];
        this.normal = new double[k][];
        this.fty = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] h = lagrangian.halfHessian(j, none);
            for (int c = 0; c < h.length; c++) {
                h[c] *= 2;
            }
            h0[j] = h;
            double[] nm = new double[p * p];
            for (ConstraintFamily f : fams) {
                f.addNormalMatrix(j, 1.0, nm);
            }
            normal[j] = nm;
            double[] r = lagrangian.rhs(j, none, new double[p]);
            for (int c = 0; c < p; c++) {
                r[c] *= 2;
            }
            fty[j] = r;
        }
    }

    private double[][] zeros() {
        double[][] u = new double[fams.size()][];
        for (int f = 0; f < fams.size(); f++) {
            u[f] = new double[fams.get(f).mapDimension()];
        }
        return u;
    }

    private LinearSolverDense<DMatrixRMaj>[] factor(double rho) {
        int p = x.params();
        @SuppressWarnings("unchecked")
        LinearSolverDense<DMatrixRMaj>[] s = new LinearSolverDense[x.outputs()];
        for (int j = 0; j < x.outputs(); j++) {
            DMatrixRMaj m = new DMatrixRMaj(p, p);
            for (int c = 0; c < p * p; c++) {
                m.data[c] = h0[j][c] + rho * normal[j][c];
            }
            s[j] = LinearSolverFactory_DDRM.chol(p);
            if (!s[j].setA(m)) {
                throw new IllegalArgumentException("ADMM system is singular: the objective needs ridge > 0 or the "
                        + "constraints must determine every parameter");
            }
        }
        return s;
    }

    SolveOutcome solve() {
        int k = x.outputs();
        int p = x.params();
        // scale rho to the ratio of the objective's and the constraints' curvature
        double trH = 0;
        double trN = 0;
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < p; c++) {
                trH += h0[j][c * p + c];
                trN += normal[j][c * p + c];
            }
        }
        double rho = opt.penalty() * (trN > 0 && trH > 0 ? trH / trN : 1.0);
        LinearSolverDense<DMatrixRMaj>[] solvers = factor(rho);
        double[][] z = zeros();
        double[][] v = zeros();
        double[][] theta = new double[k][p];
        double[][] pred = new double[x.rows()][k];
        Certifier certifier = new Certifier(lagrangian, opt.feasibilityTolerance(), opt.gapTolerance());
        ConvergenceLog log = new ConvergenceLog();
        int it = 0;
        for (; it < opt.maxIterations(); it++) {
            double[][] zmv = zeros();
            for (int f = 0; f < fams.size(); f++) {
                for (int t = 0; t < zmv[f].length; t++) {
                    zmv[f][t] = z[f][t] - v[f][t];
                }
            }
            double[][] adj = SetViewSupport.adjoint(x, fams, zmv);
            for (int j = 0; j < k; j++) {
                double[] r = new double[p];
                for (int c = 0; c < p; c++) {
                    r[c] = fty[j][c] + rho * adj[j][c];
                }
                solvers[j].solve(DMatrixRMaj.wrap(p, 1, r), DMatrixRMaj.wrap(p, 1, theta[j]));
            }
            x.predict(theta, pred);
            double rPrim = 0;
            double rDual = 0;
            for (int f = 0; f < fams.size(); f++) {
                ConstraintFamily fam = fams.get(f);
                double[] zb = new double[fam.mapDimension()];
                fam.map(theta, pred, zb);
                double[] zOld = z[f].clone();
                double[] w = new double[zb.length];
                for (int t = 0; t < zb.length; t++) {
                    w[t] = RELAX * zb[t] + (1 - RELAX) * zOld[t] + v[f][t];
                }
                double[] zn = w.clone();
                fam.project(zn);
                for (int t = 0; t < zb.length; t++) {
                    double zh = RELAX * zb[t] + (1 - RELAX) * zOld[t];
                    v[f][t] += zh - zn[t];
                    double pr = zb[t] - zn[t];
                    rPrim += pr * pr;
                    double dz = zn[t] - zOld[t];
                    rDual += dz * dz;
                }
                z[f] = zn;
            }
            rPrim = Math.sqrt(rPrim);
            rDual = rho * Math.sqrt(rDual);
            boolean check = it % CHECK_EVERY == CHECK_EVERY - 1 || it == opt.maxIterations() - 1;
            if (check) {
                Multipliers m = SetViewSupport.setView(v, rho);
                Certificate c = certifier.certify(theta, m, "admm", false);
                log.add(it, c, m);
                if (c.status() == Status.CERTIFIED) {
                    it++;
                    break;
                }
                if (rPrim > 10 * rDual || rDual > 10 * rPrim) {
                    double fct = rPrim > 10 * rDual ? 2.0 : 0.5;
                    rho *= fct;
                    for (double[] vf : v) {
                        for (int t = 0; t < vf.length; t++) {
                            vf[t] /= fct;
                        }
                    }
                    solvers = factor(rho);
                }
            }
        }
        return new SolveOutcome(theta, SetViewSupport.setView(v, rho), it, log.records(), false, -1);
    }
}
