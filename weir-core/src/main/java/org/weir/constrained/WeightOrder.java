package org.weir.constrained;

/**
 * Sign or order constraints on the weights (not the bias): {@link Kind#NON_NEGATIVE} {@code w_jc >= 0}, or
 * {@link Kind#MONOTONE} {@code w_j0 <= w_j1 <= ... <= w_j,d-1} for every output j. Affine; a box in the set
 * view ({@code z = w} or {@code z = (w_j,c+1 - w_jc)}, each {@code >= 0}).
 */
public final class WeightOrder implements BoxFamily {
    /** Which order. */
    public enum Kind {
        /** Non-negative weights. */
        NON_NEGATIVE,
        /** Non-decreasing weights along the feature index. */
        MONOTONE
    }

    private final DesignMatrix x;
    private final Kind kind;

    public WeightOrder(DesignMatrix x, Kind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (kind == Kind.MONOTONE && x.features() < 2) {
            throw new IllegalArgumentException("monotone weights need at least 2 features; got " + x.features());
        }
        this.x = x;
        this.kind = kind;
    }

    private int perOutput() {
        return kind == Kind.NON_NEGATIVE ? x.features() : x.features() - 1;
    }

    @Override
    public String name() {
        return kind == Kind.NON_NEGATIVE ? "weights>=0" : "weights monotone";
    }

    @Override
    public int size() {
        return perOutput() * x.outputs();
    }

    @Override
    public Curvature curvature() {
        return Curvature.AFFINE;
    }

    @Override
    public double scale() {
        return 1.0;
    }

    @Override
    public double lower(int t) {
        return 0.0;
    }

    @Override
    public double upper(int t) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public int mapDimension() {
        return size();
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        int m = perOutput();
        for (int j = 0; j < x.outputs(); j++) {
            for (int c = 0; c < m; c++) {
                z[j * m + c] = kind == Kind.NON_NEGATIVE ? theta[j][c] : theta[j][c + 1] - theta[j][c];
            }
        }
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        int m = perOutput();
        for (int j = 0; j < x.outputs(); j++) {
            for (int c = 0; c < m; c++) {
                double v = u[j * m + c];
                if (kind == Kind.NON_NEGATIVE) {
                    thetaAdjoint[j][c] += v;
                } else {
                    thetaAdjoint[j][c + 1] += v;
                    thetaAdjoint[j][c] -= v;
                }
            }
        }
    }

    @Override
    public void addNormalMatrix(int output, double s, double[] h) {
        int p = x.params();
        int d = x.features();
        if (kind == Kind.NON_NEGATIVE) {
            for (int c = 0; c < d; c++) {
                h[c * p + c] += s;
            }
        } else {
            for (int c = 0; c + 1 < d; c++) {
                h[c * p + c] += s;
                h[(c + 1) * p + c + 1] += s;
                h[c * p + c + 1] -= s;
                h[(c + 1) * p + c] -= s;
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
