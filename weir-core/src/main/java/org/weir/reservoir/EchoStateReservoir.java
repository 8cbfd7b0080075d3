package org.weir.reservoir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;
import org.weir.linalg.Activation;
import org.weir.linalg.CsrMatrix;
import org.weir.linalg.EllMatrix;
import org.weir.linalg.Kernels;
import org.weir.linalg.Precision;
import org.weir.linalg.SpectralRadius;
import org.weir.reservoir.init.RecurrentMatrices;

/**
 * Leaky-integrator echo state reservoir (Jaeger 2001; Jaeger, Lukosevicius, Popovici and Siewert 2007,
 * "Optimization and applications of echo state networks with leaky-integrator neurons"):
 * <pre>  x[t] = (1 - a) x[t-1] + a f(W x[t-1] + W_in u[t] + b + W_fb y[t-1])</pre>
 * with W sparse (N x N), W_in dense (N x d), b (N), optional W_fb (N x k). Immutable; one instance can
 * drive any number of {@link ReservoirState}s. {@link #step} allocates nothing.
 */
public final class EchoStateReservoir implements Reservoir {
    /** Kind identifier in model files. */
    public static final String KIND = "esn";

    private final EchoStateConfig config;
    private final int units;
    private final int inputDim;
    private final int feedbackDim;
    private final CsrMatrix w;
    private final EllMatrix wEll;
    private final double[] win;
    private final double[] bias;
    private final double[] wfb;
    private final double leak;
    private final Activation activation;
    private final double spectralRadiusOfW;
    private volatile double effectiveRadius = Double.NaN;
    private volatile FloatStateBatch.FloatWeights floatWeights;

    private EchoStateReservoir(EchoStateConfig config, int inputDim, int feedbackDim, CsrMatrix w, double[] win,
            double[] bias, double[] wfb, double spectralRadiusOfW) {
        this.config = config;
        this.units = config.units();
        this.inputDim = inputDim;
        this.feedbackDim = feedbackDim;
        // FLOAT32: the weights are rounded once here, so saving, loading and every product see the same matrix
        this.w = config.precision() == Precision.FLOAT32 ? w.roundedToFloat() : w;
        this.wEll = EllMatrix.of(this.w, config.precision());
        this.win = win;
        this.bias = bias;
        this.wfb = wfb;
        this.leak = config.leakRate();
        this.activation = config.activation();
        this.spectralRadiusOfW = spectralRadiusOfW;
    }

    /** A builder of the configuration; finish with {@code build(inputDimension)}. */
    public static EchoStateConfig.Builder builder() {
        return EchoStateConfig.builder();
    }

    /**
     * Draws the weights described by {@code config} for the given input and feedback dimensions. The
     * seed is split into independent streams for W, W_in, b and W_fb, so changing the input dimension does
     * not change W.
     */
    public static EchoStateReservoir create(EchoStateConfig config, int inputDimension, int feedbackDimension) {
        if (inputDimension < 1) {
            throw new IllegalArgumentException("input dimension must be at least 1, got " + inputDimension);
        }
        if (feedbackDimension < 0) {
            throw new IllegalArgumentException("feedback dimension must be at least 0, got " + feedbackDimension);
        }
        double[] scaling = config.inputScaling();
        if (scaling.length != 1 && scaling.length != inputDimension) {
            throw new IllegalArgumentException("input scaling has " + scaling.length + " values but the input has "
                    + inputDimension + " dimensions (give one value, or one per input)");
        }
        double[] perInput = new double[inputDimension];
        for (int j = 0; j < inputDimension; j++) {
            perInput[j] = config.inputScaling(j);
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom rW = root.split();
        SplittableRandom rIn = root.split();
        SplittableRandom rB = root.split();
        SplittableRandom rFb = root.split();
        int n = config.units();
        double sr = config.spectralRadius();
        CsrMatrix w;
        double rho;
        switch (config.topology()) {
            case RING:
                w = RecurrentMatrices.ring(n, sr);
                rho = sr;
                break;
            case DELAY_LINE:
                w = RecurrentMatrices.delayLine(n, sr);
                rho = 0.0;
                break;
            case ORTHOGONAL:
                w = RecurrentMatrices.orthogonal(n, sr, rW);
                rho = sr;
                break;
            case CYCLE_JUMPS: {
                CsrMatrix raw = RecurrentMatrices.cycleWithJumps(n, config.jumpSize(), 1.0, 0.5);
                double r0 = SpectralRadius.of(raw);
                w = r0 > 0 ? raw.scale(sr / r0) : raw;
                rho = r0 > 0 ? sr : 0.0;
                break;
            }
            default: {
                CsrMatrix raw;
                boolean blocks = config.topology() == Topology.BLOCK_RANDOM;
                // block-random draws a fixed in-degree: the given one, else round(p N)
                int blockInDegree = config.inDegree() > 0 ? config.inDegree()
                        : (int) Math.max(1, Math.min(n, Math.round(config.connectivity() * n)));
                if (blocks) {
                    raw = RecurrentMatrices.blockRandom(n, blockInDegree, config.weights(), rW);
                } else {
                    raw = config.inDegree() > 0
                            ? RecurrentMatrices.fixedInDegree(n, config.inDegree(), config.weights(), rW)
                            : RecurrentMatrices.randomSparse(n, n, config.connectivity(), config.weights(), rW);
                }
                double r0;
                if (config.scaling() == SpectralScaling.CIRCULAR_LAW) {
                    double perRow = blocks || config.inDegree() > 0 ? blockInDegree : config.connectivity() * n;
                    r0 = Math.sqrt(config.weights().variance() * perRow);
                } else {
                    r0 = SpectralRadius.of(raw);
                }
                if (r0 > 0) {
                    w = raw.scale(sr / r0);
                    rho = config.scaling() == SpectralScaling.CIRCULAR_LAW ? Double.NaN : sr;
                } else {
                    w = raw;
                    rho = 0.0;
                }
            }
        }
        double[] win = RecurrentMatrices.denseInput(n, inputDimension, config.inputConnectivity(),
                config.inputWeights(), perInput, rIn);
        double[] bias = new double[n];
        if (config.biasScaling() > 0) {
            bias = RecurrentMatrices.denseInput(n, 1, config.inputConnectivity(), config.inputWeights(),
                    new double[] {config.biasScaling()}, rB);
        }
        double[] wfb = new double[0];
        if (feedbackDimension > 0) {
            double[] fs = new double[feedbackDimension];
            java.util.Arrays.fill(fs, config.feedbackScaling());
            wfb = RecurrentMatrices.denseInput(n, feedbackDimension, config.inputConnectivity(),
                    config.inputWeights(), fs, rFb);
        }
        return new EchoStateReservoir(config, inputDimension, feedbackDimension, w, win, bias, wfb, rho);
    }

    /**
     * A reservoir from given matrices (e.g. to reproduce another library's reservoir exactly).
     *
     * @param w recurrent matrix, N x N, used as given (no rescaling)
     * @param win input matrix, N rows of d values (copied)
     * @param bias bias of length N (copied)
     * @param leakRate leak rate in (0, 1]
     * @param activation neuron activation
     */
    public static EchoStateReservoir fromMatrices(CsrMatrix w, double[][] win, double[] bias, double leakRate,
            Activation activation) {
        int n = w.rows();
        if (w.cols() != n) {
            throw new IllegalArgumentException("recurrent matrix must be square, got " + n + "x" + w.cols());
        }
        if (win.length != n || bias.length != n) {
            throw new IllegalArgumentException("input matrix has " + win.length + " rows and bias " + bias.length
                    + " values; both must equal units=" + n);
        }
        int d = win[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (win[i].length != d) {
                throw new IllegalArgumentException("input matrix is ragged at row " + i);
            }
            System.arraycopy(win[i], 0, flat, i * d, d);
        }
        EchoStateConfig cfg = EchoStateConfig.builder().units(n).leakRate(leakRate).activation(activation)
                .spectralRadius(0).config();
        return new EchoStateReservoir(cfg, d, 0, w, flat, bias.clone(), new double[0], Double.NaN);
    }

    /** Rebuilds a reservoir from a model file's configuration and arrays (see {@link #saveArrays}). */
    public static EchoStateReservoir load(Map<String, Object> description, ArrayBundle arrays, String prefix) {
        EchoStateConfig cfg = EchoStateConfig.fromMap(Json.object(description, "config"));
        int d = Json.integer(description, "input_dimension");
        int f = Json.integer(description, "feedback_dimension");
        int n = cfg.units();
        CsrMatrix w = CsrMatrix.fromCsr(n, n, arrays.ints(prefix + "W_row_ptr"), arrays.ints(prefix + "W_col_idx"),
                arrays.doubles(prefix + "W_values"));
        double[] win = arrays.doubles(prefix + "W_in");
        double[] bias = arrays.doubles(prefix + "bias");
        double[] wfb = f > 0 ? arrays.doubles(prefix + "W_fb") : new double[0];
        if (win.length != n * d || bias.length != n || wfb.length != n * f) {
            throw new IllegalArgumentException("reservoir arrays do not match units=" + n + ", inputs=" + d);
        }
        double rho = description.get("spectral_radius_of_w") instanceof Number num ? num.doubleValue() : Double.NaN;
        return new EchoStateReservoir(cfg, d, f, w, win, bias, wfb, rho);
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

    @Override
    public int feedbackDimension() {
        return feedbackDim;
    }

    /** The configuration this reservoir was drawn from. */
    public EchoStateConfig config() {
        return config;
    }

    /** The recurrent matrix W (immutable). */
    public CsrMatrix recurrentMatrix() {
        return w;
    }

    /** Copy of W_in, N x d row-major. */
    public double[] inputMatrix() {
        return win.clone();
    }

    /** Copy of the bias b. */
    public double[] bias() {
        return bias.clone();
    }

    /**
     * Spectral radius of W as built (the requested one, exact to the eigen-solver's tolerance), or NaN
     * when W was scaled by the circular law or given from outside (then compute it with
     * {@link SpectralRadius#of}).
     */
    public double spectralRadius() {
        return spectralRadiusOfW;
    }

    @Override
    public ReservoirState newState() {
        return new ReservoirState(units, 0, units);
    }

    @Override
    public void step(ReservoirState state, double[] input, double[] feedback) {
        update(state.values(), input, feedback, state.scratch());
        state.advance();
    }

    /**
     * The update on raw arrays: {@code x <- (1-a) x + a f(W x + W_in u + b + W_fb y)}.
     *
     * @param x state of length N (modified)
     * @param u input of length d (not modified)
     * @param y feedback of length k, or null when k = 0 (not modified)
     * @param pre scratch of length N (modified)
     */
    void update(double[] x, double[] u, double[] y, double[] pre) {
        updateSlices(x, u, y, pre, x, 0, wEll.slices());
    }

    /**
     * The update for the rows of slices {@code [s0, s1)} ({@link EllMatrix#C} rows each): {@code pre} and
     * {@code out} receive those rows of {@code W x + W_in u + b + W_fb y} (activated) and of the new state;
     * {@code out} may be {@code x} (in place, when one thread does every row). Threads owning disjoint slice
     * ranges may run it concurrently with an {@code out} distinct from x (as {@link ParallelStepper} does, into a
     * second buffer); every row's arithmetic is the same whatever the range.
     */
    void updateSlices(double[] x, double[] u, double[] y, double[] pre, double[] out, int s0, int s1) {
        preactivateSlices(x, u, y, pre, s0, s1);
        leakSlices(x, pre, out, s0, s1);
    }

    /**
     * First half of {@link #updateSlices}: {@code pre} receives the rows of slices {@code [s0, s1)} of
     * {@code f(W x + W_in u + b + W_fb y)}; reads all of x, writes only those rows of pre.
     */
    private void preactivateSlices(double[] x, double[] u, double[] y, double[] pre, int s0, int s1) {
        int r0 = s0 * EllMatrix.C;
        int r1 = Math.min(units, s1 * EllMatrix.C);
        wEll.multiplySlices(x, pre, s0, s1); // sliced ELL: the fastest single-vector product measured
        if (inputDim == 1) {
            double u0 = u[0];
            for (int i = r0; i < r1; i++) {
                pre[i] += win[i] * u0 + bias[i];
            }
        } else {
            for (int i = r0; i < r1; i++) {
                pre[i] += bias[i];
            }
            for (int i = r0; i < r1; i++) {
                pre[i] += Kernels.dot(win, i * inputDim, u, 0, inputDim); // as Kernels.denseMultiplyAdd
            }
        }
        if (feedbackDim > 0) {
            for (int i = r0; i < r1; i++) {
                pre[i] += Kernels.dot(wfb, i * feedbackDim, y, 0, feedbackDim);
            }
        }
        activation.applyInPlace(pre, r0, r1);
    }

    /**
     * Second half of {@link #updateSlices}: {@code out[i] = (1-a) x[i] + a pre[i]} for the rows of slices
     * {@code [s0, s1)}; reads only those rows of x and pre.
     */
    private void leakSlices(double[] x, double[] pre, double[] out, int s0, int s1) {
        int r0 = s0 * EllMatrix.C;
        int r1 = Math.min(units, s1 * EllMatrix.C);
        if (leak == 1.0) {
            System.arraycopy(pre, r0, out, r0, r1 - r0);
        } else {
            double keep = 1.0 - leak;
            for (int i = r0; i < r1; i++) {
                out[i] = keep * x[i] + leak * pre[i];
            }
        }
    }


    /** The sliced-ELL form of W that {@link #step} multiplies with (for batched stepping). */
    EllMatrix recurrentKernel() {
        return wEll;
    }

    /** One sequence of this reservoir stepped by several threads ({@link ParallelStepper}); close it after use. */
    public ParallelStepper parallelStepper(int threads) {
        return new ParallelStepper(this, threads);
    }

    /** B sequences of this reservoir advancing together ({@link EchoStateBatch}). */
    public EchoStateBatch newBatch(int lanes) {
        return new EchoStateBatch(this, lanes);
    }

    /**
     * B sequences of this reservoir advancing together with states in the given precision: {@link #newBatch} for
     * {@link Precision#FLOAT64}, {@link #newFloatBatch} for {@link Precision#FLOAT32}.
     */
    public LaneBatch newBatch(int lanes, Precision states) {
        if (states == null) {
            throw new IllegalArgumentException("state precision must be given (float64 or float32)");
        }
        return states == Precision.FLOAT32 ? newFloatBatch(lanes) : newBatch(lanes);
    }

    /**
     * B sequences of this reservoir advancing together in single precision ({@link FloatStateBatch}): about twice
     * the throughput of {@link #newBatch}, states equal to rounding. The float weights are built once and shared
     * by every float batch of this reservoir.
     */
    public FloatStateBatch newFloatBatch(int lanes) {
        FloatStateBatch.FloatWeights fw = floatWeights;
        if (fw == null) {
            synchronized (this) {
                fw = floatWeights;
                if (fw == null) {
                    fw = new FloatStateBatch.FloatWeights(w, win, bias);
                    floatWeights = fw;
                }
            }
        }
        return new FloatStateBatch(this, fw, lanes);
    }

    /** {@code y = W x} with this reservoir's product kernel (for reservoirs built on this one). */
    void multiplyRecurrent(double[] x, double[] y) {
        wEll.multiply(x, y);
    }

    @Override
    public double effectiveSpectralRadius() {
        double r = effectiveRadius;
        if (Double.isNaN(r)) {
            r = computeEffectiveRadius();
            effectiveRadius = r;
        }
        return r;
    }

    private double computeEffectiveRadius() {
        int n = units;
        int[] rp = w.rowPtr();
        int[] ci = w.colIdx();
        double[] v = w.values();
        int[] r = new int[v.length + n];
        int[] c = new int[v.length + n];
        double[] val = new double[v.length + n];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int q = rp[i]; q < rp[i + 1]; q++) {
                r[p] = i;
                c[p] = ci[q];
                val[p] = leak * v[q];
                p++;
            }
            r[p] = i;
            c[p] = i;
            val[p] = 1.0 - leak;
            p++;
        }
        return SpectralRadius.of(CsrMatrix.fromTriplets(n, n, r, c, val));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("input_dimension", (long) inputDim);
        m.put("feedback_dimension", (long) feedbackDim);
        m.put("spectral_radius_of_w", spectralRadiusOfW);
        m.put("config", config.toMap());
        return m;
    }

    @Override
    public void saveArrays(ArrayBundle out, String prefix) {
        out.putInts(prefix + "W_row_ptr", w.rowPtr());
        out.putInts(prefix + "W_col_idx", w.colIdx());
        out.put(prefix + "W_values", w.values());
        out.put(prefix + "W_in", win, units, inputDim);
        out.put(prefix + "bias", bias);
        if (feedbackDim > 0) {
            out.put(prefix + "W_fb", wfb, units, feedbackDim);
        }
    }

    @Override
    public String toString() {
        return "EchoStateReservoir[units=" + units + ", inputs=" + inputDim + ", sr=" + config.spectralRadius()
                + ", leak=" + leak + "]";
    }
}
