package org.weir.conformal;

import java.util.SplittableRandom;
import org.weir.linalg.Kernels;
import org.weir.linalg.SymmetricSolver;
import org.weir.readout.LinearReadout;

/**
 * EnbPI, ensemble batch prediction intervals (Xu and Xie 2021, "Conformal prediction interval for dynamic
 * time-series", ICML). From one harvest of reservoir states X (T x d) and targets y, B ridge readouts are fit
 * on moving-block bootstrap resamples (non-overlapping blocks of length L drawn with replacement; each resample
 * is a sum of per-block moments with multiplicities, so B fits cost one pass over the data plus B ridge solves).
 * The leave-one-out prediction of
 * row i averages the readouts whose resample missed row i; its absolute residual seeds a rolling window of
 * scores. At test time the centre is the mean of all B readouts on the features, the radius the
 * {@code ceil((n+1)(1-alpha))}-th smallest score in the window, and each new absolute residual (about that
 * centre) replaces the oldest score. Rows that every resample contains give no residual.
 */
public final class EnbPi extends AbstractIntervalMethod {

    /**
     * @param ensembleSize number of bootstrap readouts B, at least 2
     * @param blockLength bootstrap block length L, at least 1
     * @param ridge ridge penalty of each readout, at least 0
     * @param seed seed of the resampling
     */
    public record Options(int ensembleSize, int blockLength, double ridge, long seed) {
        public Options {
            if (ensembleSize < 2) {
                throw new IllegalArgumentException("EnbPI ensemble size must be at least 2, got " + ensembleSize);
            }
            if (blockLength < 1) {
                throw new IllegalArgumentException("EnbPI block length must be at least 1, got " + blockLength);
            }
            if (!(ridge >= 0) || Double.isInfinite(ridge)) {
                throw new IllegalArgumentException("EnbPI ridge must be a finite number >= 0, got " + ridge);
            }
        }

        /** B = 20, L = 10, ridge 1e-6. */
        public static Options defaults() {
            return new Options(20, 10, 1e-6, 42L);
        }
    }

    private final Options options;
    private final LinearReadout[] models;
    private final int[][] blockCounts;
    private final double[] looScores;
    private final int features;
    private SortedWindow scores;
    private final DoubleFifo centres = new DoubleFifo(8);
    private final double[] one = new double[1];

    private EnbPi(double alpha, Options options, LinearReadout[] models, int[][] blockCounts, double[] looScores,
            int features) {
        super(alpha);
        this.options = options;
        this.models = models;
        this.blockCounts = blockCounts;
        this.looScores = looScores;
        this.features = features;
    }

    /**
     * Fits the bootstrap ensemble and the leave-one-out scores.
     *
     * @param alpha miscoverage in (0, 1)
     * @param states T x d features (not modified)
     * @param targets length T (not modified)
     * @param options ensemble options
     */
    public static EnbPi fit(double alpha, double[][] states, double[] targets, Options options) {
        int t = states.length;
        if (t != targets.length) {
            throw new IllegalArgumentException("EnbPI has " + t + " state rows but " + targets.length + " targets");
        }
        if (t < 2) {
            throw new IllegalArgumentException("EnbPI needs at least 2 training rows, got " + t);
        }
        int d = states[0].length;
        for (int i = 0; i < t; i++) {
            if (states[i].length != d) {
                throw new IllegalArgumentException("EnbPI state row " + i + " has " + states[i].length
                        + " values, expected " + d);
            }
        }
        int l = Math.min(options.blockLength(), t);
        int nb = (t + l - 1) / l;
        int bsz = options.ensembleSize();
        SplittableRandom rnd = new SplittableRandom(options.seed());
        int[][] counts = new int[bsz][nb];
        for (int m = 0; m < bsz; m++) {
            for (int draw = 0; draw < nb; draw++) {
                counts[m][rnd.nextInt(nb)]++;
            }
        }
        LinearReadout[] models = fitResamples(states, targets, l, counts, options.ridge());
        // leave-one-out: average the models whose resample missed the row's block
        double[] loo = new double[t];
        int kept = 0;
        double[] out = new double[1];
        for (int i = 0; i < t; i++) {
            int b = i / l;
            double sum = 0;
            int c = 0;
            for (int m = 0; m < bsz; m++) {
                if (counts[m][b] == 0) {
                    models[m].predict(states[i], out);
                    sum += out[0];
                    c++;
                }
            }
            if (c > 0) {
                loo[kept++] = Math.abs(targets[i] - sum / c);
            }
        }
        if (kept == 0) {
            throw new IllegalArgumentException("EnbPI: every resample contains every row; use more readouts or blocks");
        }
        return new EnbPi(alpha, options, models, counts, java.util.Arrays.copyOf(loo, kept), d);
    }

    /**
     * Ridge readouts (centred bias, as {@code RidgeReadout.withRidge}) on every resample at once: each block's
     * moments (of data shifted by the global mean, against cancellation) are computed once and added to the
     * accumulators of the resamples that drew it, with its multiplicity. Memory: B x d^2 doubles.
     */
    private static LinearReadout[] fitResamples(double[][] x, double[] y, int l, int[][] counts, double ridge) {
        int t = x.length;
        int d = x[0].length;
        int bsz = counts.length;
        int nb = counts[0].length;
        double[] mu = new double[d];
        double ybar = 0;
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < d; j++) {
                mu[j] += x[i][j];
            }
            ybar += y[i];
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= t;
        }
        ybar /= t;
        double[][] gram = new double[bsz][d * d];
        double[][] sx = new double[bsz][d];
        double[][] sxy = new double[bsz][d];
        double[] sy = new double[bsz];
        long[] n = new long[bsz];
        double[] bx = new double[l * d];
        double[] by = new double[l];
        double[] gb = new double[d * d];
        double[] cb = new double[d];
        for (int b = 0; b < nb; b++) {
            int from = b * l;
            int rows = Math.min(t, from + l) - from;
            double syb = 0;
            java.util.Arrays.fill(cb, 0.0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    bx[r * d + j] = x[from + r][j] - mu[j];
                }
                by[r] = y[from + r] - ybar;
                syb += by[r];
            }
            java.util.Arrays.fill(gb, 0.0);
            Kernels.gramUpdate(bx, rows, d, gb);
            Kernels.crossUpdate(bx, rows, d, by, 1, cb);
            for (int m = 0; m < bsz; m++) {
                int c = counts[m][b];
                if (c == 0) {
                    continue;
                }
                double[] g = gram[m];
                for (int q = 0; q < g.length; q++) {
                    g[q] += c * gb[q];
                }
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < d; j++) {
                        sx[m][j] += c * bx[r * d + j];
                    }
                }
                for (int j = 0; j < d; j++) {
                    sxy[m][j] += c * cb[j];
                }
                sy[m] += c * syb;
                n[m] += (long) c * rows;
            }
        }
        LinearReadout[] models = new LinearReadout[bsz];
        for (int m = 0; m < bsz; m++) {
            double cnt = n[m];
            double[] mx = new double[d];
            for (int j = 0; j < d; j++) {
                mx[j] = sx[m][j] / cnt;
            }
            double my = sy[m] / cnt;
            double[] a = gram[m];
            double[] rhs = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[i * d + j] -= cnt * mx[i] * mx[j];
                }
                a[i * d + i] += ridge;
                rhs[i] = sxy[m][i] - cnt * mx[i] * my;
            }
            double[] w = SymmetricSolver.solve(a, d, rhs, 1).solution();
            double bias = my + ybar;
            for (int j = 0; j < d; j++) {
                bias -= w[j] * (mx[j] + mu[j]);
            }
            gram[m] = null; // release as we go
            models[m] = new LinearReadout(1, d, w, new double[] {bias});
        }
        return models;
    }

    @Override
    public String name() {
        return "enbpi";
    }

    public Options options() {
        return options;
    }

    /** Number of times each bootstrap readout drew each block: B x blocks (copy). */
    public int[][] blockCounts() {
        int[][] c = new int[blockCounts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = blockCounts[i].clone();
        }
        return c;
    }

    /** The B readouts. */
    public LinearReadout model(int m) {
        return models[m];
    }

    /** Copy of the leave-one-out absolute residuals (in row order, rows without one skipped). */
    public double[] leaveOneOutScores() {
        return looScores.clone();
    }

    /** The ensemble mean prediction for one feature vector. */
    public double predict(double[] x) {
        if (x == null || x.length != features) {
            throw new IllegalArgumentException("EnbPI needs the model's feature vector of length " + features
                    + ", got " + (x == null ? "none" : x.length));
        }
        double s = 0;
        for (LinearReadout m : models) {
            m.predict(x, one);
            s += one[0];
        }
        return s / models.length;
    }

    /** Resets the score window to the leave-one-out scores; the calibration residuals are not used. */
    @Override
    protected void reset(Calibration calibration) {
        scores = new SortedWindow(looScores.length);
        for (double s : looScores) {
            scores.add(s);
        }
        centres.clear();
    }

    @Override
    protected Interval issue(double forecast, double[] x) {
        double c = predict(x);
        centres.push(c);
        double q = AdaptiveConformal.radius(scores, alpha());
        return Interval.around(c, -q, q);
    }

    @Override
    protected void resolve(double forecast, double residual) {
        double c = centres.pop();
        scores.add(Math.abs(forecast + residual - c));
    }
}
