package org.weir.constrained;

/**
 * What the readout minimizes, as a function of {@code theta = (W, b)}.
 *
 * <ul>
 *   <li>{@link Kind#SQUARED_ERROR}: {@code f = (1/(n k)) sum_ij (y_ij - w_j.x_i - b_j)^2 + ridge |W|_F^2}
 *       (the bias is not penalized), the usual ridge readout;</li>
 *   <li>{@link Kind#MINIMUM_NORM}: {@code f = ridge (|W|_F^2 + |b|^2)}, the minimum-norm feasible readout
 *       of Feasible Learning (Ramirez et al., "Feasible Learning", AISTATS 2025) when combined with
 *       per-sample loss bounds.</li>
 * </ul>
 *
 * @param kind which objective
 * @param ridge the penalty weight, {@code >= 0} for squared error and {@code > 0} for minimum norm
 */
public record Objective(Kind kind, double ridge) {
    /** The objective families. */
    public enum Kind {
        /** Mean squared error plus ridge. */
        SQUARED_ERROR,
        /** Ridge penalty alone (weights and bias). */
        MINIMUM_NORM
    }

    public Objective {
        if (kind == null) {
            throw new IllegalArgumentException("objective kind must not be null");
        }
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be finite and >= 0; got " + ridge);
        }
        if (kind == Kind.MINIMUM_NORM && ridge <= 0) {
            throw new IllegalArgumentException("ridge must be > 0 for the minimum-norm objective; got " + ridge);
        }
    }

    /** Mean squared error plus {@code ridge |W|^2}. */
    public static Objective squaredError(double ridge) {
        return new Objective(Kind.SQUARED_ERROR, ridge);
    }

    /** {@code ridge (|W|^2 + |b|^2)}. */
    public static Objective minimumNorm(double ridge) {
        return new Objective(Kind.MINIMUM_NORM, ridge);
    }

    /** Weight of every squared residual in the objective ({@code 1/(n k)} or 0). */
    double residualWeight(DesignMatrix x) {
        return kind == Kind.SQUARED_ERROR ? 1.0 / ((double) x.rows() * x.outputs()) : 0.0;
    }

    /** Ridge weight on parameter c of an output ({@code c == d} is the bias). */
    double paramRidge(DesignMatrix x, int c) {
        if (c == x.features()) {
            return kind == Kind.MINIMUM_NORM ? ridge : 0.0;
        }
        return ridge;
    }

    /** Value at given parameters and predictions. */
    double value(DesignMatrix x, double[][] theta, double[][] pred) {
        double w = residualWeight(x);
        double s = 0;
        if (w != 0) {
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < x.outputs(); j++) {
                    double r = x.target(i, j) - pred[i][j];
                    s += r * r;
                }
            }
            s *= w;
        }
        int p = x.params();
        for (double[] t : theta) {
            for (int c = 0; c < p; c++) {
                s += paramRidge(x, c) * t[c] * t[c];
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return (kind == Kind.SQUARED_ERROR ? "squared-error" : "minimum-norm") + "+ridge(" + ridge + ")";
    }
}
