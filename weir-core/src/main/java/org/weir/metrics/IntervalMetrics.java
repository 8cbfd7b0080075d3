package org.weir.metrics;

/**
 * Quality of prediction intervals {@code [L_t, U_t]} against observed values {@code y_t}: empirical coverage,
 * mean width and the Winkler (interval) score (Winkler 1972; Gneiting and Raftery 2007, eq. 43)
 * {@code S = (U - L) + (2/alpha) ((L - y) 1{y < L} + (y - U) 1{y > U})}, a proper scoring rule for central
 * {@code (1-alpha)} intervals: lower is better. Infinite bounds give infinite widths and scores.
 */
public final class IntervalMetrics {
    private IntervalMetrics() {
    }

    /** Fraction of t with {@code L_t <= y_t <= U_t}. */
    public static double coverage(double[] lower, double[] upper, double[] y) {
        check(lower, upper, y);
        int in = 0;
        for (int t = 0; t < y.length; t++) {
            if (y[t] >= lower[t] && y[t] <= upper[t]) {
                in++;
            }
        }
        return (double) in / y.length;
    }

    /** Mean of {@code U_t - L_t}. */
    public static double meanWidth(double[] lower, double[] upper) {
        check(lower, upper, lower);
        double s = 0;
        for (int t = 0; t < lower.length; t++) {
            s += upper[t] - lower[t];
        }
        return s / lower.length;
    }

    /** The Winkler score of one interval. */
    public static double winkler(double lower, double upper, double y, double alpha) {
        checkAlpha(alpha);
        double s = upper - lower;
        if (y < lower) {
            s += (2.0 / alpha) * (lower - y);
        } else if (y > upper) {
            s += (2.0 / alpha) * (y - upper);
        }
        return s;
    }

    /** Mean Winkler score over the series. */
    public static double meanWinkler(double[] lower, double[] upper, double[] y, double alpha) {
        check(lower, upper, y);
        checkAlpha(alpha);
        double s = 0;
        for (int t = 0; t < y.length; t++) {
            s += winkler(lower[t], upper[t], y[t], alpha);
        }
        return s / y.length;
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }

    private static void check(double[] lower, double[] upper, double[] y) {
        if (lower.length != upper.length || lower.length != y.length) {
            throw new IllegalArgumentException("lower, upper and observed series must have equal lengths, got "
                    + lower.length + ", " + upper.length + ", " + y.length);
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("interval metrics need at least one step");
        }
    }
}
