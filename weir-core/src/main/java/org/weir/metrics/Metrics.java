package org.weir.metrics;

/**
 * Evaluation metrics over plain arrays. Multi-output versions take {@code truth} and {@code pred} as
 * T x k row-major arrays (T time steps or samples, k outputs) and <em>pool</em> over outputs: every
 * one of the T k entries counts once. 1-D overloads treat a vector as a T x 1 array. Inputs are never
 * modified. Shape mismatches, empty inputs and non-finite values throw {@link IllegalArgumentException}.
 *
 * <p>Notation: {@code e_tj = pred_tj - truth_tj}, {@code mean_j = (1/T) sum_t truth_tj} (per output),
 * {@code SSE = sum_tj e_tj^2}, {@code SST = sum_tj (truth_tj - mean_j)^2}.
 */
public final class Metrics {
    private Metrics() {
    }

    // ---------------------------------------------------------------- regression

    /** Mean squared error {@code SSE / (T k)}. */
    public static double mse(double[][] truth, double[][] pred) {
        int k = checkShapes(truth, pred);
        return sse(truth, pred) / ((double) truth.length * k);
    }

    /** Mean squared error of two vectors. */
    public static double mse(double[] truth, double[] pred) {
        return mse(column(truth, "truth"), column(pred, "pred"));
    }

    /** Root mean squared error {@code sqrt(SSE / (T k))}. */
    public static double rmse(double[][] truth, double[][] pred) {
        return Math.sqrt(mse(truth, pred));
    }

    /** Root mean squared error of two vectors. */
    public static double rmse(double[] truth, double[] pred) {
        return Math.sqrt(mse(truth, pred));
    }

    /**
     * Normalized RMSE: the RMSE divided by the population standard deviation of the target over the
     * evaluated rows, pooled over outputs:
     * {@code nrmse = sqrt(SSE / (T k)) / sqrt(SST / (T k)) = sqrt(SSE / SST)}, with each output centred on
     * its own mean. For one output this is {@code RMSE / std(truth)} (the definition ReservoirPy's
     * {@code nrmse(..., norm="var")}'s square root and most RC papers use); predicting the target mean
     * gives exactly 1, and {@code nrmse^2 = 1 - r2}.
     *
     * @throws IllegalArgumentException if the target is constant (SST = 0)
     */
    public static double nrmse(double[][] truth, double[][] pred) {
        checkShapes(truth, pred);
        double sst = sst(truth);
        if (sst == 0) {
            throw new IllegalArgumentException("nrmse is undefined: the target is constant over the "
                    + truth.length + " evaluated rows (zero variance)");
        }
        return Math.sqrt(sse(truth, pred) / sst);
    }

    /** Normalized RMSE of two vectors: {@code RMSE / std(truth)} (population std). */
    public static double nrmse(double[] truth, double[] pred) {
        return nrmse(column(truth, "truth"), column(pred, "pred"));
    }

    /** Mean absolute error {@code (1/(T k)) sum_tj |e_tj|}. */
    public static double mae(double[][] truth, double[][] pred) {
        int k = checkShapes(truth, pred);
        double s = 0;
        for (int t = 0; t < truth.length; t++) {
            for (int j = 0; j < k; j++) {
                s += Math.abs(pred[t][j] - truth[t][j]);
            }
        }
        return s / ((double) truth.length * k);
    }

    /** Mean absolute error of two vectors. */
    public static double mae(double[] truth, double[] pred) {
        return mae(column(truth, "truth"), column(pred, "pred"));
    }

    /**
     * Coefficient of determination, pooled: {@code r2 = 1 - SSE / SST} (each output centred on its own
     * mean). Perfect prediction gives 1, predicting the mean gives 0, worse predictions are negative.
     *
     * @throws IllegalArgumentException if the target is constant (SST = 0)
     */
    public static double r2(double[][] truth, double[][] pred) {
        checkShapes(truth, pred);
        double sst = sst(truth);
        if (sst == 0) {
            throw new IllegalArgumentException("r2 is undefined: the target is constant over the "
                    + truth.length + " evaluated rows (zero variance)");
        }
        return 1.0 - sse(truth, pred) / sst;
    }

    /** Coefficient of determination of two vectors. */
    public static double r2(double[] truth, double[] pred) {
        return r2(column(truth, "truth"), column(pred, "pred"));
    }

    /**
     * Valid prediction time (Pathak et al. 2018; Vlachas et al. 2020): the number of leading steps before
     * the normalized error {@code ||pred_t - truth_t||_2 / sigma} first exceeds {@code threshold}, where
     * {@code sigma = sqrt((1/T) sum_t ||truth_t - mean||_2^2)} over the evaluated rows ({@code mean} the
     * per-output mean vector). Returns the first index {@code t} with error above the threshold, or
     * {@code T} if it is never exceeded. Multiply by the sampling step for a time, and by the largest
     * Lyapunov exponent for Lyapunov times.
     *
     * @param threshold {@code > 0}, commonly 0.4 or 0.5
     * @throws IllegalArgumentException if the target is constant (sigma = 0)
     */
    public static int validPredictionTime(double[][] truth, double[][] pred, double threshold) {
        int k = checkShapes(truth, pred);
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and > 0, got " + threshold);
        }
        double sigma = Math.sqrt(sst(truth) / truth.length);
        if (sigma == 0) {
            throw new IllegalArgumentException("valid prediction time is undefined: the target is constant over the "
                    + truth.length + " evaluated rows (sigma = 0)");
        }
        for (int t = 0; t < truth.length; t++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                double d = pred[t][j] - truth[t][j];
                s += d * d;
            }
            if (Math.sqrt(s) / sigma > threshold) {
                return t;
            }
        }
        return truth.length;
    }

    /** Valid prediction time of two vectors ({@code sigma} = population std of {@code truth}). */
    public static int validPredictionTime(double[] truth, double[] pred, double threshold) {
        return validPredictionTime(column(truth, "truth"), column(pred, "pred"), threshold);
    }

    // ---------------------------------------------------------------- memory capacity

    /**
     * Memory capacity (H. Jaeger, "Short term memory in echo state networks", GMD Report 152, 2001):
     * {@code MC = sum_k r^2(target_k, pred_k)}, the sum over delays of the squared Pearson correlation
     * between the delayed input {@code u[t-k]} (column k-1 of {@code targetsDelayed}) and the model's
     * reconstruction of it (column k-1 of {@code predictions}). See {@link #memoryCapacityPerDelay}.
     */
    public static double memoryCapacity(double[][] targetsDelayed, double[][] predictions) {
        double s = 0;
        for (double v : memoryCapacityPerDelay(targetsDelayed, predictions)) {
            s += v;
        }
        return s;
    }

    /**
     * Squared Pearson correlation {@code r^2 = cov(a, b)^2 / (var(a) var(b))} per column (delay). A
     * column in which either side is constant has no linear relation to measure and gets 0.
     *
     * @return a new array of length k with values in [0, 1]
     */
    public static double[] memoryCapacityPerDelay(double[][] targetsDelayed, double[][] predictions) {
        int k = checkShapes(targetsDelayed, predictions);
        double[] out = new double[k];
        int n = targetsDelayed.length;
        for (int j = 0; j < k; j++) {
            double ma = 0;
            double mb = 0;
            for (int t = 0; t < n; t++) {
                ma += targetsDelayed[t][j];
                mb += predictions[t][j];
            }
            ma /= n;
            mb /= n;
            double sab = 0;
            double saa = 0;
            double sbb = 0;
            for (int t = 0; t < n; t++) {
                double da = targetsDelayed[t][j] - ma;
                double db = predictions[t][j] - mb;
                sab += da * db;
                saa += da * da;
                sbb += db * db;
            }
            out[j] = saa == 0 || sbb == 0 ? 0.0 : Math.min(1.0, (sab * sab) / (saa * sbb));
        }
        return out;
    }

    // ---------------------------------------------------------------- classification

    /** Fraction of positions where {@code pred[i] == truth[i]}. */
    public static double accuracy(int[] truth, int[] pred) {
        checkLabels(truth, pred);
        int hits = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == pred[i]) {
                hits++;
            }
        }
        return (double) hits / truth.length;
    }

    /**
     * Confusion matrix {@code C[a][b]} = number of samples of true class {@code a} predicted as {@code b}
     * (rows: truth, columns: prediction). Labels must lie in {@code [0, classes)}.
     */
    public static int[][] confusionMatrix(int[] truth, int[] pred, int classes) {
        checkLabels(truth, pred);
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        int[][] c = new int[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= classes) {
                throw new IllegalArgumentException("truth[" + i + "] = " + truth[i] + " is outside [0, " + classes + ")");
            }
            if (pred[i] < 0 || pred[i] >= classes) {
                throw new IllegalArgumentException("pred[" + i + "] = " + pred[i] + " is outside [0, " + classes + ")");
            }
            c[truth[i]][pred[i]]++;
        }
        return c;
    }

    // ---------------------------------------------------------------- intervals

    /** Fraction of {@code i} with {@code lower[i] <= truth[i] <= upper[i]} (empirical coverage of prediction intervals). */
    public static double coverage(double[] truth, double[] lower, double[] upper) {
        checkIntervals(truth, lower, upper);
        int in = 0;
        for (int i = 0; i < truth.length; i++) {
            if (lower[i] <= truth[i] && truth[i] <= upper[i]) {
                in++;
            }
        }
        return (double) in / truth.length;
    }

    /** Mean interval width {@code (1/T) sum (upper - lower)}. */
    public static double meanIntervalWidth(double[] lower, double[] upper) {
        checkIntervals(lower, lower, upper);
        double s = 0;
        for (int i = 0; i < lower.length; i++) {
            s += upper[i] - lower[i];
        }
        return s / lower.length;
    }

    /**
     * Mean Winkler interval score (R. L. Winkler, "A decision-theoretic approach to interval estimation",
     * JASA 67, 1972) for central {@code (1 - alpha)} intervals: width, plus {@code (2/alpha)(lower - y)}
     * when {@code y < lower}, plus {@code (2/alpha)(y - upper)} when {@code y > upper}. Lower is better.
     *
     * @param alpha miscoverage level in (0, 1)
     */
    public static double winklerScore(double[] truth, double[] lower, double[] upper, double alpha) {
        checkIntervals(truth, lower, upper);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        double s = 0;
        for (int i = 0; i < truth.length; i++) {
            double w = upper[i] - lower[i];
            if (truth[i] < lower[i]) {
                w += 2.0 / alpha * (lower[i] - truth[i]);
            } else if (truth[i] > upper[i]) {
                w += 2.0 / alpha * (truth[i] - upper[i]);
            }
            s += w;
        }
        return s / truth.length;
    }

    // ---------------------------------------------------------------- helpers

    private static double sse(double[][] truth, double[][] pred) {
        double s = 0;
        for (int t = 0; t < truth.length; t++) {
            double[] a = truth[t];
            double[] b = pred[t];
            for (int j = 0; j < a.length; j++) {
                double d = b[j] - a[j];
                s += d * d;
            }
        }
        return s;
    }

    /** Sum over rows and outputs of squared deviations from each output's mean (two-pass). */
    private static double sst(double[][] truth) {
        int k = truth[0].length;
        double[] mean = new double[k];
        for (double[] row : truth) {
            for (int j = 0; j < k; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < k; j++) {
            mean[j] /= truth.length;
        }
        double s = 0;
        for (double[] row : truth) {
            for (int j = 0; j < k; j++) {
                double d = row[j] - mean[j];
                s += d * d;
            }
        }
        return s;
    }

    private static double[][] column(double[] v, String name) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        double[][] out = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }

    /** Checks equal non-empty rectangular shapes with finite values; returns k. */
    private static int checkShapes(double[][] truth, double[][] pred) {
        if (truth == null || pred == null) {
            throw new IllegalArgumentException("truth and pred must not be null");
        }
        if (truth.length != pred.length) {
            throw new IllegalArgumentException("shape mismatch: truth has " + truth.length + " rows, pred has "
                    + pred.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("cannot evaluate a metric on zero rows");
        }
        int k = truth[0].length;
        if (k == 0) {
            throw new IllegalArgumentException("cannot evaluate a metric on zero outputs (truth row 0 is empty)");
        }
        for (int t = 0; t < truth.length; t++) {
            if (truth[t].length != k) {
                throw new IllegalArgumentException("truth row " + t + " has " + truth[t].length
                        + " columns, expected " + k + " (as row 0)");
            }
            if (pred[t].length != k) {
                throw new IllegalArgumentException("shape mismatch at row " + t + ": truth has " + k
                        + " columns, pred has " + pred[t].length);
            }
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(truth[t][j])) {
                    throw new IllegalArgumentException("truth[" + t + "][" + j + "] = " + truth[t][j] + " is not finite");
                }
                if (!Double.isFinite(pred[t][j])) {
                    throw new IllegalArgumentException("pred[" + t + "][" + j + "] = " + pred[t][j] + " is not finite");
                }
            }
        }
        return k;
    }

    private static void checkLabels(int[] truth, int[] pred) {
        if (truth == null || pred == null) {
            throw new IllegalArgumentException("truth and pred must not be null");
        }
        if (truth.length != pred.length) {
            throw new IllegalArgumentException("length mismatch: truth has " + truth.length + " labels, pred has "
                    + pred.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("cannot evaluate a metric on zero samples");
        }
    }

    private static void checkIntervals(double[] truth, double[] lower, double[] upper) {
        if (truth == null || lower == null || upper == null) {
            throw new IllegalArgumentException("arrays must not be null");
        }
        if (truth.length != lower.length || truth.length != upper.length) {
            throw new IllegalArgumentException("length mismatch: truth " + truth.length + ", lower " + lower.length
                    + ", upper " + upper.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("cannot evaluate a metric on zero samples");
        }
        for (int i = 0; i < truth.length; i++) {
            if (!(lower[i] <= upper[i])) {
                throw new IllegalArgumentException("interval " + i + " has lower " + lower[i] + " > upper " + upper[i]
                        + " (or a NaN)");
            }
        }
    }
}
