package org.weir.constrained;

import java.util.Arrays;
import java.util.List;

/**
 * The outer loop of the method of multipliers (Hestenes 1969, Powell 1969; Bertsekas, Constrained Optimization and
 * Lagrange Multiplier Methods, 1982), shared by {@link AugmentedLagrangian} and {@link CrossEntropyFit}: each round
 * minimizes the solver's augmented Lagrangian by L-BFGS to a tolerance that tightens tenfold per round, updates the
 * multipliers ({@code lambda <- relu(lambda + c g)} for the solver's bound families, {@code u <- c (w - P_C(w))}
 * for set views), certifies, and stops when certified, when a multiplier passes the cap (infeasibility suspected),
 * or when the iterate has stalled; otherwise the penalty follows {@link #nextPenalty}.
 */
final class AugmentedLagrangianLoop {
    /** The method of multipliers' penalty cap: a larger c only amplifies rounding in the multiplier step. */
    static final double PENALTY_CAP = 1e6;
    /** Stall stop: only once the inner solve ran at this tolerance or tighter. */
    private static final double STALL_INNER_TOLERANCE = 1e-12;

    /** What the loop needs from a solver: its augmented Lagrangian, its bound constraints and its certificate. */
    interface Terms {
        /** True when family f takes set-view multipliers ({@code u}, one per map coordinate), false for a bound. */
        boolean isSetView(int f);

        /**
         * Augmented Lagrangian at the flat parameters (output-major, k times p) for multipliers mult and penalty c;
         * writes its gradient into grad.
         */
        double value(double[] flat, double[] grad, double[][] mult, double c);

        /** Constraint values {@code g} of bound family f (not a set view) at theta with predictions pred. */
        double[] constraints(int f, double[][] theta, double[][] pred);

        /** The solver's certificate at theta (predictions pred) with the updated multipliers m. */
        Certificate certify(double[][] theta, double[][] pred, Multipliers m);
    }

    /**
     * A solver's schedule.
     *
     * @param firstInnerTolerance the first round's L-BFGS tolerance
     * @param innerToleranceFloor the tightest L-BFGS tolerance; the stall stop (objective unchanged to 1e-15
     *     relative while feasible) needs a round run at 1e-12 or tighter, so a floor above that never stalls out
     * @param penaltyCap the largest penalty {@link #nextPenalty} may reach
     * @param carryMultipliers false for the quadratic penalty: every round starts from zero multipliers, and the
     *     updated ones serve only the certificate
     */
    record Schedule(double firstInnerTolerance, double innerToleranceFloor, double penaltyCap,
            boolean carryMultipliers) {
    }

    /** The solve and the certificate of its last round (null when no round ran). */
    record Result(SolveOutcome solve, Certificate certificate) {
    }

    private final DesignMatrix x;
    private final List<ConstraintFamily> fams;
    private final SolverOptions opt;
    private final Schedule schedule;

    AugmentedLagrangianLoop(ConstrainedProblem problem, SolverOptions opt, Schedule schedule) {
        this.x = problem.data();
        this.fams = problem.families();
        this.opt = opt;
        this.schedule = schedule;
    }

    /**
     * The method of multipliers' penalty for the next round: back to the initial value once feasible under the
     * restarting schedule; otherwise grown (times or plus the growth, capped) only while still infeasible and the
     * violation fell by less than 4x. Past feasibility a larger c only amplifies rounding in the multiplier step
     * {@code c (w - P(w))} and stalls the dual bound.
     */
    static double nextPenalty(SolverOptions opt, double c, double viol, double prevViol, double cap) {
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

    /**
     * The method of multipliers' update of a set-view family: {@code u <- c (w - P_C(w))}, {@code w = B theta + u/c}.
     */
    private static double[] updatedSetViewMultipliers(ConstraintFamily fam, double[][] theta, double[][] pred,
            double[] u, double c) {
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

    /** The k x p parameters of the flat (output-major) vector. */
    static double[][] unflatten(double[] flat, int k, int p) {
        double[][] t = new double[k][p];
        for (int j = 0; j < k; j++) {
            System.arraycopy(flat, j * p, t[j], 0, p);
        }
        return t;
    }

    private static double[][] zeroLike(double[][] m) {
        double[][] z = new double[m.length][];
        for (int f = 0; f < m.length; f++) {
            z[f] = new double[m[f].length];
        }
        return z;
    }

    /** Index of the family holding the largest |multiplier| (-1 when all are empty). */
    private static int largestMultiplierFamily(double[][] mult) {
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

    /** Runs the outer loop from theta = 0 and zero multipliers. */
    Result run(Terms terms) {
        int k = x.outputs();
        int p = x.params();
        double[] flat = new double[k * p];
        double[] lower = new double[k * p];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        double[][] mult = new double[fams.size()][];
        boolean[] sv = new boolean[fams.size()];
        for (int f = 0; f < fams.size(); f++) {
            sv[f] = terms.isSetView(f);
            mult[f] = new double[sv[f] ? fams.get(f).mapDimension() : fams.get(f).size()];
        }
        ConvergenceLog log = new ConvergenceLog();
        double c = opt.penalty();
        double prevViol = Double.POSITIVE_INFINITY;
        double innerTol = schedule.firstInnerTolerance();
        boolean infeasible = false;
        int worst = -1;
        Certificate cert = null;
        int outer = 0;
        double prevObj = Double.NaN;
        for (; outer < opt.maxIterations(); outer++) {
            final double cc = c;
            final double[][] mm = schedule.carryMultipliers() ? mult : zeroLike(mult);
            new ProjectedLbfgs(12, 5000, innerTol).minimize((xv, g) -> terms.value(xv, g, mm, cc), flat, lower, null);
            boolean tolFloor = innerTol <= STALL_INNER_TOLERANCE;
            innerTol = Math.max(schedule.innerToleranceFloor(), innerTol * 0.1);
            double[][] theta = unflatten(flat, k, p);
            double[][] pred = new double[x.rows()][k];
            x.predict(theta, pred);
            double[][] next = new double[fams.size()][];
            for (int f = 0; f < fams.size(); f++) {
                if (sv[f]) {
                    next[f] = updatedSetViewMultipliers(fams.get(f), theta, pred, mm[f], c);
                } else {
                    double[] g = terms.constraints(f, theta, pred);
                    next[f] = new double[g.length];
                    for (int q = 0; q < g.length; q++) {
                        next[f][q] = Math.max(0, mm[f][q] + c * g[q]);
                    }
                }
            }
            mult = next;
            Multipliers m = new Multipliers(mult, sv);
            cert = terms.certify(theta, pred, m);
            log.add(outer, cert, m);
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
            boolean stalled = tolFloor && Math.abs(cert.objective() - prevObj) <= 1e-15 * Math.abs(cert.objective())
                    && viol <= opt.feasibilityTolerance();
            if (stalled) {
                outer++;
                break;
            }
            prevObj = cert.objective();
            c = nextPenalty(opt, c, viol, prevViol, schedule.penaltyCap());
            prevViol = viol;
        }
        SolveOutcome out = new SolveOutcome(unflatten(flat, k, p), new Multipliers(mult, sv), outer, log.records(),
                infeasible, infeasible ? worst : -1);
        return new Result(out, cert);
    }
}
