package org.weir.constrained;

import java.util.Arrays;

/**
 * Softmax cross-entropy (classification) readouts under constraints, by the method of multipliers (Hestenes
 * 1969, Powell 1969; Bertsekas, Constrained Optimization and Lagrange Multiplier Methods, 1982):
 * {@link CrossEntropyBound} families enter through the Powell-Hestenes-Rockafellar term
 * {@code (1/2c)(relu(lambda + c g)^2 - lambda^2)}, every other family (norm budgets, weight order, ...) through its
 * set view's Moreau envelope {@code (c/2) dist(B theta + u/c, C)^2 - |u|^2/(2c)}; the smooth inner problem is
 * solved by L-BFGS to a tolerance that tightens every outer iteration (the outer loop is
 * {@link AugmentedLagrangianLoop}, shared with {@link AugmentedLagrangian}).
 *
 * <p>Certificate (Fenchel duality on the loss): the row loss {@code l(z) = logsumexp(z) - y.z} has conjugate
 * {@code l*(q - y) = sum_j q_j log q_j} for q in the simplex, so for probability rows {@code q_i} the Lagrangian
 * with row weights {@code omega_i = 1/n + sum_c lambda_c [i in S_c] / |S_c|} is bounded below by
 * {@code sum_i omega_i H(q_i) - |c_W|^2 / (4 ridge) - sum sigma(u) - sum lambda eps} with
 * {@code c = sum_i omega_i (q_i - y_i) x~_i + B^T u}, provided the bias part of c vanishes. The certificate takes
 * {@code q_i = softmax(W x_i + b)} at the returned readout, shifts each class column by a constant so the
 * weighted class totals match exactly (making the bias part zero) and, if that leaves a negative entry, mixes
 * toward the weighted class frequencies, which keeps every row in the simplex. At the optimum this bound equals
 * the objective, and it is a valid lower bound for any returned readout (Boyd and Vandenberghe, Convex
 * Optimization, 2004, sec. 5.1.6). It needs ridge &gt; 0 (strong convexity in W); with ridge 0 the bound is
 * {@code -infinity} unless the weight part of c is zero.
 */
final class CrossEntropyFit implements AugmentedLagrangianLoop.Terms {

    private final JointSolverInput in;

    /** The solve's result and its Fenchel certificate. */
    record Outcome(SolveOutcome solve, Certificate certificate) {
    }

    CrossEntropyFit(ConstrainedProblem problem, SolverOptions opt) {
        this.in = JointSolverInput.of(problem, opt, Objective.Kind.CROSS_ENTROPY, "CrossEntropyFit", "cross-entropy",
                "cross-entropy (augmented)");
        if (in.k() < 2) {
            throw new IllegalArgumentException("the cross-entropy objective needs at least 2 classes (target columns, "
                    + "one-hot); got " + in.k());
        }
        for (int i = 0; i < in.n(); i++) {
            double s = 0;
            for (int j = 0; j < in.k(); j++) {
                double y = in.x().target(i, j);
                if (y < 0) {
                    throw new IllegalArgumentException("cross-entropy targets must be probabilities (one-hot rows); row "
                            + i + " column " + j + " is " + y);
                }
                s += y;
            }
            if (Math.abs(s - 1) > 1e-9) {
                throw new IllegalArgumentException("cross-entropy targets must be probability rows summing to 1; row "
                        + i + " sums to " + s);
            }
        }
    }

    @Override
    public boolean isSetView(int f) {
        return !(in.fams().get(f) instanceof CrossEntropyBound);
    }

    /** Softmax of every row of the logits. */
    private static double[][] softmax(double[][] pred) {
        double[][] q = new double[pred.length][];
        for (int i = 0; i < pred.length; i++) {
            double lse = Objective.logSumExp(pred[i]);
            q[i] = new double[pred[i].length];
            for (int j = 0; j < q[i].length; j++) {
                q[i][j] = Math.exp(pred[i][j] - lse);
            }
        }
        return q;
    }

    /** Augmented Lagrangian value and gradient (flat). */
    @Override
    public double value(double[] flat, double[] grad, double[][] mult, double c) {
        double[][] theta = AugmentedLagrangianLoop.unflatten(flat, in.k(), in.p());
        double[][] pred = new double[in.n()][in.k()];
        in.x().predict(theta, pred);
        double[] ce = new double[in.n()];
        double[] omega = new double[in.n()];
        Arrays.fill(omega, 1.0 / in.n());
        double val = 0;
        for (int i = 0; i < in.n(); i++) {
            ce[i] = Objective.crossEntropy(in.x(), i, pred[i]);
            val += ce[i];
        }
        val /= in.n();
        double[][] predAdj = new double[in.n()][in.k()];
        double[][] direct = new double[in.k()][in.p()];
        for (int j = 0; j < in.k(); j++) {
            for (int e = 0; e < in.x().features(); e++) {
                val += in.ridge() * theta[j][e] * theta[j][e];
                direct[j][e] = 2 * in.ridge() * theta[j][e];
            }
        }
        for (int f = 0; f < in.fams().size(); f++) {
            ConstraintFamily fam = in.fams().get(f);
            double[] m = mult[f];
            if (fam instanceof CrossEntropyBound cb) {
                for (int q = 0; q < cb.size(); q++) {
                    int[] rows = cb.rows(q);
                    double s = 0;
                    for (int i : rows) {
                        s += ce[i];
                    }
                    double g = s / rows.length - cb.bound();
                    double a = Math.max(0, m[q] + c * g);
                    val += (a * a - m[q] * m[q]) / (2 * c);
                    if (a > 0) {
                        for (int i : rows) {
                            omega[i] += a / rows.length;
                        }
                    }
                }
            } else {
                val += AugmentedLagrangianLoop.addSetViewTerm(fam, theta, pred, m, c, predAdj, direct);
            }
        }
        double[][] q = softmax(pred);
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.k(); j++) {
                predAdj[i][j] += omega[i] * (q[i][j] - in.x().target(i, j));
            }
        }
        in.x().addAdjoint(predAdj, direct);
        for (int j = 0; j < in.k(); j++) {
            System.arraycopy(direct[j], 0, grad, j * in.p(), in.p());
        }
        return val;
    }

    @Override
    public double[] constraints(int f, double[][] theta, double[][] pred) {
        CrossEntropyBound cb = (CrossEntropyBound) in.fams().get(f);
        double[] g = new double[cb.size()];
        cb.measure(theta, pred, g);
        return g;
    }

    Outcome solve() {
        AugmentedLagrangianLoop.Schedule schedule = new AugmentedLagrangianLoop.Schedule(1e-5, 1e-12,
                AugmentedLagrangianLoop.PENALTY_CAP, true);
        AugmentedLagrangianLoop.Result r = new AugmentedLagrangianLoop(in.problem(), in.opt(), schedule).run(this);
        Certificate cert = r.certificate();
        if (r.solve().infeasible()) {
            cert = cert.withInfeasibility(Double.NaN, Double.NaN);
        }
        return new Outcome(r.solve(), cert);
    }

    /** Fenchel certificate at theta with the multipliers m (see the class documentation). */
    @Override
    public Certificate certify(double[][] theta, double[][] pred, Multipliers m) {
        double[][] u = new double[in.fams().size()][];
        boolean[] sv = new boolean[in.fams().size()];
        double[] omega = new double[in.n()];
        Arrays.fill(omega, 1.0 / in.n());
        double constant = 0;
        double[][] predAdj = new double[in.n()][in.k()];
        double[][] adj = new double[in.k()][in.p()];
        for (int f = 0; f < in.fams().size(); f++) {
            u[f] = m.values(f);
            sv[f] = m.isSetView(f);
            ConstraintFamily fam = in.fams().get(f);
            if (fam instanceof CrossEntropyBound cb) {
                for (int q = 0; q < u[f].length; q++) {
                    u[f][q] = Math.max(0, u[f][q]);
                    for (int i : cb.rows(q)) {
                        omega[i] += u[f][q] / cb.rows(q).length;
                    }
                    constant -= u[f][q] * cb.bound();
                }
            } else {
                fam.clipToSupportDomain(u[f]);
                fam.addAdjoint(u[f], predAdj, adj);
                constant -= fam.support(u[f]);
            }
        }
        in.x().addAdjoint(predAdj, adj);
        double[][] q = softmax(pred);
        double[][] qr = repairedProbabilities(q, omega, adj);
        double dual;
        double lossCompl = 0;
        double[][] c = new double[in.k()][];
        for (int j = 0; j < in.k(); j++) {
            c[j] = adj[j].clone();
        }
        if (qr == null) {
            dual = Double.NEGATIVE_INFINITY;
            qr = q;
        } else {
            dual = constant;
        }
        double[][] a = new double[in.n()][in.k()];
        double ent = 0;
        for (int i = 0; i < in.n(); i++) {
            double h = 0;
            double lin = 0;
            for (int j = 0; j < in.k(); j++) {
                double v = qr[i][j];
                if (v > 0) {
                    h -= v * Math.log(v);
                }
                a[i][j] = omega[i] * (v - in.x().target(i, j));
                lin += (v - in.x().target(i, j)) * pred[i][j];
            }
            ent += omega[i] * h;
            double fy = Objective.crossEntropy(in.x(), i, pred[i]) - lin - h;
            lossCompl = Math.max(lossCompl, omega[i] * Math.abs(fy));
        }
        in.x().addAdjoint(a, c);
        dual += ent - FenchelCertifier.ridgeConjugate(in.x(), c, in.ridge());
        if (Double.isNaN(dual)) {
            dual = Double.NEGATIVE_INFINITY;
        }
        double stat = 0;
        for (int j = 0; j < in.k(); j++) {
            for (int e = 0; e < in.p(); e++) {
                stat = Math.max(stat, Math.abs(c[j][e] + (e < in.p() - 1 ? 2 * in.ridge() * theta[j][e] : 0)));
            }
        }
        return FenchelCertifier.certificate(in.problem(), theta, pred, new Multipliers(u, sv), dual, stat, lossCompl,
                "augmented", in.opt());
    }

    /**
     * Probability rows close to q whose weighted class totals are {@code T_j = sum_i omega_i y_ij - (B^T u)_{j,b}},
     * so that the bias part of the Fenchel bound's linear term is zero; null when no such rows exist.
     */
    private double[][] repairedProbabilities(double[][] q, double[] omega, double[][] adj) {
        double wsum = 0;
        for (double w : omega) {
            wsum += w;
        }
        double[] target = new double[in.k()];
        double tsum = 0;
        for (int j = 0; j < in.k(); j++) {
            double s = 0;
            for (int i = 0; i < in.n(); i++) {
                s += omega[i] * in.x().target(i, j);
            }
            target[j] = s - adj[j][in.p() - 1];
            if (target[j] < 0) {
                return null;
            }
            tsum += target[j];
        }
        if (Math.abs(tsum - wsum) > 1e-12 * wsum) {
            return null;
        }
        double[] e = new double[in.k()];
        for (int j = 0; j < in.k(); j++) {
            double s = 0;
            for (int i = 0; i < in.n(); i++) {
                s += omega[i] * q[i][j];
            }
            e[j] = (target[j] - s) / wsum;
        }
        double[][] r = new double[in.n()][in.k()];
        double t = 0;
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.k(); j++) {
                r[i][j] = q[i][j] + e[j];
                if (r[i][j] < 0) {
                    double mj = target[j] / wsum;
                    t = Math.max(t, -r[i][j] / (mj - r[i][j]));
                }
            }
        }
        if (t > 0) {
            t = Math.min(1.0, t * (1 + 1e-12));
            for (int i = 0; i < in.n(); i++) {
                for (int j = 0; j < in.k(); j++) {
                    r[i][j] = Math.max(0, (1 - t) * r[i][j] + t * target[j] / wsum);
                }
            }
        }
        return r;
    }
}
