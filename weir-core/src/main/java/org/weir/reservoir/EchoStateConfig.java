package org.weir.reservoir;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.io.Json;
import org.weir.linalg.Activation;
import org.weir.linalg.Precision;

/**
 * Hyperparameters of a leaky echo state reservoir (Jaeger 2001; Lukosevicius 2012, "A practical guide to
 * applying echo state networks"):
 * {@code x[t] = (1-a) x[t-1] + a f(W x[t-1] + W_in u[t] + b + W_fb y[t-1])}.
 *
 * @param units number of neurons N, at least 1
 * @param spectralRadius target spectral radius of W, at least 0 (for a delay line: the link weight)
 * @param leakRate leak rate a in (0, 1]
 * @param inputScaling scale of W_in, one value for all inputs or one per input (each at least 0)
 * @param biasScaling scale of the bias b, at least 0 (0: no bias)
 * @param connectivity fraction of non-zero recurrent weights in (0, 1] (ignored when inDegree &gt; 0)
 * @param inDegree fixed number of non-zero recurrent weights per row, 0 to use connectivity
 * @param inputConnectivity fraction of non-zero input (and bias and feedback) weights in (0, 1]
 * @param weights distribution of recurrent weights
 * @param inputWeights distribution of input, bias and feedback weights
 * @param activation neuron activation f
 * @param topology construction of W
 * @param jumpSize jump length for {@link Topology#CYCLE_JUMPS}, at least 2
 * @param scaling how W is rescaled to the spectral radius
 * @param feedbackScaling scale of the output-feedback matrix W_fb, at least 0 (used only with feedback)
 * @param seed seed of every random draw
 * @param precision storage precision of W ({@link Precision#FLOAT32}: weights rounded to single precision,
 *     half the memory traffic per step; products still accumulate in double)
 */
public record EchoStateConfig(int units, double spectralRadius, double leakRate, double[] inputScaling,
        double biasScaling, double connectivity, int inDegree, double inputConnectivity,
        WeightDistribution weights, WeightDistribution inputWeights, Activation activation, Topology topology,
        int jumpSize, SpectralScaling scaling, double feedbackScaling, long seed, Precision precision) {

    public EchoStateConfig {
        require(units >= 1, "units", units, "at least 1");
        require(spectralRadius >= 0 && Double.isFinite(spectralRadius), "spectral radius", spectralRadius,
                "a finite number >= 0");
        require(leakRate > 0 && leakRate <= 1, "leak rate", leakRate, "(0, 1]");
        if (inputScaling == null || inputScaling.length == 0) {
            throw new IllegalArgumentException("input scaling must hold one value or one per input");
        }
        inputScaling = inputScaling.clone();
        for (double s : inputScaling) {
            require(s >= 0 && Double.isFinite(s), "input scaling", s, "a finite number >= 0");
        }
        require(biasScaling >= 0 && Double.isFinite(biasScaling), "bias scaling", biasScaling, "a finite number >= 0");
        require(connectivity > 0 && connectivity <= 1, "connectivity", connectivity, "(0, 1]");
        require(inDegree >= 0 && inDegree <= units, "in-degree", inDegree, "0 (use connectivity) to units=" + units);
        require(inputConnectivity > 0 && inputConnectivity <= 1, "input connectivity", inputConnectivity, "(0, 1]");
        if (weights == null || inputWeights == null || activation == null || topology == null || scaling == null
                || precision == null) {
            throw new IllegalArgumentException("weights, input weights, activation, topology, scaling and precision"
                    + " must be set");
        }
        require(jumpSize >= 2, "jump size", jumpSize, "at least 2");
        require(feedbackScaling >= 0 && Double.isFinite(feedbackScaling), "feedback scaling", feedbackScaling,
                "a finite number >= 0");
    }

    private static void require(boolean ok, String name, double value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + range + ", got " + fmt(value));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public double[] inputScaling() {
        return inputScaling.clone();
    }

    /** Input scaling of input j (a single value applies to every input). */
    public double inputScaling(int j) {
        return inputScaling.length == 1 ? inputScaling[0] : inputScaling[j];
    }

    /** A builder starting from ReservoirPy-like defaults (N=100, sr 0.9, leak 1, scaling 1, 10% connectivity). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.units = units;
        b.spectralRadius = spectralRadius;
        b.leakRate = leakRate;
        b.inputScaling = inputScaling.clone();
        b.biasScaling = biasScaling;
        b.connectivity = connectivity;
        b.inDegree = inDegree;
        b.inputConnectivity = inputConnectivity;
        b.weights = weights;
        b.inputWeights = inputWeights;
        b.activation = activation;
        b.topology = topology;
        b.jumpSize = jumpSize;
        b.scaling = scaling;
        b.feedbackScaling = feedbackScaling;
        b.seed = seed;
        b.precision = precision;
        return b;
    }

    /** JSON-ready map with snake_case keys (as in configuration files and model manifests). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", (long) units);
        m.put("spectral_radius", spectralRadius);
        m.put("leak_rate", leakRate);
        List<Object> scalings = new java.util.ArrayList<>();
        for (double v : inputScaling) {
            scalings.add(v);
        }
        m.put("input_scaling", scalings);
        m.put("bias_scaling", biasScaling);
        m.put("connectivity", connectivity);
        m.put("in_degree", (long) inDegree);
        m.put("input_connectivity", inputConnectivity);
        m.put("weights", weights.id());
        m.put("input_weights", inputWeights.id());
        m.put("activation", activation.id());
        m.put("topology", topology.id());
        m.put("jump_size", (long) jumpSize);
        m.put("scaling", scaling.id());
        m.put("feedback_scaling", feedbackScaling);
        m.put("seed", seed);
        m.put("precision", precision.id());
        return m;
    }

    /**
     * Reads a configuration from a map with the keys of {@link #toMap()}; missing keys keep the builder's
     * defaults, unknown keys are an error naming the key.
     */
    public static EchoStateConfig fromMap(Map<String, Object> m) {
        Builder b = builder();
        for (String key : m.keySet()) {
            switch (key) {
                case "units": b.units(Json.integer(m, key)); break;
                case "spectral_radius": b.spectralRadius(Json.number(m, key)); break;
                case "leak_rate": b.leakRate(Json.number(m, key)); break;
                case "input_scaling":
                    if (m.get(key) instanceof List) {
                        b.inputScaling(Json.doubles(m, key));
                    } else {
                        b.inputScaling(Json.number(m, key));
                    }
                    break;
                case "bias_scaling": b.biasScaling(Json.number(m, key)); break;
                case "connectivity": b.connectivity(Json.number(m, key)); break;
                case "in_degree": b.inDegree(Json.integer(m, key)); break;
                case "input_connectivity": b.inputConnectivity(Json.number(m, key)); break;
                case "weights": b.weights(WeightDistribution.parse(Json.string(m, key))); break;
                case "input_weights": b.inputWeights(WeightDistribution.parse(Json.string(m, key))); break;
                case "activation": b.activation(Activation.parse(Json.string(m, key))); break;
                case "topology": b.topology(Topology.parse(Json.string(m, key))); break;
                case "jump_size": b.jumpSize(Json.integer(m, key)); break;
                case "scaling": b.scaling(SpectralScaling.parse(Json.string(m, key))); break;
                case "feedback_scaling": b.feedbackScaling(Json.number(m, key)); break;
                case "seed": b.seed(Json.longInteger(m, key)); break;
                case "precision": b.precision(Precision.parse(Json.string(m, key))); break;
                default:
                    throw new IllegalArgumentException("unknown reservoir setting '" + key + "'");
            }
        }
        return b.config();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EchoStateConfig c && toMap().toString().equals(c.toMap().toString())
                && Arrays.equals(inputScaling, c.inputScaling);
    }

    @Override
    public int hashCode() {
        return toMap().toString().hashCode();
    }

    @Override
    public String toString() {
        return "EchoStateConfig" + toMap();
    }

    /** Mutable builder; {@link #config()} validates. */
    public static final class Builder {
        private int units = 100;
        private double spectralRadius = 0.9;
        private double leakRate = 1.0;
        private double[] inputScaling = {1.0};
        private double biasScaling = 0.0;
        private double connectivity = 0.1;
        private int inDegree = 0;
        private double inputConnectivity = 0.1;
        private WeightDistribution weights = WeightDistribution.NORMAL;
        private WeightDistribution inputWeights = WeightDistribution.BERNOULLI;
        private Activation activation = Activation.TANH;
        private Topology topology = Topology.RANDOM;
        private int jumpSize = 3;
        private SpectralScaling scaling = SpectralScaling.EXACT;
        private double feedbackScaling = 1.0;
        private long seed = 42L;
        private Precision precision = Precision.FLOAT64;

        private Builder() {
        }

        public Builder units(int v) { units = v; return this; }
        public Builder spectralRadius(double v) { spectralRadius = v; return this; }
        public Builder leakRate(double v) { leakRate = v; return this; }
        public Builder inputScaling(double v) { inputScaling = new double[] {v}; return this; }
        public Builder inputScaling(double... v) { inputScaling = v.clone(); return this; }
        public Builder biasScaling(double v) { biasScaling = v; return this; }
        public Builder connectivity(double v) { connectivity = v; return this; }
        public Builder inDegree(int v) { inDegree = v; return this; }
        public Builder inputConnectivity(double v) { inputConnectivity = v; return this; }
        public Builder weights(WeightDistribution v) { weights = v; return this; }
        public Builder inputWeights(WeightDistribution v) { inputWeights = v; return this; }
        public Builder activation(Activation v) { activation = v; return this; }
        public Builder topology(Topology v) { topology = v; return this; }
        public Builder jumpSize(int v) { jumpSize = v; return this; }
        public Builder scaling(SpectralScaling v) { scaling = v; return this; }
        public Builder feedbackScaling(double v) { feedbackScaling = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder precision(Precision v) { precision = v; return this; }

        /** The validated configuration. */
        public EchoStateConfig config() {
            return new EchoStateConfig(units, spectralRadius, leakRate, inputScaling, biasScaling, connectivity,
                    inDegree, inputConnectivity, weights, inputWeights, activation, topology, jumpSize, scaling,
                    feedbackScaling, seed, precision);
        }

        /** Builds a reservoir for inputs of the given dimension, without output feedback. */
        public EchoStateReservoir build(int inputDimension) {
            return EchoStateReservoir.create(config(), inputDimension, 0);
        }

        /** Builds a reservoir for the given input dimension and output-feedback dimension. */
        public EchoStateReservoir build(int inputDimension, int feedbackDimension) {
            return EchoStateReservoir.create(config(), inputDimension, feedbackDimension);
        }
    }
}
