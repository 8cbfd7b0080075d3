package org.weir.constrained;

/**
 * Output bounds valid for every state in {@code [-1, 1]^d}, e.g. every state of a tanh reservoir: since
 * {@code |w_j . x| <= |w_j|_1} there, {@code lo <= yhat_j <= hi} holds for all such x iff
 * {@code |b_j - c| + |w_j|_1 <= r} with {@code c = (lo + hi)/2}, {@code r = (hi - lo)/2}. One convex
 * constraint per output; a shifted L1 ball in the set view ({@code z = theta_j}).
 */
public final class RobustOutputBound implements ConstraintFamily {
    private final DesignMatrix x;
    private final double lo;
    private final double hi;

    public RobustOutputBound(DesignMatrix x, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi >= lo)) {
            throw new IllegalArgumentException("robust output bounds must be finite with lo <= hi; got [" + lo + ", "
                    + hi + "]");
        }
        this.x = x;
        this.lo = lo;
        this.hi = hi;
    }

    private double centre() {
        return 0.5 * (lo + hi);
    }

    private double radius() {
        return 0.5 * (hi - lo);
    }

    @Override
    public String name() {
        return "output in [" + lo + "," + hi + "] robust";
    }

    @Override
    public int size() {
        return x.outputs();
    }

    @Override
    public Curvature curvature() {
        return Curvature.CONVEX;
    }

    @Override
    public double scale() {
        return radius() > 0 ? radius() : 1.0;
    }

    @Override
    public void measure(double[][] theta, double[][] pred, double[] g) {
        int d = x.features();
        for (int j = 0; j < x.outputs(); j++) {
            double s = Math.abs(theta[j][d] - centre());
            for (int c = 0; c < d; c++) {
                s += Math.abs(theta[j][c]);
            }
            g[j] = s - radius();
        }
    }

    @Override
    public int mapDimension() {
        return x.params() * x.outputs();
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        int p = x.params();
        for (int j = 0; j < x.outputs(); j++) {
            System.arraycopy(theta[j], 0, z, j * p, p);
        }
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        int p = x.params();
        for (int j = 0; j < x.outputs(); j++) {
            for (int c = 0; c < p; c++) {
                thetaAdjoint[j][c] += u[j * p + c];
            }
        }
    }

    @Override
    public void addNormalMatrix(int output, double s, double[] h) {
        int p = x.params();
        for (int c = 0; c < p; c++) {
            h[c * p + c] += s;
        }
    }

    private double[] centreVector() {
        double[] ctr = new double[x.params()];
        ctr[x.features()] = centre();
        return ctr;
    }

    @Override
    public void project(double[] z) {
        int p = x.params();
        double[] ctr = centreVector();
        for (int j = 0; j < x.outputs(); j++) {
            L1Ball.project(z, j * p, p, ctr, radius());
        }
    }

    @Override
    public double support(double[] u) {
        int p = x.params();
        double s = 0;
        for (int j = 0; j < x.outputs(); j++) {
            double mx = 0;
            for (int c = 0; c < p; c++) {
                mx = Math.max(mx, Math.abs(u[j * p + c]));
            }
            s += u[j * p + x.features()] * centre() + radius() * mx;
        }
        return s;
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
