package org.weir.data;

import java.util.Arrays;

/**
 * Mackey-Glass delay differential equation {@code dx/dt = a x(t-tau) / (1 + x(t-tau)^n) - b x(t)}
 * (M. C. Mackey and L. Glass, "Oscillation and chaos in physiological control systems", Science 197,
 * 1977), discretized exactly as ReservoirPy 0.4.2's {@code reservoirpy.datasets.mackey_glass}.
 *
 * <p>Integrator (ReservoirPy 0.4.2, {@code _mg_rk4}): a fixed-step scheme of RK4 form with step
 * {@code h} in which the delayed value {@code x(t - tau)} is held constant over the step and is read
 * from the sampled series {@code floor(tau/h)} samples back. With {@code bh = -b h}:
 * <pre>
 *   k1 = bh x + a xtau / (1 + xtau^n)
 *   k2 = 2 k1 + bh k1
 *   k3 = 2 k1 + bh k2
 *   k4 = k1 + bh k3
 *   x' = x + (k1 + k2 + k3 + k4) / 6
 * </pre>
 * For {@code h = 1} (the default and the literature's setting) this is classic RK4 on the ODE with a
 * frozen delay term except that ReservoirPy's k3 uses {@code bh k2} where RK4 would use
 * {@code bh k2 / 2}; we keep ReservoirPy's formula bit for bit so the benchmark series is the same
 * one every ReservoirPy paper uses. The initial history (the {@code floor(tau/h)} samples before
 * {@code t = 0}) is {@code x0 + 0.2 (U - 0.5)} with {@code U} drawn from
 * {@code numpy.random.default_rng(seed).random}, reproduced by {@link NumpyPcg64}; ReservoirPy's
 * default seed is {@value #RESERVOIRPY_DEFAULT_SEED}. The series starts with {@code x[0] = x0}.
 *
 * <p>Parity with the peer file {@code mackey_glass.csv} (ReservoirPy 0.4.2, 10 000 rows): the seeded
 * history is bit-identical; one integration step from the peer's own values reproduces the peer's next
 * value exactly in 9 981 of 9 982 steps and within 1 ulp in the other; the full run from the seeded
 * history is bit-identical for the first 4 272 steps and within 1e-14 for the first 5 000. The only
 * source of difference is {@code xtau^n}: ReservoirPy gets it from glibc's {@code pow} (not always
 * correctly rounded), Weir from {@link Math#pow}; the series is chaotic, so the one-ulp difference at
 * step 4 272 grows to about 6e-4 by step 10 000. Use the peer file itself where bit-exact data matter.
 *
 * @param tau delay, {@code > 0} (0 disables the delay term as in ReservoirPy: {@code xtau = 0})
 * @param a production rate, finite
 * @param b decay rate, finite
 * @param n nonlinearity exponent, finite
 * @param x0 initial value, finite
 * @param h integration step and sampling interval, finite and {@code > 0}
 * @param seed seed of the random initial history (NumPy {@code default_rng}), {@code >= 0}
 */
public record MackeyGlass(double tau, double a, double b, double n, double x0, double h, long seed) {

    /** ReservoirPy's hard-coded default dataset seed ({@code reservoirpy.datasets._seed}). */
    public static final long RESERVOIRPY_DEFAULT_SEED = 5555;

    /** Validates every parameter. */
    public MackeyGlass {
        requireFinite("tau", tau);
        if (tau < 0) {
            throw new IllegalArgumentException("tau must be >= 0, got " + tau);
        }
        requireFinite("a", a);
        requireFinite("b", b);
        requireFinite("n", n);
        requireFinite("x0", x0);
        requireFinite("h", h);
        if (h <= 0) {
            throw new IllegalArgumentException("h (step) must be > 0, got " + h);
        }
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        }
    }

    /** The standard chaotic setting: tau 17, a 0.2, b 0.1, n 10, x0 1.2, h 1.0, seed 5555 (ReservoirPy's defaults). */
    public MackeyGlass() {
        this(17, 0.2, 0.1, 10, 1.2, 1.0, RESERVOIRPY_DEFAULT_SEED);
    }

    /** The standard chaotic setting: tau 17, a 0.2, b 0.1, n 10, x0 1.2, h 1.0, seed 5555. */
    public static MackeyGlass standard() {
        return new MackeyGlass(17, 0.2, 0.1, 10, 1.2, 1.0, RESERVOIRPY_DEFAULT_SEED);
    }

    /** This configuration with another delay. */
    public MackeyGlass withTau(double newTau) {
        return new MackeyGlass(newTau, a, b, n, x0, h, seed);
    }

    /** This configuration with another history seed. */
    public MackeyGlass withSeed(long newSeed) {
        return new MackeyGlass(tau, a, b, n, x0, h, newSeed);
    }

    /** This configuration with another step. */
    public MackeyGlass withStep(double newH) {
        return new MackeyGlass(tau, a, b, n, x0, newH, seed);
    }

    /** Number of history samples, {@code floor(tau / h)}. */
    public int historyLength() {
        return (int) Math.floor(tau / h);
    }

    /** The random initial history ReservoirPy draws for this seed: {@code x0 + 0.2 (U[0,1) - 0.5)}. */
    public double[] randomHistory() {
        int len = historyLength();
        NumpyPcg64 rng = NumpyPcg64.defaultRng(seed);
        double[] hist = new double[len];
        for (int i = 0; i < len; i++) {
            hist[i] = x0 + 0.2 * (rng.nextDouble() - 0.5);
        }
        return hist;
    }

    /**
     * Generates {@code steps} samples {@code x[0..steps)} with {@code x[0] = x0} and the seeded random history.
     *
     * @param steps number of samples, {@code >= 0}
     * @return a new array of length {@code steps}
     */
    public double[] generate(int steps) {
        return generate(steps, randomHistory());
    }

    /**
     * Generates {@code steps} samples from a given history (the most recent {@link #historyLength()}
     * values of {@code history} are used, oldest first), as ReservoirPy's {@code history=} argument.
     *
     * @param steps number of samples, {@code >= 0}
     * @param history past values (not modified), length at least {@link #historyLength()}, finite
     * @return a new array of length {@code steps}
     */
    public double[] generate(int steps, double[] history) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        int len = historyLength();
        if (history.length < len) {
            throw new IllegalArgumentException("history has length " + history.length
                    + " < floor(tau/h) = " + len + " (tau=" + tau + ", h=" + h + ")");
        }
        for (int i = 0; i < history.length; i++) {
            requireFinite("history[" + i + "]", history[i]);
        }
        double[] buf = new double[len + steps];
        System.arraycopy(history, history.length - len, buf, 0, len);
        double bh = -b * h;
        double xt = x0;
        for (int i = len; i < len + steps; i++) {
            buf[i] = xt;
            double xtau = tau > 0 ? buf[i - len] : 0.0;
            double k1 = bh * xt + a * xtau / (1 + Math.pow(xtau, n));
            double k2 = 2 * k1 + bh * k1;
            double k3 = 2 * k1 + bh * k2;
            double k4 = k1 + bh * k3;
            xt = xt + (k1 + k2 + k3 + k4) / 6;
        }
        return Arrays.copyOfRange(buf, len, len + steps);
    }

    /**
     * Generates {@code steps} samples as a {@link TimeSeries} with columns {@code x} and {@code x_norm}
     * (see {@link #normalize(double[])}).
     */
    public TimeSeries generateSeries(int steps) {
        double[] x = generate(steps);
        return TimeSeries.fromColumns("mackey-glass", java.util.List.of("x", "x_norm"),
                java.util.List.of(x, normalize(x)));
    }

    /**
     * Min-max scaling to [-1, 1] over the whole array: {@code 2 (x - min) / (max - min) - 1}, as the
     * peer file's {@code x_norm} column. A constant array maps to all zeros.
     *
     * @param x values (not modified), finite
     * @return a new array
     */
    public static double[] normalize(double[] x) {
        if (x.length == 0) {
            return new double[0];
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            requireFinite("x", v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] out = new double[x.length];
        double range = max - min;
        if (range == 0) {
            return out;
        }
        for (int i = 0; i < x.length; i++) {
            out[i] = 2 * (x[i] - min) / range - 1;
        }
        return out;
    }

    /** Same as {@link #normalize(double[])}: the peer file's {@code x_norm = 2 (x - min) / (max - min) - 1}. */
    public static double[] xNorm(double[] x) {
        return normalize(x);
    }

    static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }
}
