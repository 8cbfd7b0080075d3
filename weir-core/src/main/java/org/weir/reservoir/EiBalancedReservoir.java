package org.weir.reservoir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;
import org.weir.linalg.CsrMatrix;
import org.weir.linalg.Kernels;
import org.weir.linalg.SpectralRadius;

/**
 * Excitatory-inhibitory balanced reservoir with local self-adaptation of inhibition (Srinivasan, Plenz and
 * Girvan 2025, "Boosting Reservoir Computing with Brain-inspired Adaptive Dynamics", arXiv:2504.12480).
 *
 * <p>Sigmoid rate neurons {@code r_i in (0, 1)}:
 * <pre>  r[t] = (1 - a) r[t-1] + a sigma(A r[t-1] + W_in u[t] + b),   sigma(z) = 1 / (1 + e^-z)</pre>
 * The first {@code round(f_E N)} neurons are excitatory, the rest inhibitory, and A obeys Dale's law: every
 * outgoing link of an excitatory neuron is positive, of an inhibitory one negative. Links exist with
 * probability p; excitatory weights are {@code U(0, 2 J_E / (p N_E))} and inhibitory weights
 * {@code -beta U(0, 2 J_E / (p N_I))}, so the mean total excitatory weight onto a neuron is {@code J_E} and
 * the mean total inhibitory weight {@code beta J_E}: the global inhibition scale {@code beta} is 1 at
 * balance, above 1 over-inhibited.
 *
 * <p>Adaptation ({@link #adapt}): driven by an input sequence, after every step each neuron's incoming
 * inhibitory links change by the local homeostatic rule
 * <pre>  |A_ij| <- max(0, |A_ij| + delta (r_i[t] - rho_i))   for every inhibitory j,</pre>
 * i.e. inhibition onto neuron i strengthens while its rate exceeds its target {@code rho_i} and weakens
 * below it; signs are kept (a weight that reaches 0 stays at 0 until pushed back). The targets are equal
 * ({@code rho_i = mu}) or heterogeneous, {@code rho_i ~ Beta(kappa mu, kappa (1 - mu))} (mean mu,
 * concentration kappa), drawn from the seed. Adaptation returns a new immutable reservoir; the readout
 * is fitted afterwards on the adapted, frozen reservoir.
 *
 * <p>Equations as stated in the Weir issue from the paper's description (the paper's own code was not
 * available to us): the parameterization of weights by {@code J_E} and {@code beta} is ours.
 */
public final class EiBalancedReservoir implements Reservoir {
    /** Kind identifier in model files and on the command line. */
    public static final String KIND = "ei-adaptive";

    private final Config config;
    private final int units;
    private final int excitatory;
    private final int inputDim;
    private final CsrMatrix a;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] values;
    private final double[] win;
    private final double[] bias;
    private final double[] targets;
    private final long adaptedSteps;
    private volatile double effectiveRadius = Double.NaN;

    private EiBalancedReservoir(Config config, int inputDim, CsrMatrix a, double[] win, double[] bias,
            double[] targets, long adaptedSteps) {
        this.config = config;
        this.units = config.units();
        this.excitatory = config.excitatoryUnits();
        this.inputDim = inputDim;
        this.a = a;
        this.rowPtr = a.rowPtr();
        this.colIdx = a.colIdx();
        this.values = a.values();
        this.win = win;
        this.bias = bias;
        this.targets = targets;
        this.adaptedSteps = adaptedSteps;
    }

    /**
     * Configuration of an E-I reservoir.
     *
     * @param units N, at least 2
     * @param excitatoryFraction f_E in (0, 1): fraction of excitatory neurons (0.8 in the paper)
     * @param connectivity p in (0, 1]: link probability
     * @param excitatoryStrength J_E > 0: mean total excitatory weight onto a neuron
     * @param inhibitionScale beta >= 0: global inhibition scale (1 = balanced)
     * @param inputScaling scale of the input weights {@code W_in ~ U(-s, s)}, >= 0
     * @param bias constant bias b of every neuron (the firing threshold is -b)
     * @param leakRate a in (0, 1]
     * @param targetMean mu in (0, 1): mean target rate
     * @param targetConcentration kappa: 0 for equal targets, > 0 for Beta(kappa mu, kappa (1-mu)) targets
     * @param learningRate delta > 0 of the adaptation rule
     * @param seed seed of every random draw
     */
    public record Config(int units, double excitatoryFraction, double connectivity, double excitatoryStrength,
            double inhibitionScale, double inputScaling, double bias, double leakRate, double targetMean,
            double targetConcentration, double learningRate, long seed) {
        public Config {
            if (units < 2) {
                throw new IllegalArgumentException("units must be at least 2, got " + units);
            }
            requireOpen("excitatory fraction", excitatoryFraction, 0, 1);
            if (!(connectivity > 0 && connectivity <= 1)) {
                throw new IllegalArgumentException("connectivity must be in (0, 1], got " + connectivity);
            }
            requirePositive("excitatory strength", excitatoryStrength);
            requireNonNegative("inhibition scale", inhibitionScale);
            requireNonNegative("input scaling", inputScaling);
            if (!Double.isFinite(bias)) {
                throw new IllegalArgumentException("bias must be finite, got " + bias);
            }
            if (!(leakRate > 0 && leakRate <= 1)) {
                throw new IllegalArgumentException("leak rate must be in (0, 1], got " + leakRate);
            }
            requireOpen("target mean", targetMean, 0, 1);
            requireNonNegative("target concentration", targetConcentration);
            requirePositive("learning rate", learningRate);
            int ne = (int) Math.round(excitatoryFraction * units);
            if (ne < 1 || ne > units - 1) {
                throw new IllegalArgumentException("excitatory fraction " + excitatoryFraction + " of " + units
                        + " units leaves no excitatory or no inhibitory neuron");
            }
        }

        /** Number of excitatory neurons {@code round(f_E N)} (indices 0..N_E-1). */
        public int excitatoryUnits() {
            return (int) Math.round(excitatoryFraction * units);
        }

        /** JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("units", (long) units);
            m.put("excitatory_fraction", excitatoryFraction);
            m.put("connectivity", connectivity);
            m.put("excitatory_strength", excitatoryStrength);
            m.put("inhibition_scale", inhibitionScale);
            m.put("input_scaling", inputScaling);
            m.put("bias", bias);
            m.put("leak_rate", leakRate);
            m.put("target_mean", targetMean);
            m.put("target_concentration", targetConcentration);
            m.put("learning_rate", learningRate);
            m.put("seed", seed);
            return m;
        }

        /** Inverse of {@link #toMap()}. */
        public static Config fromMap(Map<String, Object> m) {
            return new Config(Json.integer(m, "units"), Json.number(m, "excitatory_fraction"),
                    Json.number(m, "connectivity"), Json.number(m, "excitatory_strength"),
                    Json.number(m, "inhibition_scale"), Json.number(m, "input_scaling"), Json.number(m, "bias"),
                    Json.number(m, "leak_rate"), Json.number(m, "target_mean"),
                    Json.number(m, "target_concentration"), Json.number(m, "learning_rate"),
                    Json.longInteger(m, "seed"));
        }

        /** A builder starting from this configuration. */
        public Builder toBuilder() {
            return new Builder().units(units).excitatoryFraction(excitatoryFraction).connectivity(connectivity)
                    .excitatoryStrength(excitatoryStrength).inhibitionScale(inhibitionScale)
                    .inputScaling(inputScaling).bias(bias).leakRate(leakRate).targetMean(targetMean)
                    .targetConcentration(targetConcentration).learningRate(learningRate).seed(seed);
        }
    }

    /** A builder with the defaults N=200, f_E=0.8, p=0.1, J_E=4, beta=1, s=1, b=0, a=1, mu=0.2, kappa=0, delta=0.001. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder of a {@link Config}. */
    public static final class Builder {
        private int units = 200;
        private double excitatoryFraction = 0.8;
        private double connectivity = 0.1;
        private double excitatoryStrength = 4.0;
        private double inhibitionScale = 1.0;
        private double inputScaling = 1.0;
        private double bias = 0.0;
        private double leakRate = 1.0;
        private double targetMean = 0.2;
        private double targetConcentration = 0.0;
        private double learningRate = 0.001;
        private long seed = 42L;

        private Builder() {
        }

        public Builder units(int v) { units = v; return this; }
        public Builder excitatoryFraction(double v) { excitatoryFraction = v; return this; }
        public Builder connectivity(double v) { connectivity = v; return this; }
        public Builder excitatoryStrength(double v) { excitatoryStrength = v; return this; }
        public Builder inhibitionScale(double v) { inhibitionScale = v; return this; }
        public Builder inputScaling(double v) { inputScaling = v; return this; }
        public Builder bias(double v) { bias = v; return this; }
        public Builder leakRate(double v) { leakRate = v; return this; }
        public Builder targetMean(double v) { targetMean = v; return this; }
        public Builder targetConcentration(double v) { targetConcentration = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public Config config() {
            return new Config(units, excitatoryFraction, connectivity, excitatoryStrength, inhibitionScale,
                    inputScaling, bias, leakRate, targetMean, targetConcentration, learningRate, seed);
        }

        /** The (not yet adapted) reservoir for inputs of the given dimension. */
        public EiBalancedReservoir build(int inputDimension) {
            return create(config(), inputDimension);
        }
    }

    /**
     * Draws the network. Streams split from the seed: the link pattern and magnitudes, W_in, the targets.
     * The same seed with a different {@code inhibitionScale} gives the same network with every inhibitory
     * weight scaled, so a grid over beta compares like with like.
     */
    public static EiBalancedReservoir create(Config config, int inputDimension) {
        if (inputDimension < 1) {
            throw new IllegalArgumentException("input dimension must be at least 1, got " + inputDimension);
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom rW = root.split();
        SplittableRandom rIn = root.split();
        SplittableRandom rT = root.split();
        int n = config.units();
        int ne = config.excitatoryUnits();
        int ni = n - ne;
        double p = config.connectivity();
        double maxE = 2.0 * config.excitatoryStrength() / (p * ne);
        double maxI = 2.0 * config.inhibitionScale() * config.excitatoryStrength() / (p * ni);
        int[] rowPtr = new int[n + 1];
        java.util.ArrayList<Integer> cols = new java.util.ArrayList<>();
        java.util.ArrayList<Double> vals = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double link = rW.nextDouble();
                double mag = rW.nextDouble();
                if (j == i || link >= p) {
                    continue;
                }
                cols.add(j);
                vals.add(j < ne ? maxE * mag : -maxI * mag);
            }
            rowPtr[i + 1] = cols.size();
        }
        int[] ci = new int[cols.size()];
        double[] v = new double[cols.size()];
        for (int q = 0; q < ci.length; q++) {
            ci[q] = cols.get(q);
            v[q] = vals.get(q);
        }
        CsrMatrix a = CsrMatrix.fromCsr(n, n, rowPtr, ci, v);
        double[] win = new double[n * inputDimension];
        for (int q = 0; q < win.length; q++) {
            win[q] = config.inputScaling() * (2.0 * rIn.nextDouble() - 1.0);
        }
        double[] bias = new double[n];
        java.util.Arrays.fill(bias, config.bias());
        double[] targets = new double[n];
        double mu = config.targetMean();
        double kappa = config.targetConcentration();
        for (int i = 0; i < n; i++) {
            targets[i] = kappa == 0 ? mu : RandomDraws.beta(kappa * mu, kappa * (1 - mu), rT);
        }
        return new EiBalancedReservoir(config, inputDimension, a, win, bias, targets, 0L);
    }

    /** Rebuilds a reservoir from a model file (see {@link #saveArrays}). */
    static EiBalancedReservoir load(Map<String, Object> description, ArrayBundle arrays, String prefix) {
        Config cfg = Config.fromMap(Json.object(description, "config"));
        int d = Json.integer(description, "input_dimension");
        int n = cfg.units();
        CsrMatrix a = CsrMatrix.fromCsr(n, n, arrays.ints(prefix + "A_row_ptr"), arrays.ints(prefix + "A_col_idx"),
                arrays.doubles(prefix + "A_values"));
        double[] win = arrays.doubles(prefix + "W_in");
        double[] bias = arrays.doubles(prefix + "bias");
        double[] targets = arrays.doubles(prefix + "target_rates");
        if (win.length != n * d || bias.length != n || targets.length != n) {
            throw new IllegalArgumentException("E-I reservoir arrays do not match units=" + n + ", inputs=" + d);
        }
        return new EiBalancedReservoir(cfg, d, a, win, bias, targets, Json.longInteger(description, "adapted_steps"));
    }

    /**
     * The adaptation phase: runs {@code inputs} from a zero state {@code epochs} times, applying the local
     * rule after every step, and returns the adapted reservoir (this one is unchanged).
     *
     * @param inputs T x d driving sequence (not modified)
     * @param epochs passes over the sequence, at least 1
     */
    public EiBalancedReservoir adapt(double[][] inputs, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        int[] rp = rowPtr;
        int[] ci = colIdx;
        double[] v = values.clone();
        double delta = config.learningRate();
        double[] x = new double[units];
        double[] pre = new double[units];
        long steps = 0;
        for (int e = 0; e < epochs; e++) {
            java.util.Arrays.fill(x, 0.0);
            for (double[] u : inputs) {
                if (u.length != inputDim) {
                    throw new IllegalArgumentException("input rows must have " + inputDim + " values, got " + u.length);
                }
                update(v, x, u, pre);
                for (int i = 0; i < units; i++) {
                    double change = delta * (x[i] - targets[i]);
                    for (int q = rp[i]; q < rp[i + 1]; q++) {
                        if (ci[q] >= excitatory) {
                            v[q] = Math.min(0.0, v[q] - change);
                        }
                    }
                }
                steps++;
            }
        }
        CsrMatrix adapted = CsrMatrix.fromCsr(units, units, rp, ci, v);
        return new EiBalancedReservoir(config, inputDim, adapted, win, bias, targets, adaptedSteps + steps);
    }

    /** One step with recurrent values {@code v} on this reservoir's link pattern. */
    private void update(double[] v, double[] x, double[] u, double[] pre) {
        Kernels.csrMultiply(units, rowPtr, colIdx, v, x, pre);
        int n = units;
        for (int i = 0; i < n; i++) {
            pre[i] += bias[i];
        }
        Kernels.denseMultiplyAdd(win, n, inputDim, u, pre);
        double leak = config.leakRate();
        double keep = 1.0 - leak;
        for (int i = 0; i < n; i++) {
            double s = 1.0 / (1.0 + Math.exp(-pre[i]));
            x[i] = keep * x[i] + leak * s;
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputDimension() {
        return inputDim;
    }

    @Override
    public int stateDimension() {
        return units;
    }

    public Config config() {
        return config;
    }

    /** The recurrent matrix A (immutable), columns 0..N_E-1 excitatory. */
    public CsrMatrix recurrentMatrix() {
        return a;
    }

    /** Copy of the target rates rho. */
    public double[] targetRates() {
        return targets.clone();
    }

    /** Steps of adaptation this reservoir went through (0 when not adapted). */
    public long adaptedSteps() {
        return adaptedSteps;
    }

    /**
     * Mean total inhibitory weight onto a neuron divided by the mean total excitatory weight,
     * {@code sum |A_ij| (j inhibitory) / sum A_ij (j excitatory)}: about beta before adaptation.
     */
    public double inhibitionRatio() {
        double e = 0;
        double in = 0;
        int[] ci = colIdx;
        double[] v = values;
        for (int q = 0; q < v.length; q++) {
            if (ci[q] < excitatory) {
                e += v[q];
            } else {
                in -= v[q];
            }
        }
        return e == 0 ? Double.NaN : in / e;
    }

    @Override
    public ReservoirState newState() {
        return new ReservoirState(units, 0, units);
    }

    @Override
    public void step(ReservoirState state, double[] input, double[] feedback) {
        update(values, state.values(), input, state.scratch());
        state.advance();
    }

    /**
     * {@code rho((1 - a) I + (a / 4) A)}: the linearization at the sigmoid's steepest point (slope 1/4),
     * the largest local gain the dynamics can have.
     */
    @Override
    public double effectiveSpectralRadius() {
        double r = effectiveRadius;
        if (Double.isNaN(r)) {
            double leak = config.leakRate();
            int[] rp = rowPtr;
            int[] ci = colIdx;
            double[] v = values;
            int nnz = v.length;
            int[] rr = new int[nnz + units];
            int[] cc = new int[nnz + units];
            double[] vv = new double[nnz + units];
            int p = 0;
            for (int i = 0; i < units; i++) {
                for (int q = rp[i]; q < rp[i + 1]; q++) {
                    rr[p] = i;
                    cc[p] = ci[q];
                    vv[p++] = 0.25 * leak * v[q];
                }
                rr[p] = i;
                cc[p] = i;
                vv[p++] = 1.0 - leak;
            }
            r = SpectralRadius.of(CsrMatrix.fromTriplets(units, units, rr, cc, vv));
            effectiveRadius = r;
        }
        return r;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("input_dimension", (long) inputDim);
        m.put("adapted_steps", adaptedSteps);
        m.put("config", config.toMap());
        return m;
    }

    @Override
    public void saveArrays(ArrayBundle out, String prefix) {
        out.putInts(prefix + "A_row_ptr", a.rowPtr());
        out.putInts(prefix + "A_col_idx", a.colIdx());
        out.put(prefix + "A_values", a.values());
        out.put(prefix + "W_in", win, units, inputDim);
        out.put(prefix + "bias", bias);
        out.put(prefix + "target_rates", targets);
    }

    @Override
    public String toString() {
        return "EiBalancedReservoir[units=" + units + ", beta=" + config.inhibitionScale() + ", adaptedSteps="
                + adaptedSteps + "]";
    }

    private static void requireOpen(String name, double v, double lo, double hi) {
        if (!(v > lo && v < hi)) {
            throw new IllegalArgumentException(name + " must be in (" + lo + ", " + hi + "), got " + v);
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }
}
