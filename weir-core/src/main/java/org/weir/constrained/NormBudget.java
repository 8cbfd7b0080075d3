package org.weir.constrained;

/**
 * A budget on the weight norm over all outputs (bias excluded): {@code |W|_1 <= t} (sparsity-inducing,
 * Tibshirani 1996) or {@code |W|_F <= t}. One convex, non-smooth (L1) or smooth (L2) constraint; a norm ball
 * in the set view, with support function {@code t |u|_inf} or {@code t |u|_2}.
 */
public final class NormBudget implements ConstraintFamily {
    /** Which norm. */
    public enum Norm {
        /** Sum of absolute weights. */
        L1,
        /** Frobenius (Euclidean) norm. */
        L2
    }

    private final DesignMatrix x;
    private final Norm norm;
    private final double budget;

    public NormBudget(DesignMatrix x, Norm norm, double budget) {
        if (norm == null) {
            throw new IllegalArgumentException("norm must not be null");
        }
        if (!(budget >= 0) || !Double.isFinite(budget)) {
            throw new IllegalArgumentException("norm budget must be finite and >= 0; got " + budget);
        }
        this.x = x;
        this.norm = norm;
        this.budget = budget;
    }

    /** Which norm. */
    Norm norm() {
        return norm;
    }

    /** The budget t. */
    double budget() {
        return budget;
    }

    @Override
    public String name() {
        return (norm == Norm.L1 ? "l1" : "l2") + "<=" + budget;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public Curvature curvature() {
        return Curvature.CONVEX;
    }

    @Override
    public double scale() {
        return budget > 0 ? budget : 1.0;
    }

    @Override
    public void measure(double[][] theta, double[][] pred, double[] g) {
        double s = 0;
        for (double[] t : theta) {
            for (int c = 0; c < x.features(); c++) {
                s += norm == Norm.L1 ? Math.abs(t[c]) : t[c] * t[c];
            }
        }
        g[0] = (norm == Norm.L1 ? s : Math.sqrt(s)) - budget;
    }

    @Override
    public int mapDimension() {
        return x.features() * x.outputs();
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        int d = x.features();
        for (int j = 0; j < x.outputs(); j++) {
            System.arraycopy(theta[j], 0, z, j * d, d);
        }
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        int d = x.features();
        for (int j = 0; j < x.outputs(); j++) {
            for (int c = 0; c < d; c++) {
                thetaAdjoint[j][c] += u[j * d + c];
            }
        }
    }

    @Override
    public void addNormalMatrix(int output, double s, double[] h) {
        int p = x.params();
        for (int c = 0; c < x.features(); c++) {
            h[c * p + c] += s;
        }
    }

    @Override
    public void project(double[] z) {
        if (norm == Norm.L1) {
            L1Ball.project(z, 0, z.length, new double[z.length], budget);
        } else {
            double s = 0;
            for (double v : z) {
                s += v * v;
            }
            s = Math.sqrt(s);
            if (s > budget) {
                double f = budget / s;
                for (int t = 0; t < z.length; t++) {
                    z[t] *= f;
                }
            }
        }
    }

    @Override
    public double support(double[] u) {
        double s = 0;
        for (double v : u) {
            s = norm == Norm.L1 ? Math.max(s, Math.abs(v)) : s + v * v;
        }
        return budget * (norm == Norm.L1 ? s : Math.sqrt(s));
    }

    @Override
    public void clipToSupportDomain(double[] u) {
        // finite everywhere
    }

    @Override
    public String toString() {
        return name();
    }
}
