package org.weir.readout;

import java.util.Arrays;
import org.weir.io.ArrayBundle;

/**
 * A trained linear map from features to outputs, {@code y = W x + b}, with {@code W} of shape
 * (outputs x features) stored row-major. Immutable.
 */
public final class LinearReadout {
    private final int outputs;
    private final int features;
    private final double[] weights;
    private final double[] bias;

    /**
     * @param weights outputs x features, row-major (copied)
     * @param bias length outputs (copied)
     */
    public LinearReadout(int outputs, int features, double[] weights, double[] bias) {
        if (outputs < 1 || features < 0) {
            throw new IllegalArgumentException("readout shape must be outputs >= 1, features >= 0; got "
                    + outputs + "x" + features);
        }
        if (weights.length != outputs * features || bias.length != outputs) {
            throw new IllegalArgumentException("readout arrays do not match shape " + outputs + "x" + features
                    + ": weights " + weights.length + ", bias " + bias.length);
        }
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("readout weights must be finite");
            }
        }
        this.outputs = outputs;
        this.features = features;
        this.weights = weights.clone();
        this.bias = bias.clone();
    }

    /** From a weight matrix given as rows (outputs x features) and a bias. */
    public static LinearReadout ofRows(double[][] w, double[] bias) {
        int k = w.length;
        int d = k == 0 ? 0 : w[0].length;
        double[] flat = new double[k * d];
        for (int i = 0; i < k; i++) {
            System.arraycopy(w[i], 0, flat, i * d, d);
        }
        return new LinearReadout(k, d, flat, bias);
    }

    public int outputs() {
        return outputs;
    }

    public int features() {
        return features;
    }

    /** Copy of the weights, outputs x features row-major. */
    public double[] weights() {
        return weights.clone();
    }

    /** Weight of feature j for output i. */
    public double weight(int i, int j) {
        return weights[i * features + j];
    }

    /** Copy of the bias. */
    public double[] bias() {
        return bias.clone();
    }

    /**
     * {@code y = W x + b}.
     *
     * @param x features (not modified)
     * @param y outputs (modified)
     */
    public void predict(double[] x, double[] y) {
        for (int i = 0; i < outputs; i++) {
            double s = bias[i];
            int off = i * features;
            for (int j = 0; j < features; j++) {
                s += weights[off + j] * x[j];
            }
            y[i] = s;
        }
    }

    /** Predictions for every row of {@code x}. */
    public double[][] predict(double[][] x) {
        double[][] out = new double[x.length][outputs];
        for (int t = 0; t < x.length; t++) {
            predict(x[t], out[t]);
        }
        return out;
    }

    /** Stores weights and bias under {@code prefix}. */
    public void saveArrays(ArrayBundle out, String prefix) {
        out.put(prefix + "weights", weights, outputs, features);
        out.put(prefix + "bias", bias, outputs);
    }

    /** Reads what {@link #saveArrays} stored. */
    public static LinearReadout load(ArrayBundle in, String prefix) {
        int[] shape = in.get(prefix + "weights").shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("readout weights must be 2-D, got shape " + Arrays.toString(shape));
        }
        return new LinearReadout(shape[0], shape[1], in.doubles(prefix + "weights"), in.doubles(prefix + "bias"));
    }

    @Override
    public String toString() {
        return "LinearReadout[" + outputs + " outputs x " + features + " features]";
    }
}
