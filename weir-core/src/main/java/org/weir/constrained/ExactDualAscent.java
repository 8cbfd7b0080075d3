package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact dual ascent for squared-loss bounds and box-type families. For fixed multipliers the Lagrangian's
 * minimizer is a closed-form reweighted ridge readout (sample weights {@code 1/(nk) + sum lambda_c a_c}),
 * so the dual function {@code d(lambda) = min_theta L(theta, lambda)} is evaluated exactly and is smooth and
 * concave with gradient {@code g(theta(lambda))} (Danskin's theorem). The multipliers move by projected
 * L-BFGS to the dual maximum (optimal dualization), by projected gradient ascent, or by nuPI; the readout
 * is the reweighted ridge solution at the final multipliers. With per-sample bounds this is Feasible
 * Learning (Ramirez et al., AISTATS 2025) as iteratively reweighted ridge.
 *
 * <p>Box families enter with split multipliers {@code u = u+ - u-}, both non-negative. Norm balls have a
 * non-smooth dual and are refused (use ADMM or the augmented Lagrangian).
 */
final class ExactDualAscent {
    private final ConstrainedProblem problem;
    private final SolverOptions opt;
    private final Lagrangian lagrangian;
    private final List<ConstraintFamily> fams;
    private final int[] offset; // start of each family's dual block in nu
    private final int dim;
    private final boolean[] boxView; // families dualized as boxes (box families and linear error tubes)

    ExactDualAscent(ConstrainedProblem problem, SolverOptions opt) {
        this.problem = problem;
        this.opt = opt;
        this.lagrangian = new Lagrangian(problem);
        this.fams = problem.families();
        this.offset = new int[fams.size() + 1];
        this.boxView = new boolean[fams.size()];
        for (int fi = 0; fi < fams.size(); fi++) {
            ConstraintFamily f = fams.get(fi);
            int len;
            if (f instanceof LossBound lb && !(opt.tubeDualization() == SolverOptions.TubeDualization.LINEAR
                    && !lb.isResilient() && lb.isTube())) {
                len = f.size();
            } else if (f instanceof BoxFamily || f instanceof LossBound) {
                boxView[fi] = true;
                len = 2 * f.mapDimension();
            } else {
                throw new IllegalArgumentException("the dual-ascent solver needs a smooth dual; family '" + f.name()
                        + "' is not supported by it (use --solver admm or augmented)");
            }
            offset[fi + 1] = offset[fi] + len;
        }
        this.dim = offset[fams.size()];
    }

    Lagrangian lagrangian() {
        return lagrangian;
    }

    private double boxLower(int fi, int t) {
        ConstraintFamily f = fams.get(fi);
        return f instanceof BoxFamily bf ? bf.lower(t) : ((LossBound) f).tubeLower(t);
    }

    private double boxUpper(int fi, int t) {
        ConstraintFamily f = fams.get(fi);
        return f instanceof BoxFamily bf ? bf.upper(t) : ((LossBound) f).tubeUpper(t);
    }

    /** Multipliers in the certificate's form: constraint view for loss bounds, set view u = u+ - u- for boxes. */
    Multipliers multipliers(double[] nu) {
        double[][] v = new double[fams.size()][];
        boolean[] sv = new boolean[fams.size()];
        for (int fi = 0; fi < fams.size(); fi++) {
            ConstraintFamily f = fams.get(fi);
            if (!boxView[fi]) {
                v[fi] = java.util.Arrays.copyOfRange(nu, offset[fi], offset[fi + 1]);
            } else {
                int m = f.mapDimension();
                v[fi] = new double[m];
                for (int t = 0; t < m; t++) {
                    v[fi][t] = nu[offset[fi] + t] - nu[offset[fi] + m + t];
                }
                sv[fi] = true;
            }
        }
        return new Multipliers(v, sv);
    }

    /** One dual evaluation. */
    private final class Eval {
        double dual;
        double objective;
        /** Largest violation divided by min(1, family scale). */
        double maxViolation;
        double[][] theta;

        /** Fills grad = gradient of d at nu (with resilient decay). */
        void run(double[] nu, double[] grad) {
            Multipliers m = multipliers(nu);
            Lagrangian.Minimum min = lagrangian.minimize(m);
            theta = min.theta();
            double[][] pred = min.pred();
            double d = min.value();
            objective = problem.objective().value(problem.data(), theta, pred);
            maxViolation = 0;
            for (int fi = 0; fi < fams.size(); fi++) {
                ConstraintFamily f = fams.get(fi);
                int o = offset[fi];
                if (!boxView[fi]) {
                    LossBound lb = (LossBound) f;
                    double[] g = new double[f.size()];
                    f.measure(theta, pred, g);
                    double beta = lb.resilience();
                    for (int c = 0; c < g.length; c++) {
                        double slack = Double.isFinite(beta) ? nu[o + c] / beta : 0;
                        grad[o + c] = g[c] - slack;
                        if (Double.isFinite(beta)) {
                            double s = Math.max(g[c], 0);
                            objective += 0.5 * beta * s * s;
                        } else {
                            maxViolation = Math.max(maxViolation, g[c] / Math.min(1.0, f.scale()));
                        }
                    }
                } else {
                    int mdim = f.mapDimension();
                    double[] z = new double[mdim];
                    f.map(theta, pred, z);
                    double[] gm = null;
                    if (f instanceof LossBound) {
                        // violations as the certificate measures them (squared errors)
                        gm = new double[f.size()];
                        f.measure(theta, pred, gm);
                    }
                    // smooth dual uses hi u+ - lo u- in place of sigma(u+ - u-)
                    double[] u = m.raw(fi);
                    d += f.support(u);
                    for (int t = 0; t < mdim; t++) {
                        double up = nu[o + t];
                        double dn = nu[o + mdim + t];
                        double hi = boxUpper(fi, t);
                        double lo = boxLower(fi, t);
                        if (up != 0) {
                            d -= up * hi;
                        }
                        if (dn != 0) {
                            d += dn * lo;
                        }
                        grad[o + t] = Double.isInfinite(hi) ? 0 : z[t] - hi;
                        grad[o + mdim + t] = Double.isInfinite(lo) ? 0 : lo - z[t];
                        double viol = gm != null ? gm[t] : Math.max(z[t] - hi, lo - z[t]);
                        maxViolation = Math.max(maxViolation, viol / Math.min(1.0, f.scale()));
                    }
                }
            }
            dual = d;
        }
    }

    SolveOutcome solve() {
        double[] nu = new double[dim];
        double[] lower = new double[dim];
        double[] upperFixed = new double[dim]; // 1 where the bound is infinite: multiplier held at 0
        for (int fi = 0; fi < fams.size(); fi++) {
            if (boxView[fi]) {
                int m = fams.get(fi).mapDimension();
                for (int t = 0; t < m; t++) {
                    upperFixed[offset[fi] + t] = Double.isInfinite(boxUpper(fi, t)) ? 1 : 0;
                    upperFixed[offset[fi] + m + t] = Double.isInfinite(boxLower(fi, t)) ? 1 : 0;
                }
            }
        }
        List<IterationRecord> log = new ArrayList<>();
        double[] best = {Double.NEGATIVE_INFINITY};
        boolean[] infeasible = {false};
        double[][][] thetaOut = new double[1][][];
        double[] nuOut = new double[dim];
        Eval ev = new Eval();
        double[] grad = new double[dim];
        int iterations;
        if (opt.dualOptimizer() == SolverOptions.DualOptimizer.LBFGS) {
            // alternate L-BFGS phases with Newton polishing on the active multipliers: L-BFGS finds the active
            // set cheaply, the Newton steps converge fast once it is (nearly) right
            iterations = 0;
            boolean[] stop = {false};
            int phase = 20;
            while (iterations < opt.maxIterations() && !stop[0]) {
                final int base = iterations;
                ProjectedLbfgs lbfgs = new ProjectedLbfgs(12, Math.min(phase, opt.maxIterations() - iterations), 0.0);
                iterations += lbfgs.minimize((x, g) -> {
                    ev.run(x, g);
                    for (int i = 0; i < g.length; i++) {
                        g[i] = upperFixed[i] == 1 ? 0 : -g[i];
                    }
                    return -ev.dual;
                }, nu, lower, (it, x, value, g) -> {
                    // the monitor sees the state of the last evaluation, which is the accepted point
                    stop[0] = record(base + it, x, ev, log, best, infeasible, thetaOut, nuOut);
                    return stop[0];
                });
                if (stop[0] || infeasible[0] || iterations >= opt.maxIterations()) {
                    break;
                }
                System.arraycopy(nuOut, 0, nu, 0, dim);
                ev.run(nu, grad);
                int steps = newtonPolish(nu, grad, upperFixed, ev, log, best, infeasible, thetaOut, nuOut, iterations);
                iterations += steps;
                stop[0] = infeasible[0] || certified(ev);
                System.arraycopy(nuOut, 0, nu, 0, dim);
                phase = 50;
            }
        } else {
            double[] xiPrev = new double[dim];
            double[] xi = new double[dim];
            iterations = 0;
            for (int it = 0; it <= opt.maxIterations(); it++) {
                ev.run(nu, grad);
                iterations = it;
                if (record(it, nu, ev, log, best, infeasible, thetaOut, nuOut)) {
                    break;
                }
                double eta = opt.stepSize();
                boolean pi = opt.dualOptimizer() == SolverOptions.DualOptimizer.NU_PI;
                for (int i = 0; i < dim; i++) {
                    if (upperFixed[i] == 1) {
                        continue;
                    }
                    double step;
                    if (pi) {
                        xi[i] = opt.nuPiEma() * xiPrev[i] + (1 - opt.nuPiEma()) * grad[i];
                        step = opt.nuPiIntegral() * grad[i] + opt.nuPiProportional() * (xi[i] - xiPrev[i]);
                        xiPrev[i] = xi[i];
                    } else {
                        step = grad[i];
                    }
                    nu[i] = Math.max(0, nu[i] + eta * step);
                }
            }
        }
        if (thetaOut[0] == null) {
            ev.run(nu, grad);
            thetaOut[0] = ev.theta;
            System.arraycopy(nu, 0, nuOut, 0, dim);
        }
        int worst = -1;
        if (infeasible[0]) {
            double mx = -1;
            for (int fi = 0; fi < fams.size(); fi++) {
                for (int i = offset[fi]; i < offset[fi + 1]; i++) {
                    if (nuOut[i] > mx) {
                        mx = nuOut[i];
                        worst = fi;
                    }
                }
            }
        }
        return new SolveOutcome(thetaOut[0], multipliers(nuOut), iterations, log, infeasible[0], worst);
    }

    /**
     * Newton steps on the dual restricted to the constraints with positive multipliers or positive violation:
     * {@code Hess d = -J (grad^2_theta L)^{-1} J^T} (minus {@code 1/beta} for resilient ones), so the step solves
     * {@code (J (2H)^{-1} J^T + diag(1/beta)) delta = grad d}, projected onto {@code nu >= 0} with backtracking.
     * Finishes what L-BFGS left when the dual is badly conditioned near its maximum.
     */
    private int newtonPolish(double[] nu, double[] grad, double[] upperFixed, Eval ev, List<IterationRecord> log,
            double[] best, boolean[] infeasible, double[][][] thetaOut, double[] nuOut, int it0) {
        DesignMatrix x = problem.data();
        int k = x.outputs();
        int p = x.params();
        int steps = 0;
        for (int round = 0; round < 30; round++) {
            int[] act = java.util.stream.IntStream.range(0, dim)
                    .filter(i -> upperFixed[i] == 0 && (nu[i] > 0 || grad[i] > 0)).toArray();
            if (act.length == 0 || act.length > 2 * k * p) {
                // nothing to polish, or far more active constraints than parameters (the dual Hessian is then
                // singular, typically on the way to infeasibility): leave it to L-BFGS
                break;
            }
            Multipliers m = multipliers(nu);
            double[][] pred = new double[x.rows()][k];
            x.predict(ev.theta, pred);
            // rows of J (per output block), for the active duals
            double[][][] jac = new double[act.length][][];
            for (int a = 0; a < act.length; a++) {
                jac[a] = jacobianRow(act[a], ev.theta, pred);
            }
            // (2H_j)^{-1} J_j^T per output
            double[][][] hinvJ = new double[act.length][k][];
            for (int j = 0; j < k; j++) {
                double[] h = lagrangian.halfHessian(j, m);
                org.ejml.interfaces.linsol.LinearSolverDense<org.ejml.data.DMatrixRMaj> sol =
                        org.ejml.dense.row.factory.LinearSolverFactory_DDRM.chol(p);
                if (!sol.setA(org.ejml.data.DMatrixRMaj.wrap(p, p, h))) {
                    return steps;
                }
                for (int a = 0; a < act.length; a++) {
                    if (jac[a][j] == null) {
                        continue;
                    }
                    double[] out = new double[p];
                    sol.solve(org.ejml.data.DMatrixRMaj.wrap(p, 1, jac[a][j].clone()),
                            org.ejml.data.DMatrixRMaj.wrap(p, 1, out));
                    for (int c = 0; c < p; c++) {
                        out[c] *= 0.5;
                    }
                    hinvJ[a][j] = out;
                }
            }
            int na = act.length;
            org.ejml.data.DMatrixRMaj mm = new org.ejml.data.DMatrixRMaj(na, na);
            for (int a = 0; a < na; a++) {
                for (int b = a; b < na; b++) {
                    double s = 0;
                    for (int j = 0; j < k; j++) {
                        if (jac[a][j] != null && hinvJ[b][j] != null) {
                            for (int c = 0; c < p; c++) {
                                s += jac[a][j][c] * hinvJ[b][j][c];
                            }
                        }
                    }
                    mm.set(a, b, s);
                    mm.set(b, a, s);
                }
                mm.add(a, a, resilientDecay(act[a]) + 1e-14 * Math.abs(mm.get(a, a)) + 1e-300);
            }
            double[] rhs = new double[na];
            for (int a = 0; a < na; a++) {
                rhs[a] = grad[act[a]];
            }
            double[] delta = new double[na];
            org.ejml.interfaces.linsol.LinearSolverDense<org.ejml.data.DMatrixRMaj> ms =
                    org.ejml.dense.row.factory.LinearSolverFactory_DDRM.chol(na);
            org.ejml.data.DMatrixRMaj mmCopy = mm.copy();
            if (!ms.setA(mm)) {
                mm = mmCopy;
                // singular (more active constraints than the parameters determine): regularize lightly
                double tr = 0;
                for (int a = 0; a < na; a++) {
                    tr += mm.get(a, a);
                }
                for (int a = 0; a < na; a++) {
                    mm.add(a, a, 1e-10 * tr / na);
                }
                ms = org.ejml.dense.row.factory.LinearSolverFactory_DDRM.chol(na);
                if (!ms.setA(mm)) {
                    return steps;
                }
            }
            ms.solve(org.ejml.data.DMatrixRMaj.wrap(na, 1, rhs), org.ejml.data.DMatrixRMaj.wrap(na, 1, delta));
            double d0 = ev.dual;
            double[] trial = nu.clone();
            double[] g2 = new double[dim];
            double t = 1.0;
            boolean ok = false;
            for (int ls = 0; ls < 30; ls++) {
                System.arraycopy(nu, 0, trial, 0, dim);
                for (int a = 0; a < na; a++) {
                    trial[act[a]] = Math.max(0, nu[act[a]] + t * delta[a]);
                }
                ev.run(trial, g2);
                if (ev.dual >= d0 - 1e-15 * Math.max(1, Math.abs(d0))) {
                    ok = true;
                    break;
                }
                t *= 0.5;
            }
            if (!ok) {
                ev.run(nu, grad);
                return steps;
            }
            System.arraycopy(trial, 0, nu, 0, dim);
            System.arraycopy(g2, 0, grad, 0, dim);
            steps++;
            if (record(it0 + steps, nu, ev, log, best, infeasible, thetaOut, nuOut)) {
                break;
            }
        }
        return steps;
    }

    private double resilientDecay(int dualIndex) {
        for (int fi = 0; fi < fams.size(); fi++) {
            if (dualIndex >= offset[fi] && dualIndex < offset[fi + 1]) {
                return fams.get(fi) instanceof LossBound lb && lb.isResilient() ? 1.0 / lb.resilience() : 0.0;
            }
        }
        return 0.0;
    }

    /** Gradient in theta (per output block, null where zero) of the dual variable's constraint function. */
    private double[][] jacobianRow(int dualIndex, double[][] theta, double[][] pred) {
        DesignMatrix x = problem.data();
        int k = x.outputs();
        int p = x.params();
        int fi = 0;
        while (!(dualIndex >= offset[fi] && dualIndex < offset[fi + 1])) {
            fi++;
        }
        ConstraintFamily f = fams.get(fi);
        int local = dualIndex - offset[fi];
        double[][] row = new double[k][];
        double[] xa = x.augmentedRows();
        if (!boxView[fi]) {
            LossBound lb = (LossBound) f;
            int o = lb.output(local);
            for (int t = 0; t < lb.rowCount(local); t++) {
                int i = lb.row(local, t);
                for (int j = 0; j < k; j++) {
                    if (o >= 0 && o != j) {
                        continue;
                    }
                    if (row[j] == null) {
                        row[j] = new double[p];
                    }
                    double s = -2 * lb.coefficient(local) * (x.target(i, j) - pred[i][j]);
                    for (int c = 0; c < p; c++) {
                        row[j][c] += s * xa[i * p + c];
                    }
                }
            }
        } else {
            int mdim = f.mapDimension();
            double sign = local < mdim ? 1.0 : -1.0;
            double[] u = new double[mdim];
            u[local % mdim] = sign;
            double[][] predAdj = new double[x.rows()][k];
            double[][] th = new double[k][p];
            f.addAdjoint(u, predAdj, th);
            x.addAdjoint(predAdj, th);
            for (int j = 0; j < k; j++) {
                row[j] = th[j];
            }
        }
        return row;
    }

    private boolean certified(Eval ev) {
        double relGap = (ev.objective - ev.dual) / Math.max(1.0, Math.abs(ev.objective));
        return ev.maxViolation <= opt.feasibilityTolerance() && relGap <= opt.gapTolerance();
    }

    /** Logs the current point; returns true to stop (certified or infeasible). */
    private boolean record(int it, double[] nu, Eval ev, List<IterationRecord> log, double[] best,
            boolean[] infeasible, double[][][] thetaOut, double[] nuOut) {
        best[0] = Math.max(best[0], ev.dual);
        Multipliers m = multipliers(nu);
        double gap = ev.objective - best[0];
        log.add(IterationRecord.of(it, ev.objective, ev.dual, ev.maxViolation, m, gap));
        thetaOut[0] = ev.theta;
        System.arraycopy(nu, 0, nuOut, 0, nu.length);
        double mx = 0;
        for (double v : nu) {
            mx = Math.max(mx, v);
        }
        if (mx > opt.multiplierCap()) {
            infeasible[0] = true;
            return true;
        }
        double relGap = (ev.objective - ev.dual) / Math.max(1.0, Math.abs(ev.objective));
        return ev.maxViolation <= opt.feasibilityTolerance() && relGap <= opt.gapTolerance();
    }
}
