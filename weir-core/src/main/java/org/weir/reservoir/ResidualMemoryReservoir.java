package org.weir.reservoir;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;
import org.weir.linalg.Kernels;

/**
 * Residual Reservoir Memory Network, ResRMN (Pinna, Ceni and Gallicchio 2025, "Residual Reservoir Memory
 * Networks", arXiv:2508.09925): a linear memory reservoir feeding a nonlinear reservoir with a residual
 * (skip) branch in time,
 * <pre>
 *   m[t] = V_m m[t-1] + V_x u[t]
 *   h[t] = alpha O h[t-1] + beta tanh(W_h h[t-1] + W_m m[t] + W_x u[t] + b)
 * </pre>
 * {@code V_m} is the cyclic shift (a permutation: {@code m_i[t] = m_{i-1}[t-1] + ...}, so the memory holds
 * the last {@code N_m} projected inputs without loss), {@code O} is a random orthogonal matrix, the cyclic
 * shift, or the identity; {@code W_h} is a random dense matrix scaled to spectral radius rho, and
 * {@code V_x, W_m, W_x, b} are uniform in {@code [-s, s]} with their own scalings. The readout sees
 * {@code h[t]}; {@code m[t]} is the private part of the state. The nonlinear module's linearization at the
 * origin is {@code alpha O + beta W_h}; its spectral radius ({@link #effectiveSpectralRadius}) below 1 is
 * the stability condition the paper states. The memory module is marginally stable (radius exactly 1) by
 * design.
 */
public final class ResidualMemoryReservoir implements Reservoir {
    /** Kind identifier in model files and on the command line. */
    public static final String KIND = "resrmn";

    /** The residual branch O. */
    public enum Residual {
        ORTHOGONAL, CYCLIC, IDENTITY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Residual parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("residual branch must be orthogonal, cyclic or identity; got '" + s + "'");
            }
        }
    }

    /**
     * Configuration.
     *
     * @param units N_h, nonlinear units (the readout's features), at least 1
     * @param memoryUnits N_m, linear memory units, at least 1
     * @param alpha weight of the residual branch, in [0, 1]
     * @param beta weight of the nonlinear branch, in (0, 1]
     * @param spectralRadius rho of W_h, >= 0
     * @param residual the residual branch O
     * @param inputScaling scale of W_x, >= 0
     * @param memoryInputScaling scale of V_x, >= 0
     * @param memoryScaling scale of W_m, >= 0
     * @param biasScaling scale of b, >= 0
     * @param seed seed of every random draw
     * @param memoryDecay gamma in (0, 1]: the memory update is {@code m(t) = gamma V_m m(t-1) + V_x x(t)}; 1 is
     *     the paper's undamped cyclic shift (exact recall of the last N_m inputs, suited to sequences no longer
     *     than the memory), below 1 keeps the memory bounded on long series (geometric forgetting)
     */
    public record Config(int units, int memoryUnits, double alpha, double beta, double spectralRadius,
            Residual residual, double inputScaling, double memoryInputScaling, double memoryScaling,
            double biasScaling, long seed, double memoryDecay) {
        public Config {
            if (!(memoryDecay > 0 && memoryDecay <= 1)) {
                throw new IllegalArgumentException("memory decay must be in (0, 1], got " + memoryDecay);
            }
            if (units < 1) {
                throw new IllegalArgumentException("units must be at least 1, got " + units);
            }
            if (memoryUnits < 1) {
                throw new IllegalArgumentException("memory units must be at least 1, got " + memoryUnits);
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
            }
            if (!(beta > 0 && beta <= 1)) {
                throw new IllegalArgumentException("beta must be in (0, 1], got " + beta);
            }
            nonNegative("spectral radius", spectralRadius);
            if (residual == null) {
                throw new IllegalArgumentException("residual branch must be set (orthogonal, cyclic or identity)");
            }
            nonNegative("input scaling", inputScaling);
            nonNegative("memory input scaling", memoryInputScaling);
            nonNegative("memory scaling", memoryScaling);
            nonNegative("bias scaling", biasScaling);
        }

        private static void nonNegative(String name, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
            }
        }

        /** JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("units", (long) units);
            m.put("memory_units", (long) memoryUnits);
            m.put("alpha", alpha);
            m.put("beta", beta);
            m.put("spectral_radius", spectralRadius);
            m.put("residual", residual.id());
            m.put("input_scaling", inputScaling);
            m.put("memory_input_scaling", memoryInputScaling);
            m.put("memory_scaling", memoryScaling);
            m.put("bias_scaling", biasScaling);
            m.put("seed", seed);
            m.put("memory_decay", memoryDecay);
            return m;
        }

        /** Inverse of {@link #toMap()} (files written before memory_decay existed read as 1). */
        public static Config fromMap(Map<String, Object> m) {
            return new Config(Json.integer(m, "units"), Json.integer(m, "memory_units"), Json.number(m, "alpha"),
                    Json.number(m, "beta"), Json.number(m, "spectral_radius"),
                    Residual.parse(Json.string(m, "residual")), Json.number(m, "input_scaling"),
                    Json.number(m, "memory_input_scaling"), Json.number(m, "memory_scaling"),
                    Json.number(m, "bias_scaling"), Json.longInteger(m, "seed"),
                    m.containsKey("memory_decay") ? Json.number(m, "memory_decay") : 1.0);
        }
    }

    /** Builder with defaults N_h=100, N_m=64, alpha=0.9, beta=0.1, rho=0.9, orthogonal O, all scalings 1, bias 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder of a {@link Config}. */
    public static final class Builder {
        private int units = 100;
        private int memoryUnits = 64;
        private double alpha = 0.9;
        private double beta = 0.1;
        private double spectralRadius = 0.9;
        private Residual residual = Residual.ORTHOGONAL;
        private double inputScaling = 1.0;
        private double memoryInputScaling = 1.0;
        private double memoryScaling = 1.0;
        private double biasScaling = 0.0;
        private long seed = 42L;
        private double memoryDecay = 1.0;

        private Builder() {
        }

        public Builder units(int v) { units = v; return this; }
        public Builder memoryUnits(int v) { memoryUnits = v; return this; }
        public Builder memoryDecay(double v) { memoryDecay = v; return this; }
        public Builder alpha(double v) { alpha = v; return this; }
        public Builder beta(double v) { beta = v; return this; }
        public Builder spectralRadius(double v) { spectralRadius = v; return this; }
        public Builder residual(Residual v) { residual = v; return this; }
        public Builder inputScaling(double v) { inputScaling = v; return this; }
        public Builder memoryInputScaling(double v) { memoryInputScaling = v; return this; }
        public Builder memoryScaling(double v) { memoryScaling = v; return this; }
        public Builder biasScaling(double v) { biasScaling = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public Config config() {
            return new Config(units, memoryUnits, alpha, beta, spectralRadius, residual, inputScaling,
                    memoryInputScaling, memoryScaling, biasScaling, seed, memoryDecay);
        }

        public ResidualMemoryReservoir build(int inputDimension) {
            return create(config(), inputDimension);
        }
    }

    private final Config config;
    private final int nh;
    private final int nm;
    private final int inputDim;
    private final double[] o;
    private final double[] wh;
    private final double[] wm;
    private final double[] wx;
    private final double[] vx;
    private final double[] bias;
    private final double radius;

    private ResidualMemoryReservoir(Config config, int inputDim, double[] o, double[] wh, double[] wm, double[] wx,
            double[] vx, double[] bias) {
        this.config = config;
        this.nh = config.units();
        this.nm = config.memoryUnits();
        this.inputDim = inputDim;
        this.o = o;
        this.wh = wh;
        this.wm = wm;
        this.wx = wx;
        this.vx = vx;
        this.bias = bias;
        double[] lin = new double[nh * nh];
        for (int i = 0; i < lin.length; i++) {
            lin[i] = config.beta() * wh[i];
        }
        for (int i = 0; i < nh; i++) {
            for (int j = 0; j < nh; j++) {
                lin[i * nh + j] += config.alpha() * residualEntry(i, j);
            }
        }
        this.radius = RandomDraws.spectralRadius(lin, nh);
    }

    /** Draws the matrices; streams for W_h, O, W_m, W_x, V_x, b are split from the seed in that order. */
    public static ResidualMemoryReservoir create(Config c, int inputDimension) {
        if (inputDimension < 1) {
            throw new IllegalArgumentException("input dimension must be at least 1, got " + inputDimension);
        }
        SplittableRandom root = new SplittableRandom(c.seed());
        SplittableRandom rH = root.split();
        SplittableRandom rO = root.split();
        SplittableRandom rM = root.split();
        SplittableRandom rX = root.split();
        SplittableRandom rV = root.split();
        SplittableRandom rB = root.split();
        int nh = c.units();
        double[] wh = uniform(nh * nh, 1.0, rH);
        double r0 = RandomDraws.spectralRadius(wh, nh);
        if (r0 > 0) {
            for (int i = 0; i < wh.length; i++) {
                wh[i] *= c.spectralRadius() / r0;
            }
        }
        double[] o = c.residual() == Residual.ORTHOGONAL ? RandomDraws.orthogonal(nh, rO) : new double[0];
        double[] wm = uniform(nh * c.memoryUnits(), c.memoryScaling(), rM);
        double[] wx = uniform(nh * inputDimension, c.inputScaling(), rX);
        double[] vx = uniform(c.memoryUnits() * inputDimension, c.memoryInputScaling(), rV);
        double[] b = uniform(nh, c.biasScaling(), rB);
        return new ResidualMemoryReservoir(c, inputDimension, o, wh, wm, wx, vx, b);
    }

    private static double[] uniform(int n, double scale, SplittableRandom rnd) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scale * (2.0 * rnd.nextDouble() - 1.0);
        }
        return out;
    }

    /** Rebuilds a reservoir from a model file (see {@link #saveArrays}). */
    static ResidualMemoryReservoir load(Map<String, Object> description, ArrayBundle a, String prefix) {
        Config c = Config.fromMap(Json.object(description, "config"));
        int d = Json.integer(description, "input_dimension");
        int nh = c.units();
        int nm = c.memoryUnits();
        double[] o = c.residual() == Residual.ORTHOGONAL ? a.doubles(prefix + "O") : new double[0];
        double[] wh = a.doubles(prefix + "W_h");
        double[] wm = a.doubles(prefix + "W_m");
        double[] wx = a.doubles(prefix + "W_x");
        double[] vx = a.doubles(prefix + "V_x");
        double[] b = a.doubles(prefix + "bias");
        if ((c.residual() == Residual.ORTHOGONAL && o.length != nh * nh) || wh.length != nh * nh
                || wm.length != nh * nm || wx.length != nh * d || vx.length != nm * d || b.length != nh) {
            throw new IllegalArgumentException("ResRMN arrays do not match units=" + nh + ", memory units=" + nm
                    + ", inputs=" + d);
        }
        return new ResidualMemoryReservoir(c, d, o, wh, wm, wx, vx, b);
    }

    /** Entry (i, j) of O. */
    private double residualEntry(int i, int j) {
        switch (config.residual()) {
            case ORTHOGONAL:
                return o[i * nh + j];
            case CYCLIC:
                return j == (i + nh - 1) % nh ? 1.0 : 0.0;
            default:
                return i == j ? 1.0 : 0.0;
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
        return nh;
    }

    public Config config() {
        return config;
    }

    /** Number of memory units N_m. */
    public int memoryDimension() {
        return nm;
    }

    /** State: values = h (N_h), memory = m (N_m), buffers: pre-activation (N_h), O h (N_h), new m (N_m). */
    @Override
    public ReservoirState newState() {
        return new ReservoirState(nh, nm, nh, nh, nm);
    }

    @Override
    public void step(ReservoirState state, double[] u, double[] feedback) {
        double[] h = state.values();
        double[] m = state.memory();
        double[] pre = state.buffer(0);
        double[] res = state.buffer(1);
        double[] mNew = state.buffer(2);
        // memory: m[t] = gamma shift(m[t-1]) + V_x u[t]
        double gamma = config.memoryDecay();
        mNew[0] = gamma * m[nm - 1];
        for (int i = 1; i < nm; i++) {
            mNew[i] = gamma * m[i - 1];
        }
        Kernels.denseMultiplyAdd(vx, nm, inputDim, u, mNew);
        System.arraycopy(mNew, 0, m, 0, nm);
        // nonlinear branch
        System.arraycopy(bias, 0, pre, 0, nh);
        Kernels.denseMultiplyAdd(wh, nh, nh, h, pre);
        Kernels.denseMultiplyAdd(wm, nh, nm, m, pre);
        Kernels.denseMultiplyAdd(wx, nh, inputDim, u, pre);
        // residual branch O h[t-1]
        switch (config.residual()) {
            case ORTHOGONAL:
                java.util.Arrays.fill(res, 0.0);
                Kernels.denseMultiplyAdd(o, nh, nh, h, res);
                break;
            case CYCLIC:
                res[0] = h[nh - 1];
                System.arraycopy(h, 0, res, 1, nh - 1);
                break;
            default:
                System.arraycopy(h, 0, res, 0, nh);
        }
        double alpha = config.alpha();
        double beta = config.beta();
        for (int i = 0; i < nh; i++) {
            h[i] = alpha * res[i] + beta * Math.tanh(pre[i]);
        }
        state.advance();
    }

    /** {@code rho(alpha O + beta W_h)}: the nonlinear module's linearization; below 1 is the stability condition. */
    @Override
    public double effectiveSpectralRadius() {
        return radius;
    }

    /** Whether {@code rho(alpha O + beta W_h) < 1}. */
    public boolean isStable() {
        return radius < 1.0;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("input_dimension", (long) inputDim);
        m.put("stability_radius", radius);
        m.put("config", config.toMap());
        return m;
    }

    @Override
    public void saveArrays(ArrayBundle out, String prefix) {
        if (config.residual() == Residual.ORTHOGONAL) {
            out.put(prefix + "O", o, nh, nh);
        }
        out.put(prefix + "W_h", wh, nh, nh);
        out.put(prefix + "W_m", wm, nh, nm);
        out.put(prefix + "W_x", wx, nh, inputDim);
        out.put(prefix + "V_x", vx, nm, inputDim);
        out.put(prefix + "bias", bias);
    }

    @Override
    public String toString() {
        return "ResidualMemoryReservoir[units=" + nh + ", memory=" + nm + ", alpha=" + config.alpha() + ", beta="
                + config.beta() + ", O=" + config.residual().id() + ", rho(alpha O + beta W_h)=" + radius + "]";
    }
}
