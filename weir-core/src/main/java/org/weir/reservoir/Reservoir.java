package org.weir.reservoir;

import java.util.Map;
import org.weir.io.ArrayBundle;

/**
 * A fixed (untrained) dynamical system that maps an input sequence {@code u[t]} to a sequence of
 * feature vectors {@code x[t]}, on which a linear readout is trained (Jaeger 2001, "The echo state
 * approach to analysing and training recurrent neural networks"; Lukosevicius and Jaeger 2009).
 *
 * <p>Implementations are immutable once built (adaptive reservoirs adapt in an explicit phase before
 * use) and keep all per-sequence data in a {@link ReservoirState}, so the same reservoir can run many
 * sequences at once. {@link #step} allocates nothing.
 */
public interface Reservoir {

    /** Short identifier of the reservoir type, used in model files and on the command line. */
    String kind();

    /** Length of the input vector {@code u[t]}. */
    int inputDimension();

    /** Length of the feature vector {@code x[t]} seen by the readout. */
    int stateDimension();

    /** Length of the output-feedback vector {@code y[t-1]} the step expects, 0 when there is no feedback. */
    default int feedbackDimension() {
        return 0;
    }

    /** A zero state for one sequence. */
    ReservoirState newState();

    /**
     * Advances the state by one step: {@code x[t] = F(x[t-1], u[t], y[t-1])}.
     *
     * @param state the sequence's state (modified)
     * @param input {@code u[t]}, length {@link #inputDimension()} (not modified)
     * @param feedback {@code y[t-1]}, length {@link #feedbackDimension()}, or null when that is 0 (not modified)
     */
    void step(ReservoirState state, double[] input, double[] feedback);

    /**
     * Effective spectral radius of the linearized state map at the origin, {@code rho((1-a)I + a W)} for a
     * leaky ESN; below 1 is the usual sign of the echo state property. NaN where not defined (NVAR).
     */
    double effectiveSpectralRadius();

    /** The configuration, as a JSON-ready map (numbers, strings, booleans, lists, maps), for model files. */
    Map<String, Object> describe();

    /** Adds every array needed to rebuild this reservoir exactly to {@code out}, under names starting with {@code prefix}. */
    void saveArrays(ArrayBundle out, String prefix);

    /**
     * Runs a whole sequence from the given state, without feedback, and returns a copy of every state.
     *
     * @param state start state (modified: left at the last step)
     * @param inputs T x inputDimension (not modified)
     * @return T x stateDimension, row t the state after consuming inputs[t]
     */
    default double[][] run(ReservoirState state, double[][] inputs) {
        double[][] out = new double[inputs.length][];
        for (int t = 0; t < inputs.length; t++) {
            step(state, inputs[t], null);
            out[t] = state.values().clone();
        }
        return out;
    }

    /** Runs a whole sequence from a zero state and returns every state (see {@link #run(ReservoirState, double[][])}). */
    default double[][] run(double[][] inputs) {
        return run(newState(), inputs);
    }
}
