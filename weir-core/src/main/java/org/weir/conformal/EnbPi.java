package org.weir.conformal;

import java.util.SplittableRandom;
import org.weir.readout.LinearReadout;
import org.weir.readout.RidgeReadout;
import org.weir.readout.RidgeStatistics;

/**
 * EnbPI, ensemble batch prediction intervals (Xu and Xie 2021, "Conformal prediction interval for dynamic
 * time-series", ICML). From one harvest of reservoir states X (T x d) and targets y, B ridge readouts are fit
 * on moving-block bootstrap resamples (non-overlapping blocks of length L drawn with replacement; each resample
 * is a sum of per-block sufficient statistics, so B fits cost B ridge solves). The leave-one-out prediction of
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
        int l = Math.min(options.blockLength(), t);
        int nb = (t + l - 1) / l;
        RidgeStatistics[] block = new RidgeStatistics[nb];
        double[] y1 = new double[1];
        for (int b = 0; b < nb; b++) {
            block[b] = new RidgeStatistics(d, 1);
            for (int i = b * l; i < Math.min(t, (b + 1) * l); i++) {
                if (states[i].length != d) {
                    throw new IllegalArgumentException("EnbPI state row " + i + " has " + states[i].length
                            + " values, expected " + d);
                }
                y1[0] = targets[i];
                block[b].add(states[i], y1);
            }
        }
        SplittableRandom rnd = new SplittableRandom(options.seed());
        RidgeReadout ridge = RidgeReadout.withRidge(options.ridge());
        int bsz = options.ensembleSize();
        LinearReadout[] models = new LinearReadout[bsz];
        int[][] counts = new int[bsz][nb];
        for (int m = 0; m < bsz; m++) {
            RidgeStatistics s = new RidgeStatistics(d, 1);
            for (int draw = 0; draw < nb; draw++) {
                int b = rnd.nextInt(nb);
                counts[m][b]++;
                s.merge(block[b]);
            }
            models[m] = ridge.solve(s);
        }
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
