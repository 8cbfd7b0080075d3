package org.weir.model;

/**
 * One training sequence: inputs {@code u[t]} and aligned targets {@code y[t]} (the value the readout must
 * produce after the reservoir consumed {@code u[t]}), both T rows.
 *
 * @param inputs T x d (not copied; callers must not modify it during a fit)
 * @param targets T x k
 */
public record Sequence(double[][] inputs, double[][] targets) {
    public Sequence {
        if (inputs == null || targets == null) {
            throw new IllegalArgumentException("inputs and targets must be given");
        }
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException("a sequence needs as many target rows as input rows: "
                    + inputs.length + " inputs, " + targets.length + " targets");
        }
        checkRectangular(inputs, "inputs");
        checkRectangular(targets, "targets");
    }

    static void checkRectangular(double[][] rows, String what) {
        if (rows.length == 0) {
            return;
        }
        int w = rows[0].length;
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != w) {
                throw new IllegalArgumentException(what + " row " + t + " has " + rows[t].length + " values, expected " + w);
            }
            for (double v : rows[t]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + " row " + t + " holds a non-finite value " + v);
                }
            }
        }
    }

    /** Number of steps. */
    public int length() {
        return inputs.length;
    }

    /**
     * Direct h-step forecasting pairs from one multivariate series: input row r, target row r + h, for
     * input rows in [from, to). {@code h = 0} pairs each input with the same row (system identification).
     *
     * @param inputs T x d series of inputs
     * @param targets T x k series of targets (may be the same array as inputs)
     */
    public static Sequence shifted(double[][] inputs, double[][] targets, int horizon, int from, int to) {
        if (horizon < 0) {
            throw new IllegalArgumentException("horizon must be at least 0, got " + horizon);
        }
        if (from < 0 || to < from || to + horizon > targets.length || to > inputs.length) {
            throw new IllegalArgumentException("input rows " + from + ":" + to + " with horizon " + horizon
                    + " need target rows up to " + (to + horizon) + ", the series has " + targets.length);
        }
        double[][] in = new double[to - from][];
        double[][] out = new double[to - from][];
        for (int r = from; r < to; r++) {
            in[r - from] = inputs[r];
            out[r - from] = targets[r + horizon];
        }
        return new Sequence(in, out);
    }
}
