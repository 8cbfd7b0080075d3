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
 *
 * <p>When every family is affine in the set view (linear error tubes, output boxes, parity, weight order,
 * equalities) and the objective's Hessian is positive definite, the problem is a strictly convex QP with one
 * fixed Hessian and is solved exactly first by the Goldfarb-Idnani dual active-set method
 * ({@link DualActiveSetQp}): its iterates are exact dual points (the Lagrangian's minimizers at non-negative
 * multipliers), it adds the most violated constraint and drops blocking ones, so it needs about as many steps as
 * there are active constraints, each {@code O((k p)^2)} plus one pass over the data per batch of candidates.
 * On Feasible Learning over collinear reservoir states, where the dual's Hessian {@code X H^{-1} X^T} has rank p
 * but n rows, L-BFGS churned the active set for hundreds of iterations; the active-set method needs none of
 * that. L-BFGS remains the path for quadratic constraints, resilient families, and infeasible problems (its
 * growing multipliers seed the eps* bracket).
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
            SolveOutcome exact = activeSet(ev, grad, log);
            if (exact != null) {
                return exact;
            }
        }
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

    /** Largest {@code k p} for which the active-set path keeps its dense {@code (k p)^2} factor. */
    private static final int ACTIVE_SET_MAX_DIM = 2500;

    /**
     * When every family is affine in the set view (boxes and linear error tubes, equalities where
     * {@code lower == upper}) and the objective's Hessian is positive definite, the problem is a strictly convex
     * QP with a fixed Hessian: solve it exactly by the Goldfarb-Idnani dual active-set method
     * ({@link DualActiveSetQp}), whose iterates are exact dual points, and read the multipliers off its active
     * set. Returns null when the path does not apply or ran out of budget (the caller then runs L-BFGS).
     */
    private SolveOutcome activeSet(Eval ev, double[] grad, List<IterationRecord> log) {
        for (int fi = 0; fi < fams.size(); fi++) {
            if (!boxView[fi]) {
                return null;
            }
        }
        DesignMatrix x = problem.data();
        int k = x.outputs();
        int p = x.params();
        int qdim = k * p;
        if (qdim > ACTIVE_SET_MAX_DIM || dim == 0) {
            return null;
        }
        Multipliers zero = multipliers(new double[dim]);
        // G = 2 H (H the half Hessian, the same for every output when no multiplier reweights rows)
        double[] h = lagrangian.halfHessian(0, zero);
        org.ejml.interfaces.decomposition.CholeskyDecomposition_F64<org.ejml.data.DMatrixRMaj> chol =
                org.ejml.dense.row.factory.DecompositionFactory_DDRM.chol(p, true);
        if (!chol.decompose(org.ejml.data.DMatrixRMaj.wrap(p, p, h.clone()))) {
            return null;
        }
        double[] linv = chol.getT(null).data;
        org.ejml.dense.row.decomposition.TriangularSolver_DDRM.invertLower(linv, p);
        // J = (sqrt2 L)^{-T}, block diagonal over outputs: column (j p + c) is row c of L^{-1} / sqrt2
        double[][] jCols = new double[qdim][qdim];
        double inv2 = 1.0 / Math.sqrt(2.0);
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < p; c++) {
                for (int e = 0; e <= c; e++) {
                    jCols[j * p + c][j * p + e] = linv[c * p + e] * inv2;
                }
            }
        }
        double[][] theta0 = lagrangian.minimize(zero).theta();
        double[] xq = new double[qdim];
        for (int j = 0; j < k; j++) {
            System.arraycopy(theta0[j], 0, xq, j * p, p);
        }
        AffineConstraints cons = new AffineConstraints();
        DualActiveSetQp.Result res = DualActiveSetQp.solve(jCols, xq, cons, 20 * qdim + 2000);
        if (res.outcome() != DualActiveSetQp.Outcome.OPTIMAL) {
            // infeasible (or out of budget): the L-BFGS path drives the multipliers up, and their direction is
            // the warm start of the eps* bracket (MinimaxLoss)
            return null;
        }
        double[] nu = new double[dim];
        for (int a = 0; a < res.active().length; a++) {
            cons.addMultiplier(res.active()[a], res.multipliers()[a], nu);
        }
        boolean infeasible = false;
        ev.run(nu, grad);
        // the QP's own iterate is the primal answer: re-solving theta(nu) from the multipliers would amplify the
        // rounding of an ill-conditioned Hessian into constraint violations; the certificate's dual bound is
        // formed from nu independently
        double[][] theta = new double[k][p];
        for (int j = 0; j < k; j++) {
            System.arraycopy(res.x(), j * p, theta[j], 0, p);
        }
        double[] best = {Double.NEGATIVE_INFINITY};
        boolean[] capped = {false};
        double[][][] thetaOut = new double[1][][];
        double[] nuOut = new double[dim];
        record(res.iterations(), nu, ev, log, best, capped, thetaOut, nuOut);
        int worst = -1;
        if (infeasible || capped[0]) {
            double mx = -1;
            for (int fi = 0; fi < fams.size(); fi++) {
                for (int i = offset[fi]; i < offset[fi + 1]; i++) {
                    if (nu[i] > mx) {
                        mx = nu[i];
                        worst = fi;
                    }
                }
            }
        }
        return new SolveOutcome(theta, multipliers(nu), res.iterations(), log, infeasible || capped[0], worst);
    }

    /**
     * The box-view families as affine constraints {@code s_i = n_i'theta - b_i >= 0} over the stacked parameters:
     * per coordinate an upper side {@code hi - z_t}, a lower side {@code z_t - lo}, or one equality {@code z_t - lo}
     * when {@code lo == hi}.
     */
    private final class AffineConstraints implements DualActiveSetQp.Constraints {
        private final int[] fam;
        private final int[] coord;
        private final byte[] side; // +1 upper, -1 lower, 0 equality
        private final double[] b;
        private final double[] tol;

        AffineConstraints() {
            int count = 0;
            for (int fi = 0; fi < fams.size(); fi++) {
                int m = fams.get(fi).mapDimension();
                for (int t = 0; t < m; t++) {
                    double lo = boxLower(fi, t);
                    double hi = boxUpper(fi, t);
                    count += lo == hi ? 1 : (Double.isFinite(lo) ? 1 : 0) + (Double.isFinite(hi) ? 1 : 0);
                }
            }
            fam = new int[count];
            coord = new int[count];
            side = new byte[count];
            b = new double[count];
            tol = new double[count];
            int i = 0;
            for (int fi = 0; fi < fams.size(); fi++) {
                ConstraintFamily f = fams.get(fi);
                int m = f.mapDimension();
                // violations are measured in the family's units: squared errors for a tube (about 2 eps delta)
                double allowed = 0.01 * opt.feasibilityTolerance() * Math.min(1.0, f.scale());
                for (int t = 0; t < m; t++) {
                    double lo = boxLower(fi, t);
                    double hi = boxUpper(fi, t);
                    double tl = f instanceof LossBound ? allowed / Math.max(hi - lo, 1e-300) : allowed;
                    double floor = 1e-15 * Math.max(1.0, Math.max(Math.abs(lo == Double.NEGATIVE_INFINITY ? 0 : lo),
                            Math.abs(hi == Double.POSITIVE_INFINITY ? 0 : hi)));
                    tl = Math.max(tl, floor);
                    if (lo == hi) {
                        set(i++, fi, t, 0, lo, tl);
                        continue;
                    }
                    if (Double.isFinite(hi)) {
                        set(i++, fi, t, 1, -hi, tl);
                    }
                    if (Double.isFinite(lo)) {
                        set(i++, fi, t, -1, lo, tl);
                    }
                }
            }
        }

        private void set(int i, int fi, int t, int sd, double bound, double tl) {
            fam[i] = fi;
            coord[i] = t;
            side[i] = (byte) sd;
            b[i] = bound;
            tol[i] = tl;
        }

        @Override
        public int count() {
            return fam.length;
        }

        @Override
        public boolean isEquality(int i) {
            return side[i] == 0;
        }

        @Override
        public double bound(int i) {
            return b[i];
        }

        @Override
        public double tolerance(int i) {
            return tol[i];
        }

        private double[][] unstack(double[] xs) {
            DesignMatrix x = problem.data();
            int p = x.params();
            double[][] theta = new double[x.outputs()][p];
            for (int j = 0; j < theta.length; j++) {
                System.arraycopy(xs, j * p, theta[j], 0, p);
            }
            return theta;
        }

        @Override
        public void slacks(double[] xs, double[] s) {
            DesignMatrix x = problem.data();
            double[][] theta = unstack(xs);
            double[][] pred = new double[x.rows()][x.outputs()];
            x.predict(theta, pred);
            double[][] z = new double[fams.size()][];
            for (int fi = 0; fi < fams.size(); fi++) {
                z[fi] = new double[fams.get(fi).mapDimension()];
                fams.get(fi).map(theta, pred, z[fi]);
            }
            for (int i = 0; i < s.length; i++) {
                double zi = z[fam[i]][coord[i]];
                s[i] = side[i] == 1 ? -zi - b[i] : zi - b[i];
            }
        }

        @Override
        public void normal(int i, double[] out) {
            DesignMatrix x = problem.data();
            int k = x.outputs();
            int p = x.params();
            ConstraintFamily f = fams.get(fam[i]);
            double[] unit = new double[f.mapDimension()];
            unit[coord[i]] = side[i] == 1 ? -1.0 : 1.0;
            double[][] predAdj = new double[x.rows()][k];
            double[][] th = new double[k][p];
            f.addAdjoint(unit, predAdj, th);
            x.addAdjoint(predAdj, th);
            for (int j = 0; j < k; j++) {
                System.arraycopy(th[j], 0, out, j * p, p);
            }
        }

        /** Adds the multiplier mu of constraint i (term {@code -mu s_i}) to the split dual vector nu. */
        void addMultiplier(int i, double mu, double[] nu) {
            int fi = fam[i];
            int m = fams.get(fi).mapDimension();
            int t = coord[i];
            // in L: u_t z_t - sigma(u), u = nu+ - nu-: upper side gives u = +mu, lower side u = -mu
            double ut = side[i] == 1 ? mu : -mu;
            if (ut >= 0) {
                nu[offset[fi] + t] += ut;
            } else {
                nu[offset[fi] + m + t] -= ut;
            }
        }
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
