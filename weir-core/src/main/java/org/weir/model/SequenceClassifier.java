package org.weir.model;

import java.util.List;
import java.util.Locale;
import org.weir.readout.LinearReadout;
import org.weir.readout.Readout;
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

    private SequenceClassifier(Reservoir reservoir, Readout readout, Mode mode, int warmup) {
        this.reservoir = reservoir;
        this.readout = readout;
        this.mode = mode;
        this.warmup = warmup;
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
        return new SequenceClassifier(reservoir, readout, mode, warmup);
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

        /** Class scores of one sequence (summed over steps for VOTE). */
        public double[] scores(double[][] sequence) {
            check(sequence, 0);
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
            double[] s = scores(sequence);
            int best = 0;
            for (int c = 1; c < s.length; c++) {
                if (s[c] > s[best]) {
                    best = c;
                }
            }
            return best;
        }

        /** Predicted classes of many sequences, in parallel over sequences (results do not depend on threads). */
        public int[] predictAll(List<double[][]> sequences) {
            return java.util.stream.IntStream.range(0, sequences.size()).parallel()
                    .map(i -> predict(sequences.get(i))).toArray();
        }
    }
}
