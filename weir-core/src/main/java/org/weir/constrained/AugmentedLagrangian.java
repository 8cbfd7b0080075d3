package org.weir.constrained;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The method of multipliers (Hestenes 1969, Powell 1969, Rockafellar 1973; Bertsekas, Constrained
 * Optimization and Lagrange Multiplier Methods, 1982). Loss bounds enter through the
 * Powell-Hestenes-Rockafellar term {@code (1/2c)(relu(lambda + c g)^2 - lambda^2)}; every other family through
 * its set view, {@code (c/2) dist(B theta + u/c, C)^2 - |u|^2/(2c)} (the Moreau envelope of the set's
 * indicator), so the inner problem is smooth and convex and is solved by L-BFGS. After each inner solve
 * {@code lambda <- relu(lambda + c g)}, {@code u <- c (w - P_C(w))}, and the penalty follows the schedule
 * (multiplicative, additive, or multiplicative with restart when every constraint holds). With
 * {@link SolverOptions.Formulation#QUADRATIC_PENALTY} the multipliers are not carried: each inner solve
 * minimizes the plain quadratic penalty, and the updated values serve only as the certificate's multipliers.
 */
final class AugmentedLagrangian {
    private static final double PENALTY_CAP = 1e6;
    /** The quadratic penalty has no multiplier to cancel against c: it may (and must) go much higher. */
    private static final double PENALTY_ONLY_CAP = 1e13;

    /**
     * The method of multipliers' penalty for the next round: back to the initial value once feasible under the
     * restarting schedule; otherwise grown (times or plus the growth, capped at 1e6) only while still infeasible
     * and the violation fell by less than 4x. Past feasibility a larger c only amplifies rounding in the
     * multiplier step {@code c (w - P(w))} and stalls the dual bound.
     */
    static double nextPenalty(SolverOptions opt, double c, double viol, double prevViol) {
        return nextPenalty(opt, c, viol, prevViol, PENALTY_CAP);
    }

    private static double nextPenalty(SolverOptions opt, double c, double viol, double prevViol, double cap) {
        if (opt.penaltySchedule() == SolverOptions.PenaltySchedule.MULTIPLICATIVE_WITH_RESTART
                && viol <= opt.feasibilityTolerance()) {
            return opt.penalty();
        }
        if (viol > opt.feasibilityTolerance() && viol > 0.25 * prevViol) {
            double grown = opt.penaltySchedule() == SolverOptions.PenaltySchedule.ADDITIVE ? c + opt.penaltyGrowth()
                    : c * opt.penaltyGrowth();
            return Math.min(grown, cap);
        }
        return c;
    }

    /**
     * Adds a set-view family's Moreau-envelope term {@code (c/2) dist(B theta + u/c, C)^2 - |u|^2/(2c)} to the
     * gradient accumulators and returns its value.
     */
    static double addSetViewTerm(ConstraintFamily fam, double[][] theta, double[][] pred, double[] u, double c,
            double[][] predAdj, double[][] direct) {
        double[] w = new double[fam.mapDimension()];
        fam.map(theta, pred, w);
        double uu = 0;
        for (int t = 0; t < w.length; t++) {
            w[t] += u[t] / c;
            uu += u[t] * u[t];
        }
        double[] pw = w.clone();
        fam.project(pw);
        double dd = 0;
        double[] diff = new double[w.length];
        for (int t = 0; t < w.length; t++) {
            double dv = w[t] - pw[t];
            dd += dv * dv;
            diff[t] = c * dv;
        }
        fam.addAdjoint(diff, predAdj, direct);
        return 0.5 * c * dd - uu / (2 * c);
    }

    /** The method of multipliers' update of a set-view family: {@code u <- c (w - P_C(w))}, {@code w = B theta + u/c}. */
    static double[] updatedSetViewMultipliers(ConstraintFamily fam, double[][] theta, double[][] pred, double[] u,
            double c) {
        double[] w = new double[fam.mapDimension()];
        fam.map(theta, pred, w);
        for (int t = 0; t < w.length; t++) {
            w[t] += u[t] / c;
        }
        double[] pw = w.clone();
        fam.project(pw);
        double[] next = new double[w.length];
        for (int t = 0; t < w.length; t++) {
            next[t] = c * (w[t] - pw[t]);
        }
        return next;
    }

    private static double[][] zeroLike(double[][] m) {
        double[][] z = new double[m.length][];
        for (int f = 0; f < m.length; f++) {
            z[f] = new double[m[f].length];
        }
        return z;
    }

    /** Index of the family holding the largest |multiplier| (-1 when all are empty). */
    static int largestMultiplierFamily(double[][] mult) {
        double mx = -1;
        int worst = -1;
        for (int f = 0; f < mult.length; f++) {
            double m = maxAbs(mult[f]);
            if (m > mx) {
                mx = m;
                worst = f;
            }
        }
        return worst;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private final ConstrainedProblem problem;
    private final SolverOptions opt;
    private final DesignMatrix x;
    private final List<ConstraintFamily> fams;
    private final Lagrangian lagrangian;
    private final boolean penaltyOnly;

    AugmentedLagrangian(ConstrainedProblem problem, SolverOptions opt) {
        this.penaltyOnly = opt.formulation() == SolverOptions.Formulation.QUADRATIC_PENALTY;
        this.problem = problem;
        this.opt = opt;
        this.x = problem.data();
        this.fams = problem.families();
        SetViewSupport.requireHard(fams, "augmented");
        this.lagrangian = new Lagrangian(problem);
    }

    private double[][] unflatten(double[] flat) {
        int k = x.outputs();
        int p = x.params();
        double[][] t = new double[k][p];
        for (int j = 0; j < k; j++) {
            System.arraycopy(flat, j * p, t[j], 0, p);
        }
        return t;
    }

    /** Augmented Lagrangian value and gradient (flat) at theta for multipliers and penalty c. */
    private double evaluate(double[] flat, double[] grad, double[][] mult, double c) {
        int n = x.rows();
        int k = x.outputs();
        int p = x.params();
        double[][] theta = unflatten(flat);
        double[][] pred = new double[n][k];
        x.predict(theta, pred);
        Objective obj = problem.objective();
        double w0 = obj.residualWeight(x);
        double val = obj.value(x, theta, pred);
        double[][] predAdj = new double[n][k];
        double[][] direct = new double[k][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                predAdj[i][j] = -2 * w0 * (x.target(i, j) - pred[i][j]);
            }
        }
        for (int j = 0; j < k; j++) {
            for (int e = 0; e < p; e++) {
                direct[j][e] = 2 * obj.paramRidge(x, e) * theta[j][e];
            }
        }
        for (int f = 0; f < fams.size(); f++) {
            ConstraintFamily fam = fams.get(f);
            double[] m = mult[f];
            if (fam instanceof LossBound lb) {
                for (int q = 0; q < lb.size(); q++) {
                    double g = lb.loss(q, pred) - lb.bound(q);
                    double a = Math.max(0, m[q] + c * g);
                    val += (a * a - m[q] * m[q]) / (2 * c);
                    if (a > 0) {
                        double s = -2 * a * lb.coefficient(q);
                        int o = lb.output(q);
                        for (int t = 0; t < lb.rowCount(q); t++) {
                            int i = lb.row(q, t);
                            if (o < 0) {
                                for (int j = 0; j < k; j++) {
                                    predAdj[i][j] += s * (x.target(i, j) - pred[i][j]);
                                }
                            } else {
                                predAdj[i][o] += s * (x.target(i, o) - pred[i][o]);
                            }
                        }
                    }
                }
            } else {
                val += addSetViewTerm(fam, theta, pred, m, c, predAdj, direct);
            }
        }
        x.addAdjoint(predAdj, direct);
        for (int j = 0; j < k; j++) {
            System.arraycopy(direct[j], 0, grad, j * p, p);
        }
        return val;
    }

    SolveOutcome solve() {
        int k = x.outputs();
        int p = x.params();
        double[] flat = new double[k * p];
        double[] lower = new double[k * p];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        double[][] mult = new double[fams.size()][];
        boolean[] sv = new boolean[fams.size()];
        for (int f = 0; f < fams.size(); f++) {
            ConstraintFamily fam = fams.get(f);
            sv[f] = !(fam instanceof LossBound);
            mult[f] = new double[sv[f] ? fam.mapDimension() : fam.size()];
        }
        Certifier certifier = new Certifier(lagrangian, opt.feasibilityTolerance(), opt.gapTolerance());
        List<IterationRecord> log = new ArrayList<>();
        double c = opt.penalty();
        double prevViol = Double.POSITIVE_INFINITY;
        double bestDual = Double.NEGATIVE_INFINITY;
        boolean infeasible = false;
        int worst = -1;
        int outer = 0;
        double innerTol = 1e-4;
        for (; outer < opt.maxIterations(); outer++) {
            final double cc = c;
            // quadratic penalty: every inner solve starts from zero multipliers (the estimates c relu(g) that
            // come out of it serve the certificate only)
            final double[][] mm = penaltyOnly ? zeroLike(mult) : mult;
            ProjectedLbfgs inner = new ProjectedLbfgs(12, 5000, innerTol);
            inner.minimize((xv, g) -> evaluate(xv, g, mm, cc), flat, lower, null);
            innerTol = Math.max(1e-11, innerTol * 0.1);
            double[][] theta = unflatten(flat);
            double[][] pred = new double[x.rows()][k];
            x.predict(theta, pred);
            double[][] next = new double[fams.size()][];
            for (int f = 0; f < fams.size(); f++) {
                ConstraintFamily fam = fams.get(f);
                if (fam instanceof LossBound lb) {
                    next[f] = new double[lb.size()];
                    for (int q = 0; q < lb.size(); q++) {
                        next[f][q] = Math.max(0, mm[f][q] + c * (lb.loss(q, pred) - lb.bound(q)));
                    }
                } else {
                    next[f] = updatedSetViewMultipliers(fam, theta, pred, mm[f], c);
                }
            }
            mult = next;
            Multipliers m = new Multipliers(mult, sv);
            Certificate cert = certifier.certify(theta, m, "augmented", false);
            bestDual = Math.max(bestDual, cert.dualBound());
            log.add(IterationRecord.of(outer, cert.objective(), cert.dualBound(), cert.maxViolation(), m,
                    cert.objective() - bestDual));
            if (cert.status() == Status.CERTIFIED) {
                outer++;
                break;
            }
            int worstFamily = largestMultiplierFamily(mult);
            if (worstFamily >= 0 && maxAbs(mult[worstFamily]) > opt.multiplierCap()) {
                worst = worstFamily;
                infeasible = true;
                outer++;
                break;
            }
            double viol = cert.maxViolation();
            c = nextPenalty(opt, c, viol, prevViol, penaltyOnly ? PENALTY_ONLY_CAP : PENALTY_CAP);
            prevViol = viol;
        }
        return new SolveOutcome(unflatten(flat), new Multipliers(mult, sv), outer, log, infeasible,
                infeasible ? worst : -1);
    }
}
