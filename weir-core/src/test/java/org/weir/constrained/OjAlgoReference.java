package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Independent reference: ojAlgo's convex QP / LP solver on the same problems, single output. Used only in
 * tests. Variables are {@code theta = (w, b)}.
 */
final class OjAlgoReference {
    private final double[][] x;
    private final double[] y;
    private final int n;
    private final int d;
    private final ExpressionsBasedModel model = new ExpressionsBasedModel();
    private final List<Variable> vars = new ArrayList<>();
    private double constant;

    OjAlgoReference(double[][] x, double[] y) {
        this.x = x;
        this.y = y;
        this.n = x.length;
        this.d = x[0].length;
        for (int c = 0; c <= d; c++) {
            vars.add(model.addVariable("t" + c));
        }
    }

    double feature(int i, int c) {
        return c == d ? 1.0 : x[i][c];
    }

    /** Objective (1/n) sum (y - x.theta)^2 + ridge |w|^2 (+ ridge b^2 when minimumNorm). */
    OjAlgoReference objective(Objective obj) {
        Expression e = model.addExpression("objective").weight(1.0);
        int p = d + 1;
        double w0 = obj.kind() == Objective.Kind.SQUARED_ERROR ? 1.0 / n : 0.0;
        double[][] h = new double[p][p];
        double[] lin = new double[p];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                lin[a] += -2 * w0 * y[i] * feature(i, a);
                for (int b = 0; b < p; b++) {
                    h[a][b] += w0 * feature(i, a) * feature(i, b);
                }
            }
            constant += w0 * y[i] * y[i];
        }
        for (int a = 0; a < d; a++) {
            h[a][a] += obj.ridge();
        }
        if (obj.kind() == Objective.Kind.MINIMUM_NORM) {
            h[d][d] += obj.ridge();
        }
        for (int a = 0; a < p; a++) {
            e.set(vars.get(a), lin[a]);
            for (int b = 0; b < p; b++) {
                if (h[a][b] != 0) {
                    e.set(vars.get(a), vars.get(b), h[a][b]);
                }
            }
        }
        return this;
    }

    /** lo_i <= x_i.theta <= hi_i for every row. */
    OjAlgoReference rowBounds(double[] lo, double[] hi) {
        for (int i = 0; i < n; i++) {
            Expression e = model.addExpression("row" + i);
            for (int c = 0; c <= d; c++) {
                e.set(vars.get(c), feature(i, c));
            }
            if (Double.isFinite(lo[i])) {
                e.lower(lo[i]);
            }
            if (Double.isFinite(hi[i])) {
                e.upper(hi[i]);
            }
        }
        return this;
    }

    /** |y_i - x_i.theta| <= eps. */
    OjAlgoReference tube(double eps) {
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = y[i] - eps;
            hi[i] = y[i] + eps;
        }
        return rowBounds(lo, hi);
    }

    /** General linear constraint a.theta in [lo, hi]. */
    OjAlgoReference linear(double[] a, double lo, double hi) {
        Expression e = model.addExpression("lin" + model.getExpressions().size());
        for (int c = 0; c <= d; c++) {
            if (a[c] != 0) {
                e.set(vars.get(c), a[c]);
            }
        }
        if (Double.isFinite(lo)) {
            e.lower(lo);
        }
        if (Double.isFinite(hi)) {
            e.upper(hi);
        }
        return this;
    }

    /** Bounds on single parameters. */
    OjAlgoReference variableBounds(double[] lo, double[] hi) {
        for (int c = 0; c <= d; c++) {
            if (Double.isFinite(lo[c])) {
                vars.get(c).lower(lo[c]);
            }
            if (Double.isFinite(hi[c])) {
                vars.get(c).upper(hi[c]);
            }
        }
        return this;
    }

    /** |w|_1 <= t via w = wp - wm, wp, wm >= 0. */
    OjAlgoReference l1Ball(double t, boolean includeBias, double biasCentre) {
        Expression sum = model.addExpression("l1").upper(t);
        int last = includeBias ? d : d - 1;
        for (int c = 0; c <= last; c++) {
            Variable vp = model.addVariable("p" + c).lower(0);
            Variable vm = model.addVariable("m" + c).lower(0);
            double shift = (includeBias && c == d) ? biasCentre : 0.0;
            model.addExpression("split" + c).level(shift).set(vars.get(c), 1).set(vp, -1).set(vm, 1);
            sum.set(vp, 1).set(vm, 1);
        }
        return this;
    }

    /** Solves; returns the objective value (with the constant) and fills theta. */
    double solve(double[] theta) {
        Optimisation.Result r = model.minimise();
        if (!r.getState().isOptimal() && !r.getState().isFeasible()) {
            throw new IllegalStateException("ojAlgo: " + r.getState());
        }
        for (int c = 0; c <= d; c++) {
            theta[c] = r.doubleValue(c);
        }
        return r.getValue() + constant;
    }

    /** min_theta max_i |y_i - x_i.theta| as an LP. */
    static double chebyshev(double[][] x, double[] y) {
        int n = x.length;
        int d = x[0].length;
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        List<Variable> v = new ArrayList<>();
        for (int c = 0; c <= d; c++) {
            v.add(m.addVariable("t" + c));
        }
        Variable t = m.addVariable("t").lower(0).weight(1.0);
        for (int i = 0; i < n; i++) {
            Expression up = m.addExpression("u" + i).upper(y[i]);
            Expression dn = m.addExpression("d" + i).lower(y[i]);
            for (int c = 0; c <= d; c++) {
                double f = c == d ? 1.0 : x[i][c];
                up.set(v.get(c), f);
                dn.set(v.get(c), f);
            }
            up.set(t, -1);
            dn.set(t, 1);
        }
        Optimisation.Result r = m.minimise();
        if (!r.getState().isOptimal()) {
            throw new IllegalStateException("ojAlgo LP: " + r.getState());
        }
        return r.getValue();
    }

}
