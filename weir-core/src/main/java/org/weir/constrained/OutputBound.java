package org.weir.constrained;

/**
 * Output bounds on the training rows: {@code lo <= w_j.x_i + b_j <= hi} for every row i and output j
 * (affine; a box in the set view).
 */
public final class OutputBound implements BoxFamily {
    private final DesignMatrix x;
    private final double lo;
    private final double hi;

    /**
     * @param lo lower bound ({@code -infinity} allowed)
     * @param hi upper bound ({@code +infinity} allowed), {@code hi >= lo}
     */
    public OutputBound(DesignMatrix x, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || !(hi >= lo) || (Double.isInfinite(lo) && Double.isInfinite(hi))) {
            throw new IllegalArgumentException("output bounds must satisfy lo <= hi with at least one finite; got ["
                    + lo + ", " + hi + "]");
        }
        this.x = x;
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    public String name() {
        return "output in [" + lo + "," + hi + "]";
    }

    @Override
    public int size() {
        return x.rows() * x.outputs();
    }

    @Override
    public Curvature curvature() {
        return Curvature.AFFINE;
    }

    @Override
    public double scale() {
        double s = Double.isFinite(hi - lo) ? hi - lo : Math.max(Double.isFinite(lo) ? Math.abs(lo) : 0,
                Double.isFinite(hi) ? Math.abs(hi) : 0);
        return s > 0 ? s : 1.0;
    }

    double lo() {
        return lo;
    }

    double hi() {
        return hi;
    }

    @Override
    public double lower(int t) {
        return lo;
    }

    @Override
    public double upper(int t) {
        return hi;
    }

    @Override
    public int mapDimension() {
        return x.rows() * x.outputs();
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        int k = x.outputs();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < k; j++) {
                z[i * k + j] = pred[i][j];
            }
        }
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        int k = x.outputs();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < k; j++) {
                predAdjoint[i][j] += u[i * k + j];
            }
        }
    }

    @Override
    public void addNormalMatrix(int output, double s, double[] h) {
        double[] g = x.gramAll();
        for (int c = 0; c < g.length; c++) {
            h[c] += s * g[c];
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
