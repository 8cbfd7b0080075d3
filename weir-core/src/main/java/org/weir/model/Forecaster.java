package org.weir.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.weir.data.Standardizer;
import org.weir.readout.LinearReadout;
import org.weir.readout.PipelinedFit;
import org.weir.readout.Readout;
import org.weir.reservoir.Reservoir;
import org.weir.reservoir.ReservoirState;

/**
 * How to train a reservoir forecaster: a reservoir, a readout trainer, a warm-up length (initial states
 * dropped from the fit, Lukosevicius 2012 sec. 4.4), optional standardization of inputs and targets
 * with training statistics, and optional teacher noise on output feedback (Jaeger 2002, "Tutorial on
 * training recurrent neural networks"). Immutable: each setter returns a copy; {@link #fit} returns an
 * immutable {@link ForecastModel}.
 */
public final class Forecaster {
    private final Reservoir reservoir;
    private final Readout readout;
    private final int warmup;
    private final boolean standardize;
    private final double teacherNoise;
    private final long noiseSeed;
    private final boolean pipelined;

    /** Training rows from which {@link #pipelined(boolean)} starts a second thread. */
    static final long PIPELINE_MIN_ROWS = 1024;

    private Forecaster(Reservoir reservoir, Readout readout, int warmup, boolean standardize, double teacherNoise,
            long noiseSeed, boolean pipelined) {
        this.reservoir = reservoir;
        this.readout = readout;
        this.warmup = warmup;
        this.standardize = standardize;
        this.teacherNoise = teacherNoise;
        this.noiseSeed = noiseSeed;
        this.pipelined = pipelined;
    }

    /** A forecaster with no warm-up, no standardization and no teacher noise. */
    public static Forecaster of(Reservoir reservoir, Readout readout) {
        if (reservoir == null || readout == null) {
            throw new IllegalArgumentException("reservoir and readout must be given");
        }
        return new Forecaster(reservoir, readout, 0, false, 0.0, 0L, true);
    }

    /** Drops the first {@code steps} states of every training sequence from the fit. */
    public Forecaster warmup(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warm-up must be at least 0 steps, got " + steps);
        }
        return new Forecaster(reservoir, readout, steps, standardize, teacherNoise, noiseSeed, pipelined);
    }

    /**
     * Standardizes inputs and targets to zero mean and unit variance with the training rows' statistics
     * (stored in the model; predictions are mapped back to the original units).
     */
    public Forecaster standardize(boolean on) {
        return new Forecaster(reservoir, readout, warmup, on, teacherNoise, noiseSeed, pipelined);
    }

    /** Adds Gaussian noise of standard deviation {@code sigma} (in standardized units) to teacher-forced feedback. */
    public Forecaster teacherNoise(double sigma, long seed) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("teacher noise must be a finite number >= 0, got " + sigma);
        }
        return new Forecaster(reservoir, readout, warmup, standardize, sigma, seed, pipelined);
    }

    /**
     * Whether {@link #fit} accumulates the readout's statistics on a second thread while the reservoir runs
     * ({@link PipelinedFit}; default on, used from {@value #PIPELINE_MIN_ROWS} training rows when the machine
     * has more than one core, and not when the readout's fit already accumulates in the background, see
     * {@link Readout.Fit#accumulatesInBackground()}: a ridge readout over a few hundred units or more). The readout
     * sees the same rows in the same order either way, so the model is bit-identical; only the wall time changes.
     */
    public Forecaster pipelined(boolean on) {
        return new Forecaster(reservoir, readout, warmup, standardize, teacherNoise, noiseSeed, on);
    }

    public Reservoir reservoir() {
        return reservoir;
    }

    public Readout readout() {
        return readout;
    }

    public int warmup() {
        return warmup;
    }

    /** Fits on one sequence starting from a zero state; the model remembers the final state. */
    public ForecastModel fit(double[][] inputs, double[][] targets) {
        return fit(List.of(new Sequence(inputs, targets)));
    }

    /** Fits on one sequence (see {@link #fit(double[][], double[][])}). */
    public ForecastModel fit(Sequence sequence) {
        return fit(List.of(sequence));
    }

    /**
     * Fits on any number of sequences of any lengths, each run from a zero state with its own warm-up;
     * the statistics of all of them feed one readout. The model remembers the state at the end of the
     * last sequence, so forecasting can continue from there.
     */
    public ForecastModel fit(List<Sequence> sequences) {
        return fit(sequences, ProgressListener.NONE);
    }

    /** As {@link #fit(List)}, reporting progress in steps. */
    public ForecastModel fit(List<Sequence> sequences, ProgressListener progress) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no training sequences");
        }
        int d = reservoir.inputDimension();
        int k = sequences.get(0).targets().length == 0 ? -1 : sequences.get(0).targets()[0].length;
        long total = 0;
        long usable = 0;
        for (Sequence s : sequences) {
            if (s.length() > 0 && s.inputs()[0].length != d) {
                throw new IllegalArgumentException("the reservoir takes " + d + " inputs, a sequence has "
                        + s.inputs()[0].length);
            }
            if (s.length() > 0 && s.targets()[0].length != k) {
                throw new IllegalArgumentException("sequences disagree on the number of targets");
            }
            total += s.length();
            usable += Math.max(0, s.length() - warmup);
        }
        if (usable == 0) {
            throw new IllegalArgumentException("no training rows left after a warm-up of " + warmup
                    + " steps (sequences hold " + total + " rows)");
        }
        int fb = reservoir.feedbackDimension();
        if (fb != 0 && fb != k) {
            throw new IllegalArgumentException("the reservoir feeds back " + fb + " outputs but there are " + k
                    + " targets");
        }
        Standardizer inScale = standardize ? fitScaler(sequences, true) : Standardizer.identity(d);
        Standardizer outScale = standardize ? fitScaler(sequences, false) : Standardizer.identity(k);
        Readout.Fit base = readout.begin(reservoir.stateDimension(), k);
        try (PipelinedFit pipe = pipelined && usable >= PIPELINE_MIN_ROWS && PipelinedFit.worthwhile()
                && !base.accumulatesInBackground() ? new PipelinedFit(base, reservoir.stateDimension(), k) : null) {
            return fit(sequences, progress, pipe != null ? pipe : base, inScale, outScale, k, total, usable);
        }
    }

    private ForecastModel fit(List<Sequence> sequences, ProgressListener progress, Readout.Fit fit,
            Standardizer inScale, Standardizer outScale, int k, long total, long usable) {
        int d = reservoir.inputDimension();
        int fb = reservoir.feedbackDimension();
        double[] u = new double[d];
        double[] y = new double[k];
        double[] prevY = new double[Math.max(fb, 0)];
        SplittableRandom noise = new SplittableRandom(noiseSeed);
        ReservoirState state = reservoir.newState();
        long done = 0;
        for (Sequence s : sequences) {
            state.reset();
            java.util.Arrays.fill(prevY, 0.0);
            for (int t = 0; t < s.length(); t++) {
                inScale.transform(s.inputs()[t], u);
                reservoir.step(state, u, fb > 0 ? prevY : null);
                outScale.transform(s.targets()[t], y);
                if (t >= warmup) {
                    fit.add(state.values(), y);
                }
                if (fb > 0) {
                    for (int j = 0; j < fb; j++) {
                        prevY[j] = y[j] + (teacherNoise > 0 ? teacherNoise * noise.nextGaussian() : 0.0);
                    }
                }
                if ((++done & 1023) == 0) {
                    progress.progress(done, total);
                }
            }
        }
        progress.progress(total, total);
        LinearReadout trained = fit.finish();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("training_sequences", (long) sequences.size());
        provenance.put("training_rows", usable);
        provenance.put("created", java.time.Instant.now().toString());
        if (!fit.diagnostics().isEmpty()) {
            provenance.put("readout_fit", fit.diagnostics());
        }
        return new ForecastModel(reservoir, readout.describe(), trained, inScale, outScale, warmup, standardize,
                state.copy(), lastTargets(sequences.get(sequences.size() - 1), outScale, k), provenance);
    }

    private static double[] lastTargets(Sequence s, Standardizer outScale, int k) {
        double[] y = new double[k];
        if (s.length() > 0) {
            outScale.transform(s.targets()[s.length() - 1], y);
        }
        return y;
    }

    private static Standardizer fitScaler(List<Sequence> sequences, boolean inputs) {
        int n = 0;
        for (Sequence s : sequences) {
            n += s.length();
        }
        double[][] rows = new double[n][];
        int i = 0;
        for (Sequence s : sequences) {
            for (int t = 0; t < s.length(); t++) {
                rows[i++] = inputs ? s.inputs()[t] : s.targets()[t];
            }
        }
        return Standardizer.fit(rows);
    }

    /** Receives progress of long operations as (done, total) steps. */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener NONE = (done, total) -> { };

        void progress(long done, long total);
    }
}
