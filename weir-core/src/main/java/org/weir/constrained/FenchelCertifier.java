package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;

/**
 * Assembles the {@link Certificate} of a non-quadratic objective (pinball, cross-entropy) from a dual bound
 * computed by Fenchel duality on the loss. For a loss {@code l} with conjugate {@code l*}, any dual point
 * {@code s} in {@code dom l*} gives {@code l(z) >= s.z - l*(s)} (Fenchel-Young), so the Lagrangian is bounded
 * below by a function that is linear in the predictions plus the ridge term, and its minimum over theta is
 * closed form: {@code -|c_W|^2 / (4 ridge)} for the weights, and finite in the unpenalized bias only when the
 * bias coefficient {@code c_b} vanishes, which the caller arranges exactly by repairing the dual point
 * (Rockafellar, Convex Analysis, 1970, sec. 31; Boyd and Vandenberghe, Convex Optimization, 2004, sec. 5.1.6).
 * The bound is therefore valid for whatever primal the solver returns, up to floating-point rounding.
 */
final class FenchelCertifier {
    private FenchelCertifier() {
    }

    /**
     * Projects {@code a} (entries already in {@code [lo, hi]}) onto {@code {a in [lo, hi]^n : sum a = target}}
     * along the shift {@code clip(a + t)}, in place. Returns false when the target is out of reach
     * ({@code target} outside {@code [n lo, n hi]}).
     */
    static boolean repairSum(double[] a, double lo, double hi, double target) {
        int n = a.length;
        if (target < n * lo || target > n * hi) {
            return false;
        }
        double tl = -(hi - lo);
        double th = hi - lo;
        for (int it = 0; it < 64; it++) { // 2^-64 of the box width: below double resolution
            double t = 0.5 * (tl + th);
            double s = 0;
            for (double v : a) {
                s += Math.min(hi, Math.max(lo, v + t));
            }
            if (s < target) {
                tl = t;
            } else {
                th = t;
            }
        }
        double t = 0.5 * (tl + th);
        double s = 0;
        for (int i = 0; i < n; i++) {
            a[i] = Math.min(hi, Math.max(lo, a[i] + t));
            s += a[i];
        }
        // distribute the last rounding-level residual over entries with room
        double rest = target - s;
        for (int i = 0; i < n && rest != 0; i++) {
            double room = rest > 0 ? hi - a[i] : lo - a[i];
            double step = rest > 0 ? Math.min(room, rest) : Math.max(room, rest);
            a[i] += step;
            rest -= step;
        }
        return true;
    }

    /** {@code -min_w (ridge |w|^2 + c.w) = |c|^2 / (4 ridge)} over the weight part of c (k x p); +inf if ridge 0. */
    static double ridgeConjugate(DesignMatrix x, double[][] c, double ridge) {
        return ridgeConjugate(x, c, ridge, 0.0);
    }

    /**
     * As above; with ridge 0 (a linear program) the weight part of c must vanish, and it is accepted as zero when
     * {@code |c_W|_inf <= ROUNDING * scale}, scale being the size of the terms that cancel in c: this happens only
     * for an exactly solved KKT system (the polished pinball solution), never for an iterate, and the bound is
     * then exact up to that system's rounding.
     */
    static double ridgeConjugate(DesignMatrix x, double[][] c, double ridge, double scale) {
        double s = 0;
        double mx = 0;
        int d = x.features();
        for (double[] cj : c) {
            for (int e = 0; e < d; e++) {
                s += cj[e] * cj[e];
                mx = Math.max(mx, Math.abs(cj[e]));
            }
        }
        if (ridge == 0) {
            return mx <= ROUNDING * scale ? 0 : Double.POSITIVE_INFINITY;
        }
        return s / (4 * ridge);
    }

    /** Relative size of a residual taken as rounding in {@link #ridgeConjugate(DesignMatrix, double[][], double, double)}. */
    static final double ROUNDING = 1e-12;

    /**
     * The certificate: objective, per-family violations and complementarity, status.
     *
     * @param m multipliers (set view for set-view families, constraint view for the others)
     * @param dual the Fenchel dual bound
     * @param stationarity {@code |grad_theta L|_inf} at theta for the dual point used
     * @param lossComplementarity Fenchel-Young gap of the loss at theta for that dual point
     */
    static Certificate certificate(ConstrainedProblem problem, double[][] theta, double[][] pred, Multipliers m,
            double dual, double stationarity, double lossComplementarity, String solver, SolverOptions opt) {
        DesignMatrix x = problem.data();
        double obj = problem.objective().value(x, theta, pred);
        List<ConstraintFamily> fams = problem.families();
        List<FamilyReport> reports = new ArrayList<>();
        double maxViol = 0;
        double scaled = 0;
        double compl = lossComplementarity;
        for (int fi = 0; fi < fams.size(); fi++) {
            ConstraintFamily fam = fams.get(fi);
            double[] g = new double[fam.size()];
            fam.measure(theta, pred, g);
            double mv = 0;
            int count = 0;
            double famTol = opt.feasibilityTolerance() * Math.min(1.0, fam.scale());
            for (double v : g) {
                mv = Math.max(mv, v);
                if (v > famTol) {
                    count++;
                }
            }
            maxViol = Math.max(maxViol, mv);
            scaled = Math.max(scaled, mv / Math.min(1.0, fam.scale()));
            double[] mult = m.raw(fi);
            if (m.isSetView(fi)) {
                compl = Math.max(compl, SetViewSupport.complementarity(fam, theta, pred, mult));
            } else {
                for (int c = 0; c < mult.length; c++) {
                    compl = Math.max(compl, Math.abs(mult[c] * g[c]));
                }
            }
            reports.add(new FamilyReport(fam.name(), fam.size(), mv, count, mv / fam.scale(), false, 0.0));
        }
        double gap = obj - dual;
        double relGap = gap / Math.max(1.0, Math.abs(obj));
        Status status;
        if (scaled <= opt.feasibilityTolerance()) {
            status = relGap <= opt.gapTolerance() ? Status.CERTIFIED : Status.FEASIBLE_UNCERTIFIED;
        } else {
            status = Status.MAX_ITER;
        }
        return new Certificate(status, obj, dual, gap, relGap, maxViol, reports, stationarity, compl, Double.NaN,
                Double.NaN, 0, 0.0, solver, List.of());
    }
}
