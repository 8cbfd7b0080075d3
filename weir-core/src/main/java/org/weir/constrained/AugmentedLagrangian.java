package org.weir.constrained;

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
 * The outer loop (updates, certificate, stopping) is {@link AugmentedLagrangianLoop}; this class gives it the terms.
 */
final class AugmentedLagrangian implements AugmentedLagrangianLoop.Terms {
    /** The quadratic penalty has no multiplier to cancel against c: it may (and must) go much higher. */
    private static final double PENALTY_ONLY_CAP = 1e13;

    private final ConstrainedProblem problem;
    private final SolverOptions opt;
    private final DesignMatrix x;
    private final List<ConstraintFamily> fams;
    private final Lagrangian lagrangian;
    private final boolean penaltyOnly;
    private final Certifier certifier;

    AugmentedLagrangian(ConstrainedProblem problem, SolverOptions opt) {
        this.penaltyOnly = opt.formulation() == SolverOptions.Formulation.QUADRATIC_PENALTY;
        this.problem = problem;
        this.opt = opt;
        this.x = problem.data();
        this.fams = problem.families();
        SetViewSupport.requireHard(fams, "augmented");
        this.lagrangian = new Lagrangian(problem);
        this.certifier = new Certifier(lagrangian, opt.feasibilityTolerance(), opt.gapTolerance());
    }

    @Override
    public boolean isSetView(int f) {
        return !(fams.get(f) instanceof LossBound);
    }

    /** Augmented Lagrangian value and gradient (flat) at theta for multipliers and penalty c. */
    @Override
    public double value(double[] flat, double[] grad, double[][] mult, double c) {
        int n = x.rows();
        int k = x.outputs();
        int p = x.params();
        double[][] theta = AugmentedLagrangianLoop.unflatten(flat, k, p);
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
                val += AugmentedLagrangianLoop.addSetViewTerm(fam, theta, pred, m, c, predAdj, direct);
            }
        }
        x.addAdjoint(predAdj, direct);
        for (int j = 0; j < k; j++) {
            System.arraycopy(direct[j], 0, grad, j * p, p);
        }
        return val;
    }

    @Override
    public double[] constraints(int f, double[][] theta, double[][] pred) {
        LossBound lb = (LossBound) fams.get(f);
        double[] g = new double[lb.size()];
        for (int q = 0; q < g.length; q++) {
            g[q] = lb.loss(q, pred) - lb.bound(q);
        }
        return g;
    }

    @Override
    public Certificate certify(double[][] theta, double[][] pred, Multipliers m) {
        return certifier.certify(theta, m, "augmented", false);
    }

    SolveOutcome solve() {
        // quadratic penalty: every inner solve starts from zero multipliers (the estimates c relu(g) that come out
        // of it serve the certificate only)
        AugmentedLagrangianLoop.Schedule schedule = new AugmentedLagrangianLoop.Schedule(1e-4, 1e-11,
                penaltyOnly ? PENALTY_ONLY_CAP : AugmentedLagrangianLoop.PENALTY_CAP, !penaltyOnly);
        return new AugmentedLagrangianLoop(problem, opt, schedule).run(this).solve();
    }
}
