package org.weir.reservoir;

import java.util.Arrays;

/**
 * The mutable state of one sequence running through a {@link Reservoir}: the feature vector the readout
 * sees, plus the reservoir's private working memory (e.g. input history of NVAR, quantum amplitudes).
 * Reservoirs themselves are immutable during inference, so one reservoir can drive any number of states
 * (sequences) at once, from any number of threads.
 */
public final class ReservoirState {
    private final double[] values;
    private final double[] memory;
    private final double[][] buffers;
    private long steps;

    /**
     * @param stateDimension length of the feature vector
     * @param memoryDimension length of the private memory that is part of the state (copied with it)
     * @param bufferLengths lengths of the scratch buffers a step may overwrite freely (at least one)
     */
    public ReservoirState(int stateDimension, int memoryDimension, int... bufferLengths) {
        if (stateDimension < 0 || memoryDimension < 0 || bufferLengths.length == 0) {
            throw new IllegalArgumentException("invalid state shape");
        }
        this.values = new double[stateDimension];
        this.memory = new double[memoryDimension];
        this.buffers = new double[bufferLengths.length][];
        for (int i = 0; i < bufferLengths.length; i++) {
            buffers[i] = new double[bufferLengths[i]];
        }
    }

    private ReservoirState(ReservoirState other) {
        this.values = other.values.clone();
        this.memory = other.memory.clone();
        this.buffers = new double[other.buffers.length][];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new double[other.buffers[i].length];
        }
        this.steps = other.steps;
    }

    /**
     * The live feature vector: the array the reservoir updates in place at every step. Callers may read
     * it and, to set an initial state, write it; copy it to keep a value across steps.
     */
    public double[] values() {
        return values;
    }

    /** The reservoir's private memory (live array): only the reservoir that made this state should write it. */
    public double[] memory() {
        return memory;
    }

    /** The first scratch buffer (live array): its contents mean nothing between steps. */
    public double[] scratch() {
        return buffers[0];
    }

    /** Scratch buffer {@code i} (live array): its contents mean nothing between steps. */
    public double[] buffer(int i) {
        return buffers[i];
    }

    /** Number of steps taken since creation or the last {@link #reset()}. */
    public long steps() {
        return steps;
    }

    /** Sets the step count (when restoring a saved state). */
    public void setSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be at least 0, got " + steps);
        }
        this.steps = steps;
    }

    /** Called by reservoirs after each step. */
    public void advance() {
        steps++;
    }

    /** An independent copy (values, memory and step count). */
    public ReservoirState copy() {
        return new ReservoirState(this);
    }

    /** Sets values and memory to zero and the step count to 0. */
    public void reset() {
        Arrays.fill(values, 0.0);
        Arrays.fill(memory, 0.0);
        steps = 0;
    }

    /** Copies values, memory and step count from another state of the same reservoir. */
    public void copyFrom(ReservoirState other) {
        if (other.values.length != values.length || other.memory.length != memory.length) {
            throw new IllegalArgumentException("states belong to reservoirs of different shapes");
        }
        System.arraycopy(other.values, 0, values, 0, values.length);
        System.arraycopy(other.memory, 0, memory, 0, memory.length);
        steps = other.steps;
    }
}
