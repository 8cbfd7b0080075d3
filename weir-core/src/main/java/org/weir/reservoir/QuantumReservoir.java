package org.weir.reservoir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;

/**
 * Quantum reservoir from a quantum recurrent neural network with fixed random parameters (Chen 2022,
 * "Reservoir Computing via Quantum Recurrent Neural Networks", arXiv:2211.02612), simulated exactly on a
 * state vector ({@link StateVectorSimulator}). The register has {@code n = d + n_h} qubits: qubits
 * {@code 0..d-1} carry the input {@code u[t]}, qubits {@code d..n-1} the hidden state {@code h[t-1]}. Each step:
 * <pre>
 *   |psi> = |0...0>;  H on every qubit
 *   encode v = s u_j on input qubit j and v = h_k on hidden qubit d+k:  RY(arctan v), then RZ(arctan v^2)
 *   L times:  CNOT(i, i+1 mod n) for every i;  CNOT(i, i+2 mod n) for every i (when n > 2);
 *             Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi) on every qubit (fixed angles ~ U[0, 2 pi))
 *   h_k[t] = <psi| Z_{d+k} |psi>
 * </pre>
 * The readout sees {@code h[t]} (n_h values in [-1, 1]), fed back as the next hidden state. The angles are
 * drawn from the seed once and never trained.
 */
public final class QuantumReservoir implements Reservoir {
    /** Kind identifier in model files and on the command line. */
    public static final String KIND = "quantum";

    /**
     * Configuration.
     *
     * @param hiddenQubits n_h, at least 1
     * @param layers L >= 0 variational layers of the fixed random circuit
     * @param inputScaling s multiplying the input before the angle encoding, >= 0
     * @param seed seed of the rotation angles
     */
    public record Config(int hiddenQubits, int layers, double inputScaling, long seed) {
        public Config {
            if (hiddenQubits < 1) {
                throw new IllegalArgumentException("hidden qubits must be at least 1, got " + hiddenQubits);
            }
            if (layers < 0) {
                throw new IllegalArgumentException("layers must be at least 0, got " + layers);
            }
            if (!(inputScaling >= 0) || Double.isInfinite(inputScaling)) {
                throw new IllegalArgumentException("input scaling must be a finite number >= 0, got " + inputScaling);
            }
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hidden_qubits", (long) hiddenQubits);
            m.put("layers", (long) layers);
            m.put("input_scaling", inputScaling);
            m.put("seed", seed);
            return m;
        }

        public static Config fromMap(Map<String, Object> m) {
            return new Config(Json.integer(m, "hidden_qubits"), Json.integer(m, "layers"),
                    Json.number(m, "input_scaling"), Json.longInteger(m, "seed"));
        }
    }

    private final Config config;
    private final int inputDim;
    private final int qubits;
    private final double[] angles;
    private volatile double effectiveRadius = Double.NaN;

    private QuantumReservoir(Config config, int inputDim, double[] angles) {
        this.config = config;
        this.inputDim = inputDim;
        this.qubits = inputDim + config.hiddenQubits();
        this.angles = angles;
    }

    /**
     * Draws the rotation angles.
     *
     * @param inputDimension d, one qubit per input; {@code d + hiddenQubits} at most
     *     {@link StateVectorSimulator#MAX_QUBITS}
     */
    public static QuantumReservoir create(Config config, int inputDimension) {
        if (inputDimension < 1) {
            throw new IllegalArgumentException("input dimension must be at least 1, got " + inputDimension);
        }
        int n = inputDimension + config.hiddenQubits();
        if (n > StateVectorSimulator.MAX_QUBITS) {
            throw new IllegalArgumentException("inputs + hidden qubits = " + n + " exceeds the "
                    + StateVectorSimulator.MAX_QUBITS + " qubits the exact simulator allows");
        }
        SplittableRandom rnd = new SplittableRandom(config.seed());
        double[] angles = new double[config.layers() * n * 3];
        for (int i = 0; i < angles.length; i++) {
            angles[i] = 2 * Math.PI * rnd.nextDouble();
        }
        return new QuantumReservoir(config, inputDimension, angles);
    }

    static QuantumReservoir load(Map<String, Object> description, ArrayBundle arrays, String prefix) {
        Config c = Config.fromMap(Json.object(description, "config"));
        int d = Json.integer(description, "input_dimension");
        double[] angles = arrays.doubles(prefix + "angles");
        if (angles.length != c.layers() * (d + c.hiddenQubits()) * 3) {
            throw new IllegalArgumentException("quantum reservoir angles do not match layers=" + c.layers()
                    + ", qubits=" + (d + c.hiddenQubits()));
        }
        return new QuantumReservoir(c, d, angles);
    }

    public Config config() {
        return config;
    }

    /** Number of simulated qubits n = d + n_h. */
    public int qubits() {
        return qubits;
    }

    /** Copy of the rotation angles: layer l, qubit q, (phi, theta, omega) at {@code (l n + q) 3 + 0..2}. */
    public double[] angles() {
        return angles.clone();
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
        return config.hiddenQubits();
    }

    /** State: values = h; buffers: real and imaginary amplitudes (2^n each). */
    @Override
    public ReservoirState newState() {
        return new ReservoirState(config.hiddenQubits(), 0, 1 << qubits, 1 << qubits);
    }

    @Override
    public void step(ReservoirState state, double[] input, double[] feedback) {
        evolve(state.values(), input, state.buffer(0), state.buffer(1));
        state.advance();
    }

    /** One step of the circuit: h (modified) from h and u (not modified), on amplitude buffers re, im. */
    private void evolve(double[] h, double[] u, double[] re, double[] im) {
        StateVectorSimulator.reset(re, im);
        for (int q = 0; q < qubits; q++) {
            StateVectorSimulator.hadamard(re, im, q);
        }
        for (int j = 0; j < inputDim; j++) {
            encode(re, im, j, config.inputScaling() * u[j]);
        }
        int nh = config.hiddenQubits();
        for (int k = 0; k < nh; k++) {
            encode(re, im, inputDim + k, h[k]);
        }
        int n = qubits;
        for (int l = 0; l < config.layers(); l++) {
            if (n > 1) {
                for (int i = 0; i < n; i++) {
                    StateVectorSimulator.cnot(re, im, i, (i + 1) % n);
                }
            }
            if (n > 2) {
                for (int i = 0; i < n; i++) {
                    StateVectorSimulator.cnot(re, im, i, (i + 2) % n);
                }
            }
            for (int q = 0; q < n; q++) {
                int a = (l * n + q) * 3;
                StateVectorSimulator.rot(re, im, q, angles[a], angles[a + 1], angles[a + 2]);
            }
        }
        for (int k = 0; k < nh; k++) {
            h[k] = StateVectorSimulator.expectationZ(re, im, inputDim + k);
        }
    }

    private static void encode(double[] re, double[] im, int q, double v) {
        StateVectorSimulator.ry(re, im, q, Math.atan(v));
        StateVectorSimulator.rz(re, im, q, Math.atan(v * v));
    }

    /**
     * Spectral radius of the Jacobian of the hidden-state map {@code h -> h'} at {@code h = 0, u = 0}, by
     * central differences (step 1e-5): the linearization at the origin, as for the classical reservoirs.
     */
    @Override
    public double effectiveSpectralRadius() {
        double r = effectiveRadius;
        if (Double.isNaN(r)) {
            int nh = config.hiddenQubits();
            double[] re = new double[1 << qubits];
            double[] im = new double[1 << qubits];
            double[] u = new double[inputDim];
            double[][] jac = new double[nh][nh];
            double eps = 1e-5;
            for (int k = 0; k < nh; k++) {
                double[] plus = new double[nh];
                double[] minus = new double[nh];
                plus[k] = eps;
                minus[k] = -eps;
                evolve(plus, u, re, im);
                evolve(minus, u, re, im);
                for (int i = 0; i < nh; i++) {
                    jac[i][k] = (plus[i] - minus[i]) / (2 * eps);
                }
            }
            r = org.weir.linalg.SpectralRadius.ofDense(jac);
            effectiveRadius = r;
        }
        return r;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("input_dimension", (long) inputDim);
        m.put("config", config.toMap());
        return m;
    }

    @Override
    public void saveArrays(ArrayBundle out, String prefix) {
        out.put(prefix + "angles", angles);
    }

    @Override
    public String toString() {
        return "QuantumReservoir[qubits=" + qubits + ", hidden=" + config.hiddenQubits() + ", layers=" + config.layers() + "]";
    }
}
