package org.weir.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weir.data.Standardizer;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;
import org.weir.io.ModelFile;
import org.weir.readout.LinearReadout;
import org.weir.reservoir.Reservoir;
import org.weir.reservoir.ReservoirState;
import org.weir.reservoir.Reservoirs;

/**
 * A trained reservoir forecaster: reservoir, linear readout, the input/target standardization and the
 * reservoir state at the end of training. Immutable and thread-safe; every run happens in a
 * {@link Session} that owns its own state. Forecasting "continues" from the training state, as in the usual
 * protocol where the test segment directly follows the training segment.
 */
public final class ForecastModel {
    /** Kind identifier in model files. */
    public static final String KIND = "forecaster";

    private final Reservoir reservoir;
    private final Map<String, Object> readoutConfig;
    private final LinearReadout readout;
    private final Standardizer inputScale;
    private final Standardizer targetScale;
    private final int warmup;
    private final boolean standardized;
    private final ReservoirState endState;
    private final double[] lastTarget;
    private final Map<String, Object> metadata;

    ForecastModel(Reservoir reservoir, Map<String, Object> readoutConfig, LinearReadout readout,
            Standardizer inputScale, Standardizer targetScale, int warmup, boolean standardized,
            ReservoirState endState, double[] lastTarget, Map<String, Object> metadata) {
        this.reservoir = reservoir;
        this.readoutConfig = Map.copyOf(readoutConfig);
        this.readout = readout;
        this.inputScale = inputScale;
        this.targetScale = targetScale;
        this.warmup = warmup;
        this.standardized = standardized;
        this.endState = endState;
        this.lastTarget = lastTarget.clone();
        this.metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public Reservoir reservoir() {
        return reservoir;
    }

    public LinearReadout readout() {
        return readout;
    }

    public Standardizer inputScale() {
        return inputScale;
    }

    public Standardizer targetScale() {
        return targetScale;
    }

    public int warmup() {
        return warmup;
    }

    public boolean standardized() {
        return standardized;
    }

    /** Number of inputs d. */
    public int inputDimension() {
        return reservoir.inputDimension();
    }

    /** Number of outputs k. */
    public int outputDimension() {
        return readout.outputs();
    }

    /** Provenance (training rows, creation time) and caller-supplied metadata. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** A copy with extra metadata entries (e.g. column names) stored in the model file. */
    public ForecastModel withMetadata(Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(metadata);
        m.putAll(extra);
        return new ForecastModel(reservoir, readoutConfig, readout, inputScale, targetScale, warmup, standardized,
                endState, lastTarget, m);
    }

    /** A copy of the reservoir state at the end of training. */
    public ReservoirState trainingEndState() {
        return endState.copy();
    }

    /** A session continuing from the end of training. */
    public Session continueFromTraining() {
        return new Session(endState.copy(), lastTarget);
    }

    /** A session from a zero state. */
    public Session newSession() {
        return new Session(reservoir.newState(), new double[outputDimension()]);
    }

    /**
     * One-step (or h-step direct) forecasts for consecutive inputs, continuing from the training state:
     * row t is the model's output after consuming {@code inputs[t]}, in original units.
     */
    public double[][] predict(double[][] inputs) {
        Session s = continueFromTraining();
        double[][] out = new double[inputs.length][];
        for (int t = 0; t < inputs.length; t++) {
            out[t] = s.observe(inputs[t]).clone();
        }
        return out;
    }

    /**
     * One-step (or h-step direct) forecasts for many independent sequences, each from a zero state (as
     * {@link #newSession()} then {@link Session#observe} per row would give, bit for bit). An echo state
     * reservoir runs them as lanes of batched products ({@link org.weir.reservoir.EchoStateBatch}), in
     * parallel; other reservoirs run one session per sequence in parallel.
     *
     * @param sequences each T_i x d in original units (T_i may differ, and be 0)
     * @return per sequence, T_i x k forecasts in original units
     */
    public java.util.List<double[][]> predictEach(java.util.List<double[][]> sequences) {
        return ManySequences.run(this, sequences, -1, org.weir.linalg.Precision.FLOAT64);
    }

    /**
     * {@link #predictEach(java.util.List)} with the lanes' states in the given precision: with
     * {@link org.weir.linalg.Precision#FLOAT32} an echo state reservoir's lanes keep single-precision states
     * ({@link org.weir.reservoir.FloatStateBatch}: about twice the throughput, forecasts equal to the
     * double-precision ones up to the rounding of the states); FLOAT64 is {@link #predictEach(java.util.List)}.
     */
    public java.util.List<double[][]> predictEach(java.util.List<double[][]> sequences,
            org.weir.linalg.Precision states) {
        return ManySequences.run(this, sequences, -1, states);
    }

    /**
     * Closed-loop generation for many independent sequences: each from a zero state consumes its warm-up
     * rows teacher-forced, then generates {@code steps} rows (as {@link #generate} does for one, bit for bit),
     * batched and in parallel as {@link #predictEach}. Needs as many outputs as inputs.
     *
     * @return per warm-up sequence, steps x k generated rows in original units
     */
    public java.util.List<double[][]> generateEach(java.util.List<double[][]> warmups, int steps) {
        return generateEach(warmups, steps, org.weir.linalg.Precision.FLOAT64);
    }

    /**
     * {@link #generateEach(java.util.List, int)} with the lanes' states in the given precision (see
     * {@link #predictEach(java.util.List, org.weir.linalg.Precision)}); closed-loop rollouts amplify state
     * rounding as the dynamics do, so compare the two precisions on your horizon before relying on FLOAT32.
     */
    public java.util.List<double[][]> generateEach(java.util.List<double[][]> warmups, int steps,
            org.weir.linalg.Precision states) {
        if (outputDimension() != inputDimension()) {
            throw new IllegalArgumentException("closed-loop generation needs as many outputs as inputs; the model has "
                    + inputDimension() + " inputs and " + outputDimension() + " outputs");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be at least 0, got " + steps);
        }
        return ManySequences.run(this, warmups, steps, states);
    }

    /**
     * Closed-loop generation (autonomous mode, Jaeger and Haas 2004): from a zero state, the model consumes
     * {@code warmupInputs} teacher-forced, then feeds each prediction back as the next input. Row i of the
     * result is the i-th generated value; the first is the prediction made after the last warm-up input.
     * Needs as many outputs as inputs.
     */
    public double[][] generate(double[][] warmupInputs, int steps) {
        Session s = newSession();
        for (double[] u : warmupInputs) {
            s.observe(u);
        }
        return s.generate(steps);
    }

    /** Writes the model to a {@code .weir} file (atomically). */
    public void save(Path path) throws IOException {
        ArrayBundle arrays = new ArrayBundle();
        reservoir.saveArrays(arrays, "reservoir/");
        readout.saveArrays(arrays, "readout/");
        arrays.put("scaling/input_mean", inputScale.mean());
        arrays.put("scaling/input_std", inputScale.std());
        arrays.put("scaling/target_mean", targetScale.mean());
        arrays.put("scaling/target_std", targetScale.std());
        arrays.put("state/values", endState.values());
        arrays.put("state/memory", endState.memory());
        arrays.put("state/last_target", lastTarget);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("reservoir", reservoir.describe());
        config.put("readout", readoutConfig);
        config.put("warmup", (long) warmup);
        config.put("standardize", standardized);
        config.put("state_steps", endState.steps());
        ModelFile.write(path, new ModelFile.Contents(KIND, config, arrays, metadata));
    }

    /** Reads a model written by {@link #save}; errors name the file and the problem. */
    public static ForecastModel load(Path path) throws IOException {
        ModelFile.Contents c = ModelFile.read(path);
        if (!KIND.equals(c.kind())) {
            throw new ModelFile.ModelFileException(path + ": holds a '" + c.kind() + "' model, expected a forecaster");
        }
        try {
            Map<String, Object> cfg = c.config();
            ArrayBundle a = c.arrays();
            Reservoir r = Reservoirs.load(Json.object(cfg, "reservoir"), a, "reservoir/");
            LinearReadout ro = LinearReadout.load(a, "readout/");
            if (ro.features() != r.stateDimension()) {
                throw new IllegalArgumentException("readout expects " + ro.features() + " features, reservoir has "
                        + r.stateDimension());
            }
            Standardizer in = new Standardizer(a.doubles("scaling/input_mean"), a.doubles("scaling/input_std"));
            Standardizer out = new Standardizer(a.doubles("scaling/target_mean"), a.doubles("scaling/target_std"));
            ReservoirState s = r.newState();
            double[] v = a.doubles("state/values");
            double[] m = a.doubles("state/memory");
            if (v.length != s.values().length || m.length != s.memory().length) {
                throw new IllegalArgumentException("stored state does not fit the reservoir");
            }
            System.arraycopy(v, 0, s.values(), 0, v.length);
            System.arraycopy(m, 0, s.memory(), 0, m.length);
            s.setSteps(Json.longInteger(cfg, "state_steps"));
            ReservoirState restored = s;
            return new ForecastModel(r, Json.object(cfg, "readout"), ro, in, out, Json.integer(cfg, "warmup"),
                    Json.bool(cfg, "standardize"), restored, a.doubles("state/last_target"), c.metadata());
        } catch (IllegalArgumentException e) {
            throw new ModelFile.ModelFileException(path + ": " + e.getMessage());
        }
    }

    /**
     * A running forecast: owns a reservoir state and the last output (for feedback and closed loops).
     * Not thread-safe; use one session per thread.
     */
    public final class Session {
        private final ReservoirState state;
        private final double[] u;
        private final double[] scaledOut;
        private final double[] prevOut;
        private final double[] out;

        private Session(ReservoirState state, double[] lastScaledTarget) {
            this.state = state;
            this.u = new double[inputDimension()];
            this.scaledOut = new double[outputDimension()];
            this.prevOut = lastScaledTarget.clone();
            this.out = new double[outputDimension()];
            readout.predict(state.values(), scaledOut);
            targetScale.inverse(scaledOut, out);
        }

        /** The live reservoir state of this session. */
        public ReservoirState state() {
            return state;
        }

        /**
         * Consumes one input (original units) and returns the prediction made from the new state, in
         * original units. The returned array is reused by the next call: copy it to keep it.
         */
        public double[] observe(double[] input) {
            inputScale.transform(input, u);
            reservoir.step(state, u, reservoir.feedbackDimension() > 0 ? prevOut : null);
            readout.predict(state.values(), scaledOut);
            System.arraycopy(scaledOut, 0, prevOut, 0, scaledOut.length);
            targetScale.inverse(scaledOut, out);
            return out;
        }

        /** The latest prediction (original units; live array). */
        public double[] lastPrediction() {
            return out;
        }

        /**
         * Closed loop for {@code steps} steps: emits the latest prediction, then feeds it back as the next
         * input. Needs outputs == inputs.
         */
        public double[][] generate(int steps) {
            if (outputDimension() != inputDimension()) {
                throw new IllegalArgumentException("closed-loop generation needs as many outputs as inputs; the model has "
                        + inputDimension() + " inputs and " + outputDimension() + " outputs");
            }
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be at least 0, got " + steps);
            }
            double[][] gen = new double[steps][];
            for (int i = 0; i < steps; i++) {
                gen[i] = out.clone();
                if (i + 1 < steps) {
                    observe(gen[i]);
                }
            }
            return gen;
        }
    }
}
