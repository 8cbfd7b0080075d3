package org.weir.constrained;

/**
 * A rate constraint: the fraction of training (row, output) pairs whose absolute error exceeds {@code delta}
 * is at most {@code q}, {@code g(theta) = (1/(n k)) #{(i,j) : |y_ij - yhat_ij| > delta} - q <= 0}. The count is
 * a step function of theta: the family is {@link Curvature#NONCONVEX} and has no useful gradient. Following the
 * proxy-Lagrangian of Cotter, Jiang and Sridharan ("Two-player games for efficient non-convex constrained
 * optimization", ALT 2019; Cotter et al., "Optimization with non-differentiable constraints with applications to
 * fairness, recall, churn, and other goals", JMLR 2019) the <em>strict</em> 0-1 count drives the multiplier
 * (the dual player sees the real constraint) while a smooth convex upper bound of the indicator drives the
 * primal step: the squared hinge {@code max(0, (|r| - delta + m) / m)^2} or the hinge
 * {@code max(0, (|r| - delta + m) / m)} with margin m, both {@code >= 1} whenever {@code |r| >= delta}.
 *
 * <p>What a certificate can prove: the violation reported is the strict rate, so a feasible status is exact.
 * The set view is empty ({@link #mapDimension()} 0), so the dual bound of the certificate <em>drops</em> this
 * family: the minimum of the relaxed problem is still a rigorous lower bound on the optimum (a relaxation), but
 * it ignores the rate, so the gap is usually large and the status FEASIBLE_UNCERTIFIED; CERTIFIED appears only
 * when even the relaxation proves optimality (the rate constraint is then not binding). Only the stochastic
 * primal-dual solver handles this family.
 */
public final class RateBound implements ConstraintFamily {
    /** Smooth convex upper bound of the indicator used in the primal step. */
    public enum Proxy {
        /** {@code max(0, (|r| - delta + m) / m)}. */
        HINGE,
        /** {@code max(0, (|r| - delta + m) / m)^2} (continuously differentiable). */
        SQUARED_HINGE
    }

    private final DesignMatrix x;
    private final double delta;
    private final double rate;
    private final double margin;
    private final Proxy proxy;

    /**
     * @param delta error threshold, {@code > 0}
     * @param rate allowed fraction q, in {@code [0, 1)}
     * @param margin proxy margin m, {@code > 0} and at most delta
     * @param proxy the primal proxy
     */
    public RateBound(DesignMatrix x, double delta, double rate, double margin, Proxy proxy) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("rate threshold delta must be finite and > 0; got " + delta);
        }
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate q must be in [0, 1); got " + rate);
        }
        if (!(margin > 0) || !(margin <= delta)) {
            throw new IllegalArgumentException("proxy margin must be in (0, delta = " + delta + "]; got " + margin);
        }
        if (proxy == null) {
            throw new IllegalArgumentException("proxy must not be null");
        }
        this.x = x;
        this.delta = delta;
        this.rate = rate;
        this.margin = margin;
        this.proxy = proxy;
    }

    double delta() {
        return delta;
    }

    double rate() {
        return rate;
    }

    @Override
    public String name() {
        return "rate(abs-error>" + delta + ")<=" + rate + " [nonconvex: strict 0-1 rate; "
                + (proxy == Proxy.HINGE ? "hinge" : "squared-hinge") + " proxy margin " + margin
                + "; dropped from the dual bound]";
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public Curvature curvature() {
        return Curvature.NONCONVEX;
    }

    @Override
    public double scale() {
        return rate > 0 ? rate : 1.0;
    }

    /** True when {@code |r| > delta}: the strict measurement. */
    boolean exceeds(double r) {
        return Math.abs(r) > delta;
    }

    /** Derivative of the proxy in the residual r (zero where the proxy is flat). */
    double proxySlope(double r) {
        double a = Math.abs(r);
        double s = (a - delta + margin) / margin;
        if (s <= 0) {
            return 0;
        }
        double d = proxy == Proxy.HINGE ? 1.0 / margin : 2 * s / margin;
        return r >= 0 ? d : -d;
    }

    @Override
    public void measure(double[][] theta, double[][] pred, double[] g) {
        int n = x.rows();
        int k = x.outputs();
        long over = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                if (exceeds(x.target(i, j) - pred[i][j])) {
                    over++;
                }
            }
        }
        g[0] = (double) over / ((double) n * k) - rate;
    }

    @Override
    public int mapDimension() {
        return 0;
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        // empty set view: the family is relaxed in the dual bound
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        // empty set view
    }

    @Override
    public void addNormalMatrix(int output, double s, double[] h) {
        // empty set view
    }

    @Override
    public void project(double[] z) {
        // empty set view
    }

    @Override
    public double support(double[] u) {
        return 0;
    }

    @Override
    public void clipToSupportDomain(double[] u) {
        // empty set view
    }

    @Override
    public String toString() {
        return name();
    }
}
