package org.weir.constrained;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Stochastic primal-dual over mini-batches for loss-bound families (long or streaming data): per batch an
 * unbiased estimate of {@code grad_theta L} drives a primal step preconditioned by the objective's Hessian
 * (a linearized primal-dual step, cf. Chambolle and Pock 2011 and Hamedani and Aybat 2021 for the
 * accelerated variants), and only the multipliers of constraints the batch touches move (gradient ascent or
 * nuPI, Sohrabi et al. ICML 2024), so the optimizer state of unseen per-sample multipliers is never touched.
 * Update schemes: simultaneous, alternating dual-then-primal (default), primal-then-dual, extragradient. The
 * returned readout is the average of the iterates over the second half of the epochs (suffix averaging; by
 * convexity a valid single model whose objective and violations converge at the ergodic rate), and the certificate uses the averaged or
 * the last multipliers, whichever gives the higher dual bound.
 */
final class StochasticPrimalDual {
    private final ConstrainedProblem problem;
    private final SolverOptions opt;
    private final DesignMatrix x;
    private final List<ConstraintFamily> fams;
    private final Lagrangian lagrangian;
    private final int[][] rowStart; // per family: CSR row -> constraints
    private final int[][] rowCons;

    StochasticPrimalDual(ConstrainedProblem problem, SolverOptions opt) {
        this.problem = problem;
        this.opt = opt;
        this.x = problem.data();
        this.fams = problem.families();
        this.lagrangian = new Lagrangian(problem);
        int n = x.rows();
        rowStart = new int[fams.size()][];
        rowCons = new int[fams.size()][];
        for (int f = 0; f < fams.size(); f++) {
            if (fams.get(f) instanceof RateBound) {
                continue; // measured strictly per batch row, no constraint index
            }
            if (!(fams.get(f) instanceof LossBound lb)) {
                throw new IllegalArgumentException("the stochastic solver handles loss bounds and rate bounds only;"
                        + " family '" + fams.get(f).name() + "' is neither (use admm or augmented)");
            }
            int[] count = new int[n + 1];
            for (int c = 0; c < lb.size(); c++) {
                for (int t = 0; t < lb.rowCount(c); t++) {
                    count[lb.row(c, t) + 1]++;
                }
            }
            for (int i = 0; i < n; i++) {
                count[i + 1] += count[i];
            }
            int[] fill = count.clone();
            int[] cons = new int[count[n]];
            for (int c = 0; c < lb.size(); c++) {
                for (int t = 0; t < lb.rowCount(c); t++) {
                    cons[fill[lb.row(c, t)]++] = c;
                }
            }
            rowStart[f] = count;
            rowCons[f] = cons;
        }
    }

    private double predict(int i, double[] th) {
        double[] xa = x.augmentedRows();
        int p = x.params();
        double s = 0;
        for (int c = 0; c < p; c++) {
            s += xa[i * p + c] * th[c];
        }
        return s;
    }

    /** Unbiased estimate of grad_theta L on the batch (k x p). */
    private double[][] primalGradient(int[] batch, int from, int to, double[][] theta, double[][] lam) {
        int k = x.outputs();
        int p = x.params();
        int n = x.rows();
        double scale = (double) n / (to - from);
        Objective obj = problem.objective();
        double w0 = obj.residualWeight(x);
        double[][] g = new double[k][p];
        double[] xa = x.augmentedRows();
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < p; c++) {
                g[j][c] = 2 * obj.paramRidge(x, c) * theta[j][c];
            }
        }
        for (int q = from; q < to; q++) {
            int i = batch[q];
            for (int j = 0; j < k; j++) {
                double r = x.target(i, j) - predict(i, theta[j]);
                double w = w0;
                double proxyTerm = 0; // d/dr of the rate families' proxy terms, weighted by their multipliers
                for (int f = 0; f < fams.size(); f++) {
                    if (fams.get(f) instanceof RateBound rb) {
                        proxyTerm += lam[f][0] * rb.proxySlope(r) / ((double) n * k);
                        continue;
                    }
                    LossBound lb = (LossBound) fams.get(f);
                    for (int e = rowStart[f][i]; e < rowStart[f][i + 1]; e++) {
                        int c = rowCons[f][e];
                        if (lb.output(c) < 0 || lb.output(c) == j) {
                            w += lam[f][c] * lb.coefficient(c);
                        }
                    }
                }
                double s = (-2 * w * r - proxyTerm) * scale;
                if (s != 0) {
                    for (int c = 0; c < p; c++) {
                        g[j][c] += s * xa[i * p + c];
                    }
                }
            }
        }
        return g;
    }

    /**
     * Estimates of g_c for the constraints the batch touches: exact for single-row constraints, a mean over
     * the batch's rows of the constraint otherwise. Returns per family a map constraint -> estimate (NaN:
     * untouched).
     */
    private double[][] dualGradient(int[] batch, int from, int to, double[][] theta) {
        int k = x.outputs();
        double[][] sum = new double[fams.size()][];
        int[][] seen = new int[fams.size()][];
        for (int f = 0; f < fams.size(); f++) {
            sum[f] = new double[fams.get(f).size()];
            seen[f] = new int[fams.get(f).size()];
        }
        double[] strict = new double[fams.size()]; // strict 0-1 counts of the rate families on the batch
        for (int q = from; q < to; q++) {
            int i = batch[q];
            double[] r2 = new double[k];
            for (int j = 0; j < k; j++) {
                double r = x.target(i, j) - predict(i, theta[j]);
                r2[j] = r * r;
            }
            for (int f = 0; f < fams.size(); f++) {
                if (fams.get(f) instanceof RateBound rb) {
                    for (int j = 0; j < k; j++) {
                        if (rb.exceeds(x.target(i, j) - predict(i, theta[j]))) {
                            strict[f]++;
                        }
                    }
                    continue;
                }
                LossBound lb = (LossBound) fams.get(f);
                for (int e = rowStart[f][i]; e < rowStart[f][i + 1]; e++) {
                    int c = rowCons[f][e];
                    double v = 0;
                    if (lb.output(c) < 0) {
                        for (int j = 0; j < k; j++) {
                            v += r2[j];
                        }
                    } else {
                        v = r2[lb.output(c)];
                    }
                    sum[f][c] += v;
                    seen[f][c]++;
                }
            }
        }
        double[][] est = new double[fams.size()][];
        for (int f = 0; f < fams.size(); f++) {
            if (fams.get(f) instanceof RateBound rb) {
                // the dual player sees the strict rate on the batch (an unbiased estimate of the true rate)
                est[f] = new double[] {strict[f] / ((double) (to - from) * k) - rb.rate()};
                continue;
            }
            LossBound lb = (LossBound) fams.get(f);
            est[f] = new double[lb.size()];
            for (int c = 0; c < lb.size(); c++) {
                est[f][c] = seen[f][c] == 0 ? Double.NaN
                        : lb.coefficient(c) * lb.rowCount(c) * sum[f][c] / seen[f][c] - lb.bound(c);
            }
        }
        return est;
    }

    private void dualStep(double[][] lam, double[][] est, double[][] xiPrev) {
        boolean pi = opt.dualOptimizer() == SolverOptions.DualOptimizer.NU_PI;
        for (int f = 0; f < fams.size(); f++) {
            double beta = fams.get(f) instanceof LossBound lb ? lb.resilience() : Double.POSITIVE_INFINITY;
            for (int c = 0; c < lam[f].length; c++) {
                double e = est[f][c];
                if (Double.isNaN(e)) {
                    continue; // unseen: neither the multiplier nor its optimizer state moves
                }
                if (Double.isFinite(beta)) {
                    e -= lam[f][c] / beta;
                }
                double step = e;
                if (pi) {
                    double xi = opt.nuPiEma() * xiPrev[f][c] + (1 - opt.nuPiEma()) * e;
                    step = opt.nuPiIntegral() * e + opt.nuPiProportional() * (xi - xiPrev[f][c]);
                    xiPrev[f][c] = xi;
                }
                lam[f][c] = Math.max(0, lam[f][c] + opt.stepSize() * step);
            }
        }
    }

    /**
     * APD dual step: extrapolate the constraint estimate with the previous one of the same constraint
     * ({@code s = g_k + (g_k - g_{k-1})}), then the exact proximal map of {@code lambda^2 / (2 beta)} plus the sign
     * constraint. Only constraints the batch touches move.
     */
    private void acceleratedDualStep(double[][] lam, double[][] est, double[][] prev) {
        double eta = opt.stepSize();
        for (int f = 0; f < fams.size(); f++) {
            double beta = ((LossBound) fams.get(f)).resilience();
            for (int c = 0; c < lam[f].length; c++) {
                double e = est[f][c];
                if (Double.isNaN(e)) {
                    continue;
                }
                double sgrad = Double.isNaN(prev[f][c]) ? e : 2 * e - prev[f][c];
                prev[f][c] = e;
                lam[f][c] = Math.max(0, (lam[f][c] + eta * sgrad) / (1 + eta / beta));
            }
        }
    }

    private void primalStep(double[][] theta, double[][] grad, LinearSolverDense<DMatrixRMaj>[] pre) {
        int p = x.params();
        for (int j = 0; j < theta.length; j++) {
            double[] d = new double[p];
            pre[j].solve(DMatrixRMaj.wrap(p, 1, grad[j].clone()), DMatrixRMaj.wrap(p, 1, d));
            for (int c = 0; c < p; c++) {
                theta[j][c] -= opt.primalStepSize() * d[c];
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }

    /**
     * Multipliers for the certificate: loss bounds in the constraint view; rate bounds (nonconvex) with their
     * empty set view, so the dual bound relaxes them and stays a valid lower bound.
     */
    private Multipliers multipliers(double[][] lam) {
        double[][] v = new double[lam.length][];
        boolean[] sv = new boolean[lam.length];
        for (int f = 0; f < lam.length; f++) {
            sv[f] = fams.get(f) instanceof RateBound;
            v[f] = sv[f] ? new double[0] : lam[f];
        }
        return new Multipliers(v, sv);
    }

    SolveOutcome solve() {
        int n = x.rows();
        int k = x.outputs();
        int p = x.params();
        Multipliers none = multipliers(zeroLambda());
        @SuppressWarnings("unchecked")
        LinearSolverDense<DMatrixRMaj>[] pre = new LinearSolverDense[k];
        double[][] theta = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] h = lagrangian.halfHessian(j, none);
            for (int c = 0; c < h.length; c++) {
                h[c] *= 2;
            }
            pre[j] = LinearSolverFactory_DDRM.chol(p);
            if (!pre[j].setA(DMatrixRMaj.wrap(p, p, h))) {
                throw new IllegalArgumentException("objective Hessian is singular; use ridge > 0");
            }
            theta[j] = new double[p];
        }
        double[][] lam = zeroLambda();
        double[][] xi = zeroLambda();
        double[][] prevEst = zeroLambda();
        for (double[] row : prevEst) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        if (opt.updateScheme() == SolverOptions.UpdateScheme.ACCELERATED) {
            for (ConstraintFamily f : fams) {
                if (!(f instanceof LossBound lb && lb.isResilient())) {
                    throw new IllegalArgumentException("the accelerated (APD) scheme needs a strongly concave dual: every"
                            + " family resilient; family '" + f.name() + "' is not (use another update scheme)");
                }
            }
        }
        double[][] thetaBar = new double[k][p];
        double[][] lamBar = zeroLambda();
        long averaged = 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(opt.seed());
        Certifier certifier = new Certifier(lagrangian, opt.feasibilityTolerance(), opt.gapTolerance());
        ConvergenceLog log = new ConvergenceLog();
        boolean infeasible = false;
        int worst = -1;
        int epoch = 0;
        int b = Math.min(opt.batchSize(), n);
        // suffix averaging over the second half of the epochs (Rakhlin, Shamir and Sridharan, ICML 2012)
        int burnIn = Math.max(1, opt.maxIterations() / 2);
        // with a nonconvex family the average of iterates need not be feasible (Cotter et al. 2019 guarantee a
        // mixed strategy only): keep the best strictly feasible epoch-end iterate as well
        boolean nonconvex = fams.stream().anyMatch(f -> f.curvature() == Curvature.NONCONVEX);
        double[][] bestFeasible = null;
        double bestFeasibleObjective = Double.POSITIVE_INFINITY;
        for (; epoch < opt.maxIterations(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int r = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[r];
                order[r] = t;
            }
            for (int from = 0; from < n; from += b) {
                int to = Math.min(n, from + b);
                switch (opt.updateScheme()) {
                    case SIMULTANEOUS -> {
                        double[][] est = dualGradient(order, from, to, theta);
                        double[][] g = primalGradient(order, from, to, theta, lam);
                        dualStep(lam, est, xi);
                        primalStep(theta, g, pre);
                    }
                    case ALTERNATING_DUAL_FIRST -> {
                        dualStep(lam, dualGradient(order, from, to, theta), xi);
                        primalStep(theta, primalGradient(order, from, to, theta, lam), pre);
                    }
                    case ALTERNATING_PRIMAL_FIRST -> {
                        primalStep(theta, primalGradient(order, from, to, theta, lam), pre);
                        dualStep(lam, dualGradient(order, from, to, theta), xi);
                    }
                    case ACCELERATED -> {
                        acceleratedDualStep(lam, dualGradient(order, from, to, theta), prevEst);
                        primalStep(theta, primalGradient(order, from, to, theta, lam), pre);
                    }
                    case EXTRAGRADIENT -> {
                        double[][] th2 = copy(theta);
                        double[][] lam2 = copy(lam);
                        double[][] xi2 = copy(xi);
                        primalStep(th2, primalGradient(order, from, to, theta, lam), pre);
                        dualStep(lam2, dualGradient(order, from, to, theta), xi2);
                        primalStep(theta, primalGradient(order, from, to, th2, lam2), pre);
                        dualStep(lam, dualGradient(order, from, to, th2), xi);
                    }
                    default -> throw new IllegalStateException();
                }
                if (epoch >= burnIn) {
                    averaged++;
                    double w = 1.0 / averaged;
                    for (int j = 0; j < k; j++) {
                        for (int c = 0; c < p; c++) {
                            thetaBar[j][c] += w * (theta[j][c] - thetaBar[j][c]);
                        }
                    }
                    for (int f = 0; f < lam.length; f++) {
                        for (int c = 0; c < lam[f].length; c++) {
                            lamBar[f][c] += w * (lam[f][c] - lamBar[f][c]);
                        }
                    }
                }
            }
            if (nonconvex) {
                Certificate last = certifier.certify(theta, multipliers(lam), "stochastic", false);
                if (last.status() != Status.MAX_ITER && last.objective() < bestFeasibleObjective) {
                    bestFeasible = copy(theta);
                    bestFeasibleObjective = last.objective();
                }
            }
            double[][] cur = averaged > 0 ? thetaBar : theta;
            Multipliers m = betterMultipliers(averaged > 0 ? lamBar : lam, lam);
            Certificate c = certifier.certify(cur, m, "stochastic", false);
            log.add(epoch, c, m);
            if (c.status() == Status.CERTIFIED) {
                epoch++;
                break;
            }
            double mx = 0;
            for (int f = 0; f < lam.length; f++) {
                for (double v : lam[f]) {
                    if (v > mx) {
                        mx = v;
                        worst = f;
                    }
                }
            }
            if (mx > opt.multiplierCap()) {
                infeasible = true;
                epoch++;
                break;
            }
        }
        double[][] out = averaged > 0 ? thetaBar : theta;
        if (bestFeasible != null) {
            Certificate avg = certifier.certify(out, multipliers(lam), "stochastic", false);
            if (avg.status() == Status.MAX_ITER || avg.objective() > bestFeasibleObjective) {
                out = bestFeasible;
            }
        }
        return new SolveOutcome(copy(out), betterMultipliers(averaged > 0 ? lamBar : lam, lam), epoch, log.records(),
                infeasible, infeasible ? worst : -1);
    }

    private Multipliers betterMultipliers(double[][] a, double[][] b) {
        Multipliers ma = multipliers(a);
        if (a == b) {
            return ma;
        }
        Multipliers mb = multipliers(b);
        return lagrangian.minimize(ma).value() >= lagrangian.minimize(mb).value() ? ma : mb;
    }

    private double[][] zeroLambda() {
        double[][] l = new double[fams.size()][];
        for (int f = 0; f < fams.size(); f++) {
            l[f] = new double[fams.get(f).size()];
        }
        return l;
    }
}
