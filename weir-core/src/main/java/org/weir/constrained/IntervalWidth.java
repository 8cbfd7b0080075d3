package org.weir.constrained;

/**
 * Width of a quantile band on the training rows: for a readout whose outputs {@code lo} and {@code hi} are
 * quantiles at levels {@code tau_lo < tau_hi}, {@code minWidth <= (w_hi - w_lo).x_i + (b_hi - b_lo) <= maxWidth}
 * for every row i. With {@code minWidth = 0} the lower side is the non-crossing constraint (Chernozhukov et al.,
 * "Quantile and probability curves without crossing", Econometrica 2010); the upper side caps the band's width,
 * the constrained route to narrow calibrated bands. Affine; a box in the set view
 * ({@code z_i = pred_i,hi - pred_i,lo}). It couples two outputs, so only the solvers that factor the joint
 * system handle it ({@code PinballAdmm}).
 */
public final class IntervalWidth implements BoxFamily {
    private final DesignMatrix x;
    private final int lo;
    private final int hi;
    private final double minWidth;
    private final double maxWidth;

    /**
     * @param x training data (at least two outputs)
     * @param lo index of the lower-quantile output
     * @param hi index of the upper-quantile output ({@code != lo})
     * @param minWidth smallest width, finite (0: non-crossing)
     * @param maxWidth largest width, {@code >= minWidth}, {@code +infinity} for none
     */
    public IntervalWidth(DesignMatrix x, int lo, int hi, double minWidth, double maxWidth) {
        if (lo < 0 || hi < 0 || lo >= x.outputs() || hi >= x.outputs() || lo == hi) {
            throw new IllegalArgumentException("interval width needs two distinct outputs in [0, " + x.outputs()
                    + "); got lo " + lo + ", hi " + hi);
        }
        if (!Double.isFinite(minWidth) || !(maxWidth >= minWidth) || Double.isNaN(maxWidth)) {
            throw new IllegalArgumentException("interval width bounds need a finite minWidth <= maxWidth; got ["
                    + minWidth + ", " + maxWidth + "]");
        }
        this.x = x;
        this.lo = lo;
        this.hi = hi;
        this.minWidth = minWidth;
        this.maxWidth = maxWidth;
    }

    /** Index of the lower output. */
    int lowOutput() {
        return lo;
    }

    /** Index of the upper output. */
    int highOutput() {
        return hi;
    }

    @Override
    public String name() {
        return "width in [" + minWidth + "," + maxWidth + "] outputs " + lo + ".." + hi;
    }

    @Override
    public int size() {
        return x.rows();
    }

    @Override
    public Curvature curvature() {
        return Curvature.AFFINE;
    }

    @Override
    public double scale() {
        double s = Double.isFinite(maxWidth) ? maxWidth : Math.abs(minWidth);
        return s > 0 ? s : 1.0;
    }

    @Override
    public double lower(int t) {
        return minWidth;
    }

    @Override
    public double upper(int t) {
        return maxWidth;
    }

    @Override
    public int mapDimension() {
        return x.rows();
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        for (int i = 0; i < x.rows(); i++) {
            z[i] = pred[i][hi] - pred[i][lo];
        }
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        for (int i = 0; i < x.rows(); i++) {
            predAdjoint[i][hi] += u[i];
            predAdjoint[i][lo] -= u[i];
        }
    }

    /** Diagonal block of {@code s B^T B} for one output; the cross block is {@link #addCrossNormalMatrix}. */
    @Override
    public void addNormalMatrix(int output, double s, double[] h) {
        if (output != lo && output != hi) {
            return;
        }
        double[] g = x.gramAll();
        for (int c = 0; c < g.length; c++) {
            h[c] += s * g[c];
        }
    }

    /** Adds the block {@code s (B^T B)[a][b]} between outputs a and b ({@code a != b}) into h (p x p). */
    void addCrossNormalMatrix(int a, int b, double s, double[] h) {
        if (!((a == lo && b == hi) || (a == hi && b == lo))) {
            return;
        }
        double[] g = x.gramAll();
        for (int c = 0; c < g.length; c++) {
            h[c] -= s * g[c];
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
