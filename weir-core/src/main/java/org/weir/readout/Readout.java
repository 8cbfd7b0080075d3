package org.weir.readout;

import java.util.Map;

/**
 * A way to train a linear readout {@code y = W x + b} from a stream of (features, target) pairs: ridge
 * regression from sufficient statistics, recursive least squares, LMS, or constrained training.
 * Implementations are immutable configurations; each {@link #begin} starts an independent fit.
 */
public interface Readout {

    /** Short identifier (ridge, rls, lms, ...) used in model files and on the command line. */
    String kind();

    /** The configuration as a JSON-ready map. */
    Map<String, Object> describe();

    /**
     * Starts a fit.
     *
     * @param features length of the feature vectors
     * @param outputs length of the target vectors
     */
    Fit begin(int features, int outputs);

    /** Trains on the rows of {@code x} and {@code y} (same length) in one call. */
    default LinearReadout fit(double[][] x, double[][] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("features have " + x.length + " rows but targets " + y.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("cannot fit a readout on zero rows");
        }
        Fit f = begin(x[0].length, y[0].length);
        for (int t = 0; t < x.length; t++) {
            f.add(x[t], y[t]);
        }
        return f.finish();
    }

    /** One fit in progress: feed pairs, then finish. */
    interface Fit {
        /**
         * Adds one training pair.
         *
         * @param x features (not modified, not retained)
         * @param y target (not modified, not retained)
         */
        void add(double[] x, double[] y);

        /** Number of pairs added so far. */
        long count();

        /** The readout trained on everything added so far. May be called more than once. */
        LinearReadout finish();

        /**
         * What the last {@link #finish()} reports about its solve, as a JSON-ready map (for a constrained
         * readout: its certificate); empty when there is nothing to report. Stored with the model.
         */
        default java.util.Map<String, Object> diagnostics() {
            return java.util.Map.of();
        }

        /**
         * True when {@link #add} already hands its accumulation to other threads and returns (as the ridge fit's
         * background Gram update does for wide rows): a {@link PipelinedFit} around it would only add a thread
         * that competes for the same cores.
         */
        default boolean accumulatesInBackground() {
            return false;
        }
    }
}
