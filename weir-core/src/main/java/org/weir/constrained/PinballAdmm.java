package org.weir.constrained;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Quantile (pinball-loss) readouts under constraints, by ADMM (Boyd et al., "Distributed optimization and
 * statistical learning via the alternating direction method of multipliers", 2011, sec. 6.4 for the loss
 * split): {@code min ridge |W|^2 + h(X~ theta) + sum_f I_{C_f}(B_f theta)} with {@code h} the mean pinball loss.
 * The theta step solves one linear system {@code (2R + rho (X~^T X~ + sum B^T B)) theta = ...} over all outputs
 * jointly (so families coupling outputs, such as {@link IntervalWidth}, are exact), with one cached Cholesky
 * factor per penalty value; the prediction block's step is the closed-form pinball prox (a shifted soft
 * threshold), the families' steps are projections; over-relaxation 1.6 and OSQP-style balancing of rho
 * (Stellato et al., "OSQP", Math. Prog. Comp. 2020).
 *
 * <p>Why ADMM here: the pinball loss is non-smooth, so the quadratic machinery (exact Lagrangian minimization)
 * does not apply, but its prox is closed form and the constraint families already expose projections.
 *
 * <p>Certificate (Fenchel duality): {@code rho_tau(r) = max_{a in [tau-1, tau]} a r}, so for any
 * {@code a} in that box and set-view multipliers {@code u},
 * {@code p* >= (1/(nk)) sum a_ij y_ij - |c_W|^2 / (4 ridge) - sum_f sigma_f(u_f)} with
 * {@code c = -(1/(nk)) X~^T a + B^T u}, provided the bias part of c is zero. ADMM's scaled dual gives
 * {@code a = -n k rho v} and {@code u = rho v_f}; {@code a} is clipped to its box and shifted so that each
 * output's bias coefficient vanishes ({@link FenchelCertifier#repairSum}), which keeps the bound valid for any
 * iterate. With ridge 0 (a linear program) the weight part of c must vanish too: an ADMM iterate never gets
 * there (dual bound {@code -infinity}), the polished KKT solution does up to its rounding, which is accepted
 * ({@link FenchelCertifier#ridgeConjugate(DesignMatrix, double[][], double, double)}), so an LP is certified once
 * polishing finds its active set.
 */
final class PinballAdmm {
    private static final double RELAX = 1.6;
    private static final int CHECK_EVERY = 10;
    private static final double POLISH_GAP = 1e-3;

    private final JointSolverInput in;
    private final double[] taus;
    private final double[] normal; // (k p) x (k p): X~^T X~ per output + sum B^T B
    private final double scaleY;

    /** The solve's result and its Fenchel certificate. */
    record Outcome(SolveOutcome solve, Certificate certificate) {
    }

    PinballAdmm(ConstrainedProblem problem, SolverOptions opt) {
        this.in = JointSolverInput.of(problem, opt, Objective.Kind.PINBALL, "PinballAdmm", "pinball", "pinball (admm)");
        int levels = in.problem().objective().levels().size();
        if (levels != 1 && levels != in.k()) {
            throw new IllegalArgumentException("the pinball objective has " + levels + " quantile levels but the "
                    + "targets have " + in.k() + " columns; give one level, or one per column");
        }
        this.taus = new double[in.k()];
        for (int j = 0; j < in.k(); j++) {
            taus[j] = in.problem().objective().level(j);
        }
        int kp = in.k() * in.p();
        this.normal = new double[kp * kp];
        double[] g = in.x().gramAll();
        for (int j = 0; j < in.k(); j++) {
            double[] block = g.clone();
            for (ConstraintFamily f : in.fams()) {
                f.addNormalMatrix(j, 1.0, block);
            }
            putBlock(j, j, block);
            for (int j2 = 0; j2 < in.k(); j2++) {
                if (j2 == j) {
                    continue;
                }
                double[] cross = new double[in.p() * in.p()];
                boolean any = false;
                for (ConstraintFamily f : in.fams()) {
                    if (f instanceof IntervalWidth iw) {
                        iw.addCrossNormalMatrix(j, j2, 1.0, cross);
                        any = true;
                    }
                }
                if (any) {
                    putBlock(j, j2, cross);
                }
            }
        }
        double s = 0;
        double m = 0;
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.k(); j++) {
                m += in.x().target(i, j);
            }
        }
        m /= (double) in.n() * in.k();
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.k(); j++) {
                double dv = in.x().target(i, j) - m;
                s += dv * dv;
            }
        }
        double sd = Math.sqrt(s / ((double) in.n() * in.k()));
        this.scaleY = sd > 0 ? sd : 1.0;
    }

    private void putBlock(int a, int b, double[] block) {
        int kp = in.k() * in.p();
        for (int r = 0; r < in.p(); r++) {
            for (int c = 0; c < in.p(); c++) {
                normal[(a * in.p() + r) * kp + b * in.p() + c] += block[r * in.p() + c];
            }
        }
    }

    private LinearSolverDense<DMatrixRMaj> factor(double rho) {
        int kp = in.k() * in.p();
        DMatrixRMaj m = new DMatrixRMaj(kp, kp);
        for (int e = 0; e < kp * kp; e++) {
            m.data[e] = rho * normal[e];
        }
        for (int j = 0; j < in.k(); j++) {
            for (int c = 0; c < in.x().features(); c++) {
                int q = j * in.p() + c;
                m.data[q * kp + q] += 2 * in.ridge();
            }
        }
        LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.chol(kp);
        if (!s.setA(m)) {
            throw new IllegalArgumentException("pinball ADMM system is singular: use ridge > 0 or features of full "
                    + "column rank");
        }
        return s;
    }

    /** Prox of {@code alpha rho_tau} at q: the shifted soft threshold. */
    static double pinballProx(double q, double tau, double alpha) {
        if (q > alpha * tau) {
            return q - alpha * tau;
        }
        if (q < -alpha * (1 - tau)) {
            return q + alpha * (1 - tau);
        }
        return 0.0;
    }

    Outcome solve() {
        int kp = in.k() * in.p();
        double nk = (double) in.n() * in.k();
        double rho = in.opt().penalty() / (nk * scaleY);
        LinearSolverDense<DMatrixRMaj> solver = factor(rho);
        double[][] z0 = new double[in.n()][in.k()];
        double[][] v0 = new double[in.n()][in.k()];
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.k(); j++) {
                z0[i][j] = in.x().target(i, j);
            }
        }
        double[][] z = new double[in.fams().size()][];
        double[][] v = new double[in.fams().size()][];
        for (int f = 0; f < in.fams().size(); f++) {
            z[f] = new double[in.fams().get(f).mapDimension()];
            v[f] = new double[in.fams().get(f).mapDimension()];
        }
        double[][] theta = new double[in.k()][in.p()];
        double[] flat = new double[kp];
        double[][] pred = new double[in.n()][in.k()];
        ConvergenceLog log = new ConvergenceLog();
        Certificate cert = null;
        double[][] bestTheta = null;
        Multipliers bestMult = null;
        boolean infeasible = false;
        int worst = -1;
        long lastPolish = 0;
        int it = 0;
        for (; it < in.opt().maxIterations(); it++) {
            // theta step
            double[][] predAdj = new double[in.n()][in.k()];
            for (int i = 0; i < in.n(); i++) {
                for (int j = 0; j < in.k(); j++) {
                    predAdj[i][j] = z0[i][j] - v0[i][j];
                }
            }
            double[][] direct = new double[in.k()][in.p()];
            for (int f = 0; f < in.fams().size(); f++) {
                double[] zmv = new double[z[f].length];
                for (int t = 0; t < zmv.length; t++) {
                    zmv[t] = z[f][t] - v[f][t];
                }
                in.fams().get(f).addAdjoint(zmv, predAdj, direct);
            }
            in.x().addAdjoint(predAdj, direct);
            double[] rhs = new double[kp];
            for (int j = 0; j < in.k(); j++) {
                for (int c = 0; c < in.p(); c++) {
                    rhs[j * in.p() + c] = rho * direct[j][c];
                }
            }
            solver.solve(DMatrixRMaj.wrap(kp, 1, rhs), DMatrixRMaj.wrap(kp, 1, flat));
            for (int j = 0; j < in.k(); j++) {
                System.arraycopy(flat, j * in.p(), theta[j], 0, in.p());
            }
            in.x().predict(theta, pred);
            // prediction block: pinball prox
            double rPrim = 0;
            double rDual = 0;
            double normBx = 0;
            double normZ = 0;
            double normY = 0;
            double alpha = 1.0 / (nk * rho);
            for (int i = 0; i < in.n(); i++) {
                for (int j = 0; j < in.k(); j++) {
                    double zh = RELAX * pred[i][j] + (1 - RELAX) * z0[i][j];
                    double w = zh + v0[i][j];
                    double yij = in.x().target(i, j);
                    double zn = yij - pinballProx(yij - w, taus[j], alpha);
                    v0[i][j] += zh - zn;
                    double pr = pred[i][j] - zn;
                    double dz = zn - z0[i][j];
                    rPrim += pr * pr;
                    rDual += dz * dz;
                    normBx += pred[i][j] * pred[i][j];
                    normZ += zn * zn;
                    normY += v0[i][j] * v0[i][j];
                    z0[i][j] = zn;
                }
            }
            for (int f = 0; f < in.fams().size(); f++) {
                ConstraintFamily fam = in.fams().get(f);
                double[] zb = new double[fam.mapDimension()];
                fam.map(theta, pred, zb);
                double[] zn = new double[zb.length];
                for (int t = 0; t < zb.length; t++) {
                    zn[t] = RELAX * zb[t] + (1 - RELAX) * z[f][t] + v[f][t];
                }
                fam.project(zn);
                for (int t = 0; t < zb.length; t++) {
                    double zh = RELAX * zb[t] + (1 - RELAX) * z[f][t];
                    v[f][t] += zh - zn[t];
                    double pr = zb[t] - zn[t];
                    double dz = zn[t] - z[f][t];
                    rPrim += pr * pr;
                    rDual += dz * dz;
                    normBx += zb[t] * zb[t];
                    normZ += zn[t] * zn[t];
                    normY += v[f][t] * v[f][t];
                }
                z[f] = zn;
            }
            boolean check = it % CHECK_EVERY == CHECK_EVERY - 1 || it == in.opt().maxIterations() - 1;
            if (!check) {
                continue;
            }
            Multipliers m = multipliers(v, rho);
            cert = certify(theta, pred, lossDual(v0, rho), setViewDual(v, rho));
            log.add(it, cert, m);
            if (cert.status() == Status.CERTIFIED) {
                bestTheta = copy(theta);
                bestMult = m;
                it++;
                break;
            }
            // with ridge 0 an iterate has no finite bound: try the (cheap, small) polish whenever the active set moves
            if (cert.relativeGap() < POLISH_GAP || (in.ridge() == 0 && it >= 5 * CHECK_EVERY)) {
                Polisher.Guess guess = Polisher.guess(this, z0, z, lossDual(v0, rho));
                if (guess != null && guess.signature() != lastPolish) {
                    lastPolish = guess.signature();
                    Polisher.Result pol = Polisher.solve(this, guess);
                    if (pol != null) {
                        Certificate pc = certify(pol.theta(), pol.pred(), pol.lossDual(), pol.setViewDual());
                        if (pc.status() == Status.CERTIFIED) {
                            Multipliers pm = new Multipliers(pol.setViewDual(), allTrue());
                            log.add(it, pc, pm);
                            cert = pc;
                            bestTheta = pol.theta();
                            bestMult = pm;
                            it++;
                            break;
                        }
                    }
                }
            }
            double mx = 0;
            for (int f = 0; f < in.fams().size(); f++) {
                for (double val : v[f]) {
                    if (Math.abs(val) * rho > mx) {
                        mx = Math.abs(val) * rho;
                        worst = f;
                    }
                }
            }
            if (mx > in.opt().multiplierCap()) {
                infeasible = true;
                it++;
                break;
            }
            double relPrim = Math.sqrt(rPrim) / Math.max(1e-300, Math.max(Math.sqrt(normBx), Math.sqrt(normZ)));
            double relDual = Math.sqrt(rDual) / Math.max(1e-300, Math.sqrt(normY));
            if (relPrim > 0 && relDual > 0) {
                double ratio = Math.sqrt(relPrim / relDual);
                if (ratio > 5 || ratio < 0.2) {
                    ratio = Math.max(1e-3, Math.min(1e3, ratio));
                    rho *= ratio;
                    for (int i = 0; i < in.n(); i++) {
                        for (int j = 0; j < in.k(); j++) {
                            v0[i][j] /= ratio;
                        }
                    }
                    for (double[] vf : v) {
                        for (int t = 0; t < vf.length; t++) {
                            vf[t] /= ratio;
                        }
                    }
                    solver = factor(rho);
                }
            }
        }
        if (bestTheta == null) {
            bestTheta = copy(theta);
            bestMult = multipliers(v, rho);
        }
        SolveOutcome out = new SolveOutcome(bestTheta, bestMult, it, log.records(), infeasible,
                infeasible ? worst : -1);
        Certificate c = cert != null ? cert : certify(theta, pred, lossDual(v0, rho), setViewDual(v, rho));
        if (infeasible) {
            c = c.withInfeasibility(Double.NaN, Double.NaN);
        }
        return new Outcome(out, c);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private Multipliers multipliers(double[][] v, double rho) {
        return SetViewSupport.setView(v, rho);
    }

    private boolean[] allTrue() {
        boolean[] b = new boolean[in.fams().size()];
        java.util.Arrays.fill(b, true);
        return b;
    }

    /** The pinball dual point {@code a = -nk rho v0}, k x n (not yet clipped). */
    private double[][] lossDual(double[][] v0, double rho) {
        double nk = (double) in.n() * in.k();
        double[][] a = new double[in.k()][in.n()];
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.k(); j++) {
                a[j][i] = -nk * rho * v0[i][j];
            }
        }
        return a;
    }

    private static double[][] setViewDual(double[][] v, double rho) {
        double[][] u = new double[v.length][];
        for (int f = 0; f < v.length; f++) {
            u[f] = new double[v[f].length];
            for (int t = 0; t < u[f].length; t++) {
                u[f][t] = rho * v[f][t];
            }
        }
        return u;
    }

    DesignMatrix data() {
        return in.x();
    }

    List<ConstraintFamily> families() {
        return in.fams();
    }

    double ridge() {
        return in.ridge();
    }

    double tau(int j) {
        return taus[j];
    }

    /**
     * Fenchel certificate at theta with the loss dual point {@code a} (k x n, clipped here into
     * {@code [tau-1, tau]} and shifted so the bias coefficients vanish) and set-view multipliers {@code u}
     * (clipped to the support functions' domains). Valid for any inputs.
     */
    Certificate certify(double[][] theta, double[][] pred, double[][] aIn, double[][] uIn) {
        double nk = (double) in.n() * in.k();
        double[][] u = new double[in.fams().size()][];
        boolean[] sv = new boolean[in.fams().size()];
        for (int f = 0; f < in.fams().size(); f++) {
            u[f] = uIn[f].clone();
            in.fams().get(f).clipToSupportDomain(u[f]);
            sv[f] = true;
        }
        double[][] adj = SetViewSupport.adjoint(in.x(), in.fams(), u);
        double[][] a = new double[in.k()][in.n()];
        boolean ok = true;
        for (int j = 0; j < in.k(); j++) {
            double tau = taus[j];
            for (int i = 0; i < in.n(); i++) {
                a[j][i] = Math.min(tau, Math.max(tau - 1, aIn[j][i]));
            }
            ok &= FenchelCertifier.repairSum(a[j], tau - 1, tau, nk * adj[j][in.p() - 1]);
        }
        double[][] aa = new double[in.n()][in.k()];
        double lin = 0;
        double lossCompl = 0;
        for (int i = 0; i < in.n(); i++) {
            for (int j = 0; j < in.k(); j++) {
                aa[i][j] = -a[j][i] / nk;
                double y = in.x().target(i, j);
                lin += a[j][i] * y;
                double r = y - pred[i][j];
                lossCompl = Math.max(lossCompl, Math.abs(Objective.pinballLoss(taus[j], r) - a[j][i] * r) / nk);
            }
        }
        lin /= nk;
        double[][] c = adj;
        double scale = 0;
        if (in.ridge() == 0) {
            double[][] absA = new double[in.n()][in.k()];
            for (int i = 0; i < in.n(); i++) {
                for (int j = 0; j < in.k(); j++) {
                    absA[i][j] = Math.abs(aa[i][j]);
                }
            }
            double[][] mag = new double[in.k()][in.p()];
            for (int i = 0; i < in.n(); i++) {
                for (int j = 0; j < in.k(); j++) {
                    for (int e = 0; e < in.p(); e++) {
                        mag[j][e] += absA[i][j] * Math.abs(in.x().feature(i, e));
                    }
                }
            }
            for (int j = 0; j < in.k(); j++) {
                for (int e = 0; e < in.p(); e++) {
                    scale = Math.max(scale, mag[j][e] + Math.abs(adj[j][e]));
                }
            }
        }
        in.x().addAdjoint(aa, c);
        double sigma = 0;
        for (int f = 0; f < in.fams().size(); f++) {
            sigma += in.fams().get(f).support(u[f]);
        }
        double dual = ok ? lin - FenchelCertifier.ridgeConjugate(in.x(), c, in.ridge(), scale) - sigma
                : Double.NEGATIVE_INFINITY;
        if (Double.isNaN(dual)) {
            dual = Double.NEGATIVE_INFINITY;
        }
        double stat = 0;
        for (int j = 0; j < in.k(); j++) {
            for (int e = 0; e < in.p(); e++) {
                double gr = c[j][e] + (e < in.p() - 1 ? 2 * in.ridge() * theta[j][e] : 0);
                stat = Math.max(stat, Math.abs(gr));
            }
        }
        return FenchelCertifier.certificate(in.problem(), theta, pred, new Multipliers(u, sv), dual, stat, lossCompl,
                "admm", in.opt());
    }
}
