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

    ExactDualAscent(ConstrainedProblem problem, SolverOptions opt) {
        this.problem = problem;
        this.opt = opt;
        this.lagrangian = new Lagrangian(problem);
        this.fams = problem.families();
        this.offset = new int[fams.size() + 1];
        for (int fi = 0; fi < fams.size(); fi++) {
            ConstraintFamily f = fams.get(fi);
            int len;
            if (f instanceof LossBound) {
                len = f.size();
            } else if (f instanceof BoxFamily) {
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

    /** Multipliers in the certificate's form: constraint view for loss bounds, set view u = u+ - u- for boxes. */
    Multipliers multipliers(double[] nu) {
        double[][] v = new double[fams.size()][];
        boolean[] sv = new boolean[fams.size()];
        for (int fi = 0; fi < fams.size(); fi++) {
            ConstraintFamily f = fams.get(fi);
            if (f instanceof LossBound) {
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
                if (f instanceof LossBound lb) {
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
                            maxViolation = Math.max(maxViolation, g[c]);
                        }
                    }
                } else {
                    BoxFamily bf = (BoxFamily) f;
                    int mdim = f.mapDimension();
                    double[] z = new double[mdim];
                    f.map(theta, pred, z);
                    // smooth dual uses hi u+ - lo u- in place of sigma(u+ - u-)
                    double[] u = m.raw(fi);
                    d += f.support(u);
                    for (int t = 0; t < mdim; t++) {
                        double up = nu[o + t];
                        double dn = nu[o + mdim + t];
                        double hi = bf.upper(t);
                        double lo = bf.lower(t);
                        if (up != 0) {
                            d -= up * hi;
                        }
                        if (dn != 0) {
                            d += dn * lo;
                        }
                        grad[o + t] = Double.isInfinite(hi) ? 0 : z[t] - hi;
                        grad[o + mdim + t] = Double.isInfinite(lo) ? 0 : lo - z[t];
                        maxViolation = Math.max(maxViolation, Math.max(z[t] - hi, lo - z[t]));
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
            if (fams.get(fi) instanceof BoxFamily bf) {
                int m = bf.mapDimension();
                for (int t = 0; t < m; t++) {
                    upperFixed[offset[fi] + t] = Double.isInfinite(bf.upper(t)) ? 1 : 0;
                    upperFixed[offset[fi] + m + t] = Double.isInfinite(bf.lower(t)) ? 1 : 0;
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
            ProjectedLbfgs lbfgs = new ProjectedLbfgs(12, opt.maxIterations(), 0.0);
            iterations = lbfgs.minimize((x, g) -> {
                ev.run(x, g);
                for (int i = 0; i < g.length; i++) {
                    g[i] = upperFixed[i] == 1 ? 0 : -g[i];
                }
                return -ev.dual;
            }, nu, lower, (it, x, value, g) -> {
                // the monitor sees the state of the last evaluation, which is the accepted point
                return record(it, x, ev, log, best, infeasible, thetaOut, nuOut);
            });
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
