package org.weir.model;

import java.util.List;
import java.util.Locale;
import org.weir.linalg.Precision;
import org.weir.readout.LinearReadout;
import org.weir.readout.Readout;
import org.weir.reservoir.EchoStateBatch;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.LaneBatch;
import org.weir.reservoir.Reservoir;
import org.weir.reservoir.ReservoirState;

/**
 * Sequence classification with a reservoir (Lukosevicius and Jaeger 2009, sec. 8.1): each sequence runs from
 * a zero state; a linear readout on one-hot targets scores the classes, and the predicted class is the
 * arg-max. Modes: {@link Mode#LAST} reads the final state, {@link Mode#MEAN} the mean state over the steps
 * after the warm-up, {@link Mode#VOTE} classifies every step after the warm-up and sums the per-step scores.
 * Sequences may differ in length. Immutable; {@link #fit} returns a {@link Fitted} model.
 */
public final class SequenceClassifier {
    /** How a sequence's states become class scores. */
    public enum Mode {
        LAST, MEAN, VOTE;

        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("classification mode must be last, mean or vote; got '" + s + "'");
            }
        }
    }

    private final Reservoir reservoir;
    private final Readout readout;
    private final Mode mode;
    private final int warmup;
    private final Precision states;

    private SequenceClassifier(Reservoir reservoir, Readout readout, Mode mode, int warmup, Precision states) {
        this.reservoir = reservoir;
        this.readout = readout;
        this.mode = mode;
        this.warmup = warmup;
        this.states = states;
    }

    /**
     * @param warmup steps at the start of each sequence ignored by MEAN and VOTE (a sequence shorter than
     *     that uses its last state)
     */
    public static SequenceClassifier of(Reservoir reservoir, Readout readout, Mode mode, int warmup) {
        if (reservoir == null || readout == null || mode == null) {
            throw new IllegalArgumentException("reservoir, readout and mode must be given");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up must be at least 0, got " + warmup);
        }
        return new SequenceClassifier(reservoir, readout, mode, warmup, Precision.FLOAT64);
    }

    /**
     * The same classifier with the batched lanes' states in the given precision (LAST and MEAN modes on an echo
     * state reservoir; other cases always step in double precision). {@link Precision#FLOAT32} runs the lanes as
     * {@link org.weir.reservoir.FloatStateBatch}es: about twice the throughput, features equal to the
     * double-precision ones up to the rounding of the states; training and prediction use the same precision.
     */
    public SequenceClassifier withStatePrecision(Precision statePrecision) {
        if (statePrecision == null) {
            throw new IllegalArgumentException("state precision must be given (float64 or float32)");
        }
        return new SequenceClassifier(reservoir, readout, mode, warmup, statePrecision);
    }

    /**
     * Trains on labelled sequences.
     *
     * @param sequences each T_i x d (T_i at least 1)
     * @param labels class of each sequence, in [0, classes)
     * @param classes number of classes, at least 2
     */
    public Fitted fit(List<double[][]> sequences, int[] labels, int classes) {
        if (sequences.size() != labels.length) {
            throw new IllegalArgumentException(sequences.size() + " sequences but " + labels.length + " labels");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        Readout.Fit fit = readout.begin(reservoir.stateDimension(), classes);
        double[] onehot = new double[classes];
        if (mode != Mode.VOTE && reservoir instanceof EchoStateReservoir esn && esn.feedbackDimension() == 0) {
            for (int s = 0; s < sequences.size(); s++) {
                if (labels[s] < 0 || labels[s] >= classes) {
                    throw new IllegalArgumentException("label " + labels[s] + " of sequence " + s + " is outside [0, "
                            + classes + ")");
                }
                check(sequences.get(s), s);
            }
            // features of a chunk of sequences in batches (in parallel), then added in the sequences' order
            for (int c0 = 0; c0 < sequences.size(); c0 += FEATURE_CHUNK) {
                int c1 = Math.min(sequences.size(), c0 + FEATURE_CHUNK);
                double[][] features = batchedFeatures(esn, sequences.subList(c0, c1));
                for (int s = c0; s < c1; s++) {
                    java.util.Arrays.fill(onehot, 0.0);
                    onehot[labels[s]] = 1.0;
                    fit.add(features[s - c0], onehot);
                }
            }
            return new Fitted(fit.finish(), classes);
        }
        ReservoirState state = reservoir.newState();
        double[] mean = new double[reservoir.stateDimension()];
        for (int s = 0; s < sequences.size(); s++) {
            int label = labels[s];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " of sequence " + s + " is outside [0, " + classes + ")");
            }
            java.util.Arrays.fill(onehot, 0.0);
            onehot[label] = 1.0;
            double[][] seq = sequences.get(s);
            check(seq, s);
            state.reset();
            int used = 0;
            java.util.Arrays.fill(mean, 0.0);
            for (int t = 0; t < seq.length; t++) {
                reservoir.step(state, seq[t], null);
                if (t >= warmup || t == seq.length - 1 && used == 0) {
                    if (mode == Mode.VOTE) {
                        fit.add(state.values(), onehot);
                    } else if (mode == Mode.MEAN) {
                        accumulate(mean, state.values());
                    }
                    used++;
                }
            }
            if (mode == Mode.LAST) {
                fit.add(state.values(), onehot);
            } else if (mode == Mode.MEAN) {
                scale(mean, 1.0 / used);
                fit.add(mean, onehot);
            }
        }
        return new Fitted(fit.finish(), classes);
    }

    /** Sequences whose features are held at once while training (bounds memory to chunk x N doubles). */
    static final int FEATURE_CHUNK = 4096;
    /** Sequences advancing together in one {@link EchoStateBatch}. */
    static final int BATCH_LANES = 32;

    /**
     * The LAST or MEAN feature vector of every sequence, computed with batched stepping: sequences sorted by
     * length (longest first) fill batches of {@value #BATCH_LANES} lanes, batches run in parallel. Every lane
     * computes what {@link Reservoir#step} computes (bit for bit), so the features do not depend on the
     * batching or the threads.
     */
    private double[][] batchedFeatures(EchoStateReservoir esn, List<double[][]> seqs) {
        int m = seqs.size();
        int n = esn.stateDimension();
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(seqs.get(b).length, seqs.get(a).length));
        double[][] features = new double[m][n];
        int groups = (m + BATCH_LANES - 1) / BATCH_LANES;
        // one batch per worker thread, reset for each group (a float batch's state block can be a large array)
        ThreadLocal<LaneBatch> batches = ThreadLocal.withInitial(() -> esn.newBatch(Math.min(BATCH_LANES, m), states));
        java.util.stream.IntStream.range(0, groups).parallel().forEach(g -> {
            int from = g * BATCH_LANES;
            int lanes = Math.min(BATCH_LANES, m - from);
            LaneBatch batch = batches.get();
            batch.reset();
            int[] used = new int[lanes];
            int longest = seqs.get(order[from]).length;
            for (int t = 0; t < longest; t++) {
                int active = 0;
                for (int b = 0; b < lanes; b++) {
                    double[][] seq = seqs.get(order[from + b]);
                    if (t < seq.length) {
                        batch.input(b, seq[t]);
                        active = b + 1; // lanes are sorted by length: the active ones are a prefix
                    }
                }
                batch.step(0, active);
                for (int b = 0; b < active; b++) {
                    int len = seqs.get(order[from + b]).length;
                    if (t >= warmup || t == len - 1 && used[b] == 0) {
                        if (mode == Mode.MEAN) {
                            batch.addState(b, features[order[from + b]]);
                        }
                        used[b]++;
                    }
                    if (t == len - 1) {
                        double[] f = features[order[from + b]];
                        if (mode == Mode.LAST) {
                            batch.copyState(b, f);
                        } else {
                            scale(f, 1.0 / used[b]);
                        }
                    }
                }
            }
        });
        return features;
    }

    private void check(double[][] seq, int s) {
        if (seq.length == 0) {
            throw new IllegalArgumentException("sequence " + s + " is empty");
        }
        for (double[] row : seq) {
            if (row.length != reservoir.inputDimension()) {
                throw new IllegalArgumentException("sequence " + s + " has rows of " + row.length
                        + " values; the reservoir takes " + reservoir.inputDimension());
            }
        }
    }

    private static int argMax(double[] s) {
        int best = 0;
        for (int c = 1; c < s.length; c++) {
            if (s[c] > s[best]) {
                best = c;
            }
        }
        return best;
    }

    private static void accumulate(double[] acc, double[] v) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += v[i];
        }
    }

    private static void scale(double[] a, double s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
    }

    /** A trained classifier. Thread-safe (every call uses its own state). */
    public final class Fitted {
        private final LinearReadout readout;
        private final int classes;

        private Fitted(LinearReadout readout, int classes) {
            this.readout = readout;
            this.classes = classes;
        }

        public LinearReadout readout() {
            return readout;
        }

        /**
         * Class scores of one sequence (summed over steps for VOTE). With single-precision states
         * ({@link #withStatePrecision}) the features come from a one-lane float batch, as in {@link #predictAll}.
         */
        public double[] scores(double[][] sequence) {
            check(sequence, 0);
            if (states == Precision.FLOAT32 && mode != Mode.VOTE && reservoir instanceof EchoStateReservoir esn
                    && esn.feedbackDimension() == 0) {
                double[] out = new double[classes];
                readout.predict(batchedFeatures(esn, java.util.Collections.singletonList(sequence))[0], out);
                return out;
            }
            ReservoirState state = reservoir.newState();
            double[] out = new double[classes];
            double[] step = new double[classes];
            double[] mean = new double[reservoir.stateDimension()];
            int used = 0;
            for (int t = 0; t < sequence.length; t++) {
                reservoir.step(state, sequence[t], null);
                if (t >= warmup || t == sequence.length - 1 && used == 0) {
                    if (mode == Mode.VOTE) {
                        readout.predict(state.values(), step);
                        accumulate(out, step);
                    } else if (mode == Mode.MEAN) {
                        accumulate(mean, state.values());
                    }
                    used++;
                }
            }
            if (mode == Mode.LAST) {
                readout.predict(state.values(), out);
            } else if (mode == Mode.MEAN) {
                scale(mean, 1.0 / used);
                readout.predict(mean, out);
            }
            return out;
        }

        /** The predicted class (arg-max of the scores; the lowest index wins ties). */
        public int predict(double[][] sequence) {
            return argMax(scores(sequence));
        }

        /**
         * Predicted classes of many sequences, in parallel (results do not depend on threads). An echo state
         * reservoir in LAST or MEAN mode runs them in batches ({@link EchoStateBatch}), with the same results.
         */
        public int[] predictAll(List<double[][]> sequences) {
            if (mode != Mode.VOTE && reservoir instanceof EchoStateReservoir esn && esn.feedbackDimension() == 0) {
                for (int s = 0; s < sequences.size(); s++) {
                    check(sequences.get(s), s);
                }
                int[] out = new int[sequences.size()];
                double[] scores = new double[classes];
                for (int c0 = 0; c0 < sequences.size(); c0 += FEATURE_CHUNK) {
                    int c1 = Math.min(sequences.size(), c0 + FEATURE_CHUNK);
                    double[][] features = batchedFeatures(esn, sequences.subList(c0, c1));
                    for (int s = c0; s < c1; s++) {
                        readout.predict(features[s - c0], scores);
                        out[s] = argMax(scores);
                    }
                }
                return out;
            }
            return java.util.stream.IntStream.range(0, sequences.size()).parallel()
                    .map(i -> predict(sequences.get(i))).toArray();
        }
    }
}
