package org.weir.reservoir;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;
import org.weir.linalg.Activation;
import org.weir.linalg.CsrMatrix;
import org.weir.linalg.Kernels;
import org.weir.linalg.SpectralRadius;

/**
 * Echo state reservoir with intrinsic plasticity (IP): every neuron has a gain {@code a_i} and a bias
 * {@code b_i} inside its activation,
 * <pre>  z[t] = W x[t-1] + W_in u[t] + c,   x[t] = (1 - lr) x[t-1] + lr f(a * z[t] + b)</pre>
 * and an adaptation phase ({@link #adapt}) moves a and b by stochastic gradient steps on the KL divergence
 * between each neuron's output distribution and a target distribution (as ReservoirPy's {@code IPReservoir}):
 * <ul>
 * <li>tanh neurons, Gaussian target N(mu, sigma^2) (Schrauwen, Wardermann, Verstraeten, Steil and
 * Stroobandt 2008, "Improving reservoirs using intrinsic plasticity"):
 * {@code db = -eta (-mu/sigma^2 + y/sigma^2 (2 sigma^2 + 1 - y^2 + mu y))};</li>
 * <li>sigmoid neurons, exponential target with mean mu (Triesch 2005, "A gradient rule for the plasticity
 * of a neuron's intrinsic excitability"): {@code db = eta (1 - (2 + 1/mu) y + y^2/mu)};</li>
 * </ul>
 * and in both cases {@code da = eta / a + db z}. W, W_in and c are drawn as for an {@link EchoStateReservoir}
 * from an {@link EchoStateConfig} (its activation setting is replaced by the target's). Before adaptation
 * a = 1 and b = 0, which is the plain ESN. Immutable: adaptation returns a new reservoir.
 */
public final class IntrinsicPlasticityReservoir implements Reservoir {
    /** Kind identifier in model files and on the command line. */
    public static final String KIND = "ip";

    /** Target output distribution, which also fixes the activation. */
    public enum Target {
        /** tanh neurons, Gaussian target N(mu, sigma^2). */
        GAUSSIAN,
        /** sigmoid neurons, exponential target with mean mu (on [0, inf), truncated by the sigmoid to (0, 1)). */
        EXPONENTIAL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Target parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("IP target must be gaussian or exponential; got '" + s + "'");
            }
        }
    }

    /**
     * IP settings.
     *
     * @param target the target distribution (and activation)
     * @param mu target mean: any finite value for GAUSSIAN (within (-1, 1) to be reachable), in (0, 1) for EXPONENTIAL
     * @param sigma target standard deviation for GAUSSIAN, > 0 (ignored for EXPONENTIAL)
     * @param learningRate eta > 0
     */
    public record Plasticity(Target target, double mu, double sigma, double learningRate) {
        public Plasticity {
            if (target == null) {
                throw new IllegalArgumentException("IP target must be set (gaussian or exponential)");
            }
            if (!Double.isFinite(mu) || (target == Target.EXPONENTIAL && !(mu > 0 && mu < 1))) {
                throw new IllegalArgumentException("IP target mean mu must be finite"
                        + (target == Target.EXPONENTIAL ? " and in (0, 1) for the exponential target" : "") + ", got " + mu);
            }
            if (!(sigma > 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("IP target sigma must be a finite number > 0, got " + sigma);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("IP learning rate must be a finite number > 0, got " + learningRate);
            }
        }

        /** Gaussian target for tanh neurons. */
        public static Plasticity gaussian(double mu, double sigma, double learningRate) {
            return new Plasticity(Target.GAUSSIAN, mu, sigma, learningRate);
        }

        /** Exponential target with mean mu for sigmoid neurons. */
        public static Plasticity exponential(double mu, double learningRate) {
            return new Plasticity(Target.EXPONENTIAL, mu, 1.0, learningRate);
        }

        /** JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", target.id());
            m.put("mu", mu);
            m.put("sigma", sigma);
            m.put("learning_rate", learningRate);
            return m;
        }

        public static Plasticity fromMap(Map<String, Object> m) {
            return new Plasticity(Target.parse(Json.string(m, "target")), Json.number(m, "mu"), Json.number(m, "sigma"),
                    Json.number(m, "learning_rate"));
        }
    }

    private final EchoStateReservoir network;
    private final Plasticity plasticity;
    private final int units;
    private final int inputDim;
    private final CsrMatrix w;
    private final double[] win;
    private final double[] bias;
    private final double leak;
    private final double[] gain;
    private final double[] shift;
    private final long adaptedSteps;
    private volatile double effectiveRadius = Double.NaN;

    private IntrinsicPlasticityReservoir(EchoStateReservoir network, Plasticity plasticity, double[] gain,
            double[] shift, long adaptedSteps) {
        if (network.feedbackDimension() != 0) {
            throw new IllegalArgumentException("the IP reservoir takes no output feedback");
        }
        this.network = network;
        this.plasticity = plasticity;
        this.units = network.stateDimension();
        this.inputDim = network.inputDimension();
        this.w = network.recurrentMatrix();
        this.win = network.inputMatrix();
        this.bias = network.bias();
        this.leak = network.config().leakRate();
        this.gain = gain;
        this.shift = shift;
        this.adaptedSteps = adaptedSteps;
    }

    /** A not yet adapted IP reservoir (gains 1, biases 0) on the network drawn from {@code config}. */
    public static IntrinsicPlasticityReservoir create(EchoStateConfig config, Plasticity plasticity, int inputDimension) {
        EchoStateReservoir net = EchoStateReservoir.create(config, inputDimension, 0);
        double[] a = new double[config.units()];
        java.util.Arrays.fill(a, 1.0);
        return new IntrinsicPlasticityReservoir(net, plasticity, a, new double[config.units()], 0L);
    }

    static IntrinsicPlasticityReservoir load(Map<String, Object> description, ArrayBundle arrays, String prefix) {
        EchoStateReservoir net = EchoStateReservoir.load(Json.object(description, "network"), arrays, prefix + "network/");
        Plasticity p = Plasticity.fromMap(Json.object(description, "plasticity"));
        double[] a = arrays.doubles(prefix + "gain");
        double[] b = arrays.doubles(prefix + "ip_bias");
        if (a.length != net.stateDimension() || b.length != net.stateDimension()) {
            throw new IllegalArgumentException("IP gain and bias must have " + net.stateDimension() + " values");
        }
        return new IntrinsicPlasticityReservoir(net, p, a, b, Json.longInteger(description, "adapted_steps"));
    }

    /**
     * The adaptation phase: runs {@code inputs} from a zero state {@code epochs} times, applying the IP rule
     * to every neuron after every step, and returns the adapted reservoir (this one is unchanged).
     */
    public IntrinsicPlasticityReservoir adapt(double[][] inputs, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        double[] a = gain.clone();
        double[] b = shift.clone();
        double[] x = new double[units];
        double[] z = new double[units];
        double eta = plasticity.learningRate();
        double mu = plasticity.mu();
        double s2 = plasticity.sigma() * plasticity.sigma();
        boolean gaussian = plasticity.target() == Target.GAUSSIAN;
        long steps = 0;
        for (int e = 0; e < epochs; e++) {
            java.util.Arrays.fill(x, 0.0);
            for (double[] u : inputs) {
                if (u.length != inputDim) {
                    throw new IllegalArgumentException("input rows must have " + inputDim + " values, got " + u.length);
                }
                netInput(x, u, z);
                for (int i = 0; i < units; i++) {
                    double y = activate(a[i] * z[i] + b[i]);
                    double db = gaussian
                            ? -eta * (-mu / s2 + y / s2 * (2 * s2 + 1 - y * y + mu * y))
                            : eta * (1 - (2 + 1 / mu) * y + y * y / mu);
                    a[i] += eta / a[i] + db * z[i];
                    b[i] += db;
                    x[i] = (1 - leak) * x[i] + leak * y;
                }
                steps++;
            }
        }
        return new IntrinsicPlasticityReservoir(network, plasticity, a, b, adaptedSteps + steps);
    }

    /** {@code z = W x + W_in u + c}. */
    private void netInput(double[] x, double[] u, double[] z) {
        network.multiplyRecurrent(x, z); // the ESN's sliced-ELL kernel (and its FLOAT32 layout when chosen)
        for (int i = 0; i < units; i++) {
            z[i] += bias[i];
        }
        Kernels.denseMultiplyAdd(win, units, inputDim, u, z);
    }

    private double activate(double v) {
        return activation().apply(v);
    }

    /** tanh for the Gaussian target, the logistic sigmoid for the exponential one. */
    private Activation activation() {
        return plasticity.target() == Target.GAUSSIAN ? Activation.TANH : Activation.SIGMOID;
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

    public Plasticity plasticity() {
        return plasticity;
    }

    /** The underlying network (W, W_in, c). */
    public EchoStateReservoir network() {
        return network;
    }

    /** Copy of the gains a. */
    public double[] gains() {
        return gain.clone();
    }

    /** Copy of the IP biases b. */
    public double[] biases() {
        return shift.clone();
    }

    /** Steps of adaptation this reservoir went through (0 when not adapted). */
    public long adaptedSteps() {
        return adaptedSteps;
    }

    @Override
    public ReservoirState newState() {
        return new ReservoirState(units, 0, units);
    }

    @Override
    public void step(ReservoirState state, double[] input, double[] feedback) {
        double[] x = state.values();
        double[] z = state.scratch();
        netInput(x, input, z);
        for (int i = 0; i < units; i++) {
            z[i] = gain[i] * z[i] + shift[i];
        }
        activation().applyInPlace(z, 0, units); // the shared (vectorized) activation kernel
        for (int i = 0; i < units; i++) {
            x[i] = (1 - leak) * x[i] + leak * z[i];
        }
        state.advance();
    }

    /**
     * {@code rho((1 - lr) I + lr f'(b) diag(a) W)}: the linearization at the origin (x = 0, u = 0, c = 0),
     * with {@code f'(b) = 1 - tanh(b)^2} or {@code s(b)(1 - s(b))} for the sigmoid.
     */
    @Override
    public double effectiveSpectralRadius() {
        double r = effectiveRadius;
        if (Double.isNaN(r)) {
            int[] rp = w.rowPtr();
            int[] ci = w.colIdx();
            double[] v = w.values();
            int[] rr = new int[v.length + units];
            int[] cc = new int[v.length + units];
            double[] vv = new double[v.length + units];
            int p = 0;
            for (int i = 0; i < units; i++) {
                double slope;
                if (plasticity.target() == Target.GAUSSIAN) {
                    double t = Math.tanh(shift[i]);
                    slope = 1 - t * t;
                } else {
                    double s = 1.0 / (1.0 + Math.exp(-shift[i]));
                    slope = s * (1 - s);
                }
                for (int q = rp[i]; q < rp[i + 1]; q++) {
                    rr[p] = i;
                    cc[p] = ci[q];
                    vv[p++] = leak * slope * gain[i] * v[q];
                }
                rr[p] = i;
                cc[p] = i;
                vv[p++] = 1 - leak;
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
        m.put("adapted_steps", adaptedSteps);
        m.put("plasticity", plasticity.toMap());
        m.put("network", network.describe());
        return m;
    }

    @Override
    public void saveArrays(ArrayBundle out, String prefix) {
        network.saveArrays(out, prefix + "network/");
        out.put(prefix + "gain", gain);
        out.put(prefix + "ip_bias", shift);
    }

    @Override
    public String toString() {
        return "IntrinsicPlasticityReservoir[units=" + units + ", target=" + plasticity.target().id() + ", adaptedSteps="
                + adaptedSteps + "]";
    }
}
