package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Independent reference for quantile readouts: the pinball objective as ojAlgo's LP (ridge 0) or convex QP,
 * with residual splits {@code y_ij - x~_i.theta_j = s+_ij - s-_ij}, {@code s+- >= 0}, objective
 * {@code (1/(nk)) sum (tau_j s+ + (1 - tau_j) s-) + ridge |W|^2}. Used only in tests. Variables per output j:
 * {@code theta_j = (w_j, b_j)}.
 */
final class PinballReference {
    private final double[][] x;
    private final double[] y;
    private final int n;
    private final int d;
    private final int k;
    private final ExpressionsBasedModel model = new ExpressionsBasedModel();
    private final List<List<Variable>> theta = new ArrayList<>();
    private double[][] solution;
    private double constant;
    private final double ridge;
    private final double[] taus;
    private String state;

    PinballReference(double[][] x, double[] y, double ridge, double... taus) {
        this(false, x, y, ridge, taus);
    }

    /**
     * @param epigraph the epigraph form {@code s >= max(r, 0)} instead of the split {@code r = s+ - s-}: ojAlgo 55's
     *     QP solver stopped at a suboptimal point that it reported OPTIMAL on some instances in either form (seen
     *     for a box-constrained instance in the epigraph form and a band-width instance in the split form), so
     *     {@link #best} solves both and keeps the lower value (each is the objective of a feasible point, checked)
     */
    PinballReference(boolean epigraph, double[][] x, double[] y, double ridge, double... taus) {
        this.x = x;
        this.y = y;
        this.n = x.length;
        this.d = x[0].length;
        this.k = taus.length;
        Expression obj = model.addExpression("objective").weight(1.0);
        double[][] linear = new double[k][d + 1];
        this.ridge = ridge;
        this.taus = taus.clone();
        for (int j = 0; j < k; j++) {
            List<Variable> t = new ArrayList<>();
            for (int c = 0; c <= d; c++) {
                Variable v = model.addVariable("t" + j + "_" + c);
                t.add(v);
                if (c < d && ridge > 0) {
                    obj.set(v, v, ridge);
                }
            }
            theta.add(t);
            double wgt = 1.0 / ((double) n * k);
            for (int i = 0; i < n; i++) {
                if (epigraph) {
                    // rho_tau(r) = s - (1 - tau) r with s = max(r, 0): s >= 0, s + x~_i.theta_j >= y_i
                    Variable s = model.addVariable("s" + j + "_" + i).lower(0).weight(wgt);
                    Expression e = model.addExpression("res" + j + "_" + i).lower(y[i]);
                    for (int c = 0; c <= d; c++) {
                        e.set(t.get(c), feature(i, c));
                        linear[j][c] += wgt * (1 - taus[j]) * feature(i, c);
                    }
                    e.set(s, 1);
                    constant -= wgt * (1 - taus[j]) * y[i];
                    continue;
                }
                // r = s+ - s-, s+- >= 0
                Variable sp = model.addVariable("sp" + j + "_" + i).lower(0).weight(wgt * taus[j]);
                Variable sm = model.addVariable("sm" + j + "_" + i).lower(0).weight(wgt * (1 - taus[j]));
                Expression e = model.addExpression("res" + j + "_" + i).level(y[i]);
                for (int c = 0; c <= d; c++) {
                    e.set(t.get(c), feature(i, c));
                }
                e.set(sp, 1).set(sm, -1);
            }
        }
        for (int j = 0; j < k; j++) {
            for (int c = 0; c <= d; c++) {
                if (linear[j][c] != 0) {
                    obj.set(theta.get(j).get(c), linear[j][c]);
                }
            }
        }
    }

    double feature(int i, int c) {
        return c == d ? 1.0 : x[i][c];
    }

    /** lo <= x~_i.theta_j <= hi for every row. */
    PinballReference outputBox(int j, double lo, double hi) {
        for (int i = 0; i < n; i++) {
            Expression e = model.addExpression("boxl" + j + "_" + i).lower(lo);
            Expression u = model.addExpression("boxu" + j + "_" + i).upper(hi);
            for (int c = 0; c <= d; c++) {
                e.set(theta.get(j).get(c), feature(i, c));
                u.set(theta.get(j).get(c), feature(i, c));
            }
        }
        return this;
    }

    /**
     * minW <= x~_i.(theta_hi - theta_lo) <= maxW for every row, as two one-sided expressions (one two-sided
     * expression per row made ojAlgo 55 return a constant-width, far from optimal, "OPTIMAL" band).
     */
    PinballReference width(int lo, int hi, double minW, double maxW) {
        for (int i = 0; i < n; i++) {
            Expression e = model.addExpression("wl" + i).lower(minW);
            Expression u = Double.isFinite(maxW) ? model.addExpression("wu" + i).upper(maxW) : null;
            for (int c = 0; c <= d; c++) {
                e.set(theta.get(hi).get(c), feature(i, c));
                e.set(theta.get(lo).get(c), -feature(i, c));
                if (u != null) {
                    u.set(theta.get(hi).get(c), feature(i, c));
                    u.set(theta.get(lo).get(c), -feature(i, c));
                }
            }
        }
        return this;
    }

    /** Non-negative weights (all outputs). */
    PinballReference nonNegative() {
        for (List<Variable> t : theta) {
            for (int c = 0; c < d; c++) {
                t.get(c).lower(0);
            }
        }
        return this;
    }

    /** |W|_1 <= t over all outputs (bias excluded). */
    PinballReference l1(double t) {
        Expression sum = model.addExpression("l1").upper(t);
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                Variable vp = model.addVariable("p" + j + "_" + c).lower(0);
                Variable vm = model.addVariable("m" + j + "_" + c).lower(0);
                model.addExpression("split" + j + "_" + c).level(0).set(theta.get(j).get(c), 1).set(vp, -1)
                        .set(vm, 1);
                sum.set(vp, 1).set(vm, 1);
            }
        }
        return this;
    }

    /** Optimal value. */
    double solve() {
        Optimisation.Result r = model.minimise();
        if (!r.getState().isOptimal()) {
            throw new IllegalStateException("ojAlgo: " + r.getState());
        }
        solution = new double[k][d + 1];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c <= d; c++) {
                solution[j][c] = theta.get(j).get(c).getValue().doubleValue();
            }
        }
        state = r.getState().toString();
        double v = r.getValue() + constant;
        double check = objectiveAt(solution);
        if (Math.abs(check - v) > 1e-9 * Math.max(1, Math.abs(v))) {
            throw new IllegalStateException("ojAlgo's value " + v + " differs from its solution's objective " + check);
        }
        return v;
    }

    /** The pinball objective at theta (k x (d+1)), computed from the predictions. */
    double objectiveAt(double[][] th) {
        double f = 0;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                double pr = 0;
                for (int c = 0; c <= d; c++) {
                    pr += feature(i, c) * th[j][c];
                }
                double r = y[i] - pr;
                f += (r >= 0 ? taus[j] * r : (taus[j] - 1) * r) / ((double) n * k);
            }
            for (int c = 0; c < d; c++) {
                f += ridge * th[j][c] * th[j][c];
            }
        }
        return f;
    }

    /**
     * Lowest value over both formulations with the same constraints (added by {@code constraints}); each value is
     * that of a point ojAlgo returned as optimal.
     */
    static double best(double[][] x, double[] y, double ridge, double[] taus,
            java.util.function.UnaryOperator<PinballReference> constraints) {
        double a = constraints.apply(new PinballReference(false, x, y, ridge, taus)).solve();
        double b = constraints.apply(new PinballReference(true, x, y, ridge, taus)).solve();
        if (Math.abs(a - b) > 1e-7 * Math.abs(Math.min(a, b))) {
            System.out.println("ojAlgo formulations disagree: split " + a + ", epigraph " + b + "; using the lower");
        }
        return Math.min(a, b);
    }

    /** theta per output of the last solve. */
    double[][] solution() {
        return solution;
    }

    String state() {
        return state;
    }
}
