package org.weir.constrained;

/**
 * Equality constraints on the readout's outputs at given states: {@code w_j . s_r + b_j = v_rj} for every
 * state {@code s_r} and output j (e.g. the readout must pass through known points, or reproduce a reference
 * value at an operating point). Affine; in the set view a degenerate box {@code lower = upper = v}, whose
 * multiplier is free in sign (support function {@code sigma(u) = u . v}), so every certificate built on the set
 * view (Boyd and Vandenberghe, Convex Optimization, sec. 5.1) covers it unchanged. The dual-ascent solver keeps
 * it as an equality of its active-set QP; ADMM and the augmented Lagrangian project onto the point.
 */
public final class OutputEquality implements BoxFamily {
    private final DesignMatrix x;
    private final double[][] states; // m x p, augmented with the bias 1
    private final double[][] values; // m x k
    private final String name;
    private final double scale;

    /**
     * @param x the training data (for dimensions)
     * @param states states {@code s_r} (m x d, not modified), m at least 1
     * @param values required outputs (m x k, not modified), finite
     * @param name text for reports, e.g. {@code output==0.5 rows=3,7}
     */
    public OutputEquality(DesignMatrix x, double[][] states, double[][] values, String name) {
        if (states == null || values == null || states.length < 1 || states.length != values.length) {
            throw new IllegalArgumentException("output equality needs m >= 1 states and as many value rows; got "
                    + (states == null ? "null" : states.length) + " states, "
                    + (values == null ? "null" : values.length) + " value rows");
        }
        int d = x.features();
        int k = x.outputs();
        this.x = x;
        this.states = new double[states.length][d + 1];
        this.values = new double[states.length][];
        double s = 0;
        for (int r = 0; r < states.length; r++) {
            if (states[r].length != d) {
                throw new IllegalArgumentException("output equality state " + r + " has " + states[r].length
                        + " entries, expected " + d);
            }
            if (values[r].length != k) {
                throw new IllegalArgumentException("output equality value row " + r + " has " + values[r].length
                        + " entries, expected " + k);
            }
            for (int c = 0; c < d; c++) {
                if (!Double.isFinite(states[r][c])) {
                    throw new IllegalArgumentException("output equality state " + r + " entry " + c
                            + " is not finite: " + states[r][c]);
                }
                this.states[r][c] = states[r][c];
            }
            this.states[r][d] = 1.0;
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(values[r][j])) {
                    throw new IllegalArgumentException("output equality value " + r + "," + j + " is not finite: "
                            + values[r][j]);
                }
                s = Math.max(s, Math.abs(values[r][j]));
            }
            this.values[r] = values[r].clone();
        }
        this.name = name;
        this.scale = s > 0 ? s : 1.0;
    }

    /**
     * Outputs at given training rows fixed to one value: {@code yhat_ij = value} for each listed row and every
     * output.
     *
     * @param rows training row indices, each in {@code [0, n)}
     */
    public static OutputEquality atRows(DesignMatrix x, int[] rows, double value) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("output equality needs at least one row");
        }
        double[][] s = new double[rows.length][x.features()];
        double[][] v = new double[rows.length][x.outputs()];
        StringBuilder sb = new StringBuilder("output==" + value + " rows=");
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] < 0 || rows[r] >= x.rows()) {
                throw new IllegalArgumentException("output equality row must be in [0, " + x.rows() + "); got "
                        + rows[r]);
            }
            for (int c = 0; c < x.features(); c++) {
                s[r][c] = x.feature(rows[r], c);
            }
            java.util.Arrays.fill(v[r], value);
            sb.append(r == 0 ? "" : ",").append(rows[r]);
        }
        return new OutputEquality(x, s, v, sb.toString());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return states.length * x.outputs();
    }

    @Override
    public Curvature curvature() {
        return Curvature.AFFINE;
    }

    @Override
    public double scale() {
        return scale;
    }

    @Override
    public double lower(int t) {
        return values[t / x.outputs()][t % x.outputs()];
    }

    @Override
    public double upper(int t) {
        return lower(t);
    }

    @Override
    public int mapDimension() {
        return size();
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        int k = x.outputs();
        int p = x.params();
        for (int r = 0; r < states.length; r++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int c = 0; c < p; c++) {
                    s += states[r][c] * theta[j][c];
                }
                z[r * k + j] = s;
            }
        }
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        int k = x.outputs();
        int p = x.params();
        for (int r = 0; r < states.length; r++) {
            for (int j = 0; j < k; j++) {
                double v = u[r * k + j];
                if (v != 0) {
                    for (int c = 0; c < p; c++) {
                        thetaAdjoint[j][c] += v * states[r][c];
                    }
                }
            }
        }
    }

    @Override
    public void addNormalMatrix(int output, double s, double[] h) {
        int p = x.params();
        for (double[] st : states) {
            for (int a = 0; a < p; a++) {
                double va = s * st[a];
                for (int b = 0; b < p; b++) {
                    h[a * p + b] += va * st[b];
                }
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
