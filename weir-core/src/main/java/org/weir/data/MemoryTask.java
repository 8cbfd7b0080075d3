package org.weir.data;

import java.util.SplittableRandom;

/**
 * The memory-capacity task (H. Jaeger, "Short term memory in echo state networks", GMD Report 152,
 * 2001): an i.i.d. input {@code u[t] ~ U[-1, 1]} and, for every delay {@code k = 1..K}, the target
 * {@code y_k[t] = u[t-k]}. The memory capacity of a model is {@code MC = sum_k r^2(u[t-k], yhat_k[t])}
 * (see {@code org.weir.metrics.Metrics#memoryCapacity}).
 *
 * <p>Rows {@code t < K} have at least one undefined target ({@code t - k < 0}); {@link #targets()}
 * starts at row {@link #firstValidRow()} {@code = K} so every target in it is defined: row {@code i}
 * of {@code targets()} belongs to time {@code t = K + i}, and {@code targets()[i][k-1] = u[K + i - k]}.
 *
 * @param input the input {@code u[0..T)} (defensively copied)
 * @param maxDelay K, {@code >= 1}
 */
public record MemoryTask(double[] input, int maxDelay) {

    /** Validates and copies. */
    public MemoryTask {
        if (input == null) {
            throw new IllegalArgumentException("input must not be null");
        }
        if (maxDelay < 1) {
            throw new IllegalArgumentException("maxDelay must be >= 1, got " + maxDelay);
        }
        if (input.length <= maxDelay) {
            throw new IllegalArgumentException("input length " + input.length + " must exceed maxDelay "
                    + maxDelay + " (no row would have every target defined)");
        }
        for (int i = 0; i < input.length; i++) {
            MackeyGlass.requireFinite("input[" + i + "]", input[i]);
        }
        input = input.clone();
    }

    /**
     * A task with {@code length} i.i.d. inputs uniform in [-1, 1) drawn from {@code SplittableRandom(seed)}.
     *
     * @param length T, {@code > maxDelay}
     * @param maxDelay K, {@code >= 1}
     * @param seed any long
     */
    public static MemoryTask generate(int length, int maxDelay, long seed) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[length];
        for (int t = 0; t < length; t++) {
            u[t] = rng.nextDouble(-1.0, 1.0);
        }
        return new MemoryTask(u, maxDelay);
    }

    /** Copy of the input. */
    @Override
    public double[] input() {
        return input.clone();
    }

    /** The first time step at which every delayed target is defined: {@code K}. */
    public int firstValidRow() {
        return maxDelay;
    }

    /** Inputs {@code u[K..T)} as a (T-K) x 1 array, aligned with {@link #targets()}. */
    public double[][] inputRows() {
        double[][] out = new double[input.length - maxDelay][1];
        for (int t = maxDelay; t < input.length; t++) {
            out[t - maxDelay][0] = input[t];
        }
        return out;
    }

    /** Inputs {@code u[0..T)} as a T x 1 array (feed all of them so the model sees the full history). */
    public double[][] allInputRows() {
        double[][] out = new double[input.length][1];
        for (int t = 0; t < input.length; t++) {
            out[t][0] = input[t];
        }
        return out;
    }

    /** Targets for {@code t = K..T-1}: a (T-K) x K array with {@code [t-K][k-1] = u[t-k]}. */
    public double[][] targets() {
        int rows = input.length - maxDelay;
        double[][] out = new double[rows][maxDelay];
        for (int i = 0; i < rows; i++) {
            int t = maxDelay + i;
            for (int k = 1; k <= maxDelay; k++) {
                out[i][k - 1] = input[t - k];
            }
        }
        return out;
    }

    /**
     * Targets for every {@code t = 0..T-1} (T x K) with {@code NaN} where {@code t - k < 0} (undefined);
     * use {@link #targets()} unless you need the full alignment. NaN marks "no target", never a value.
     */
    public double[][] targetsWithUndefined() {
        double[][] out = new double[input.length][maxDelay];
        for (int t = 0; t < input.length; t++) {
            for (int k = 1; k <= maxDelay; k++) {
                out[t][k - 1] = t - k >= 0 ? input[t - k] : Double.NaN;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryTask m && m.maxDelay == maxDelay && java.util.Arrays.equals(m.input, input);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(input) + maxDelay;
    }

    @Override
    public String toString() {
        return "MemoryTask[length=" + input.length + ", maxDelay=" + maxDelay + "]";
    }
}
