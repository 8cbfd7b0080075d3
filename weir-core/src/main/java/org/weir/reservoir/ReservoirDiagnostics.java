package org.weir.reservoir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.weir.data.MemoryTask;
import org.weir.metrics.Metrics;
import org.weir.readout.LinearReadout;
import org.weir.readout.RidgeReadout;

/**
 * Diagnostics of a reservoir as a dynamical system, for any {@link Reservoir}:
 * <ul>
 * <li>the memory capacity curve (Jaeger 2001, "Short term memory in echo state networks", GMD Report 152):
 * for an i.i.d. input {@code u[t] ~ U[-1, 1]}, a ridge readout per delay k reconstructs {@code u[t-k]}
 * from {@code x[t]}; {@code MC_k = r^2(u[t-k], yhat_k[t])} measured on held-out steps, and
 * {@code MC = sum_k MC_k <= N} (Jaeger's bound for linear reservoirs);</li>
 * <li>the effective spectral radius ({@link Reservoir#effectiveSpectralRadius()});</li>
 * <li>state statistics over a run: mean {@code |x|}, the fraction of saturated values
 * {@code |x| > 0.95}, and the numerical rank of the T x N state matrix (number of singular values above
 * {@code max(T, N) eps sigma_max}, NumPy's {@code matrix_rank} rule), computed with EJML's SVD.</li>
 * </ul>
 */
public final class ReservoirDiagnostics {
    /** Threshold on {@code |x|} above which a state value counts as saturated. */
    public static final double SATURATION_THRESHOLD = 0.95;

    private ReservoirDiagnostics() {
    }

    /**
     * Memory capacity curve.
     *
     * @param perDelay {@code MC_k} for k = 1..K (index k-1), each in [0, 1]
     * @param total the sum
     * @param trainSteps steps used to fit the readouts
     * @param testSteps held-out steps the squared correlations were measured on
     */
    public record MemoryCapacity(double[] perDelay, double total, int trainSteps, int testSteps) {
        public MemoryCapacity {
            perDelay = perDelay.clone();
        }

        @Override
        public double[] perDelay() {
            return perDelay.clone();
        }

        /** JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total", total);
            List<Object> curve = new ArrayList<>();
            for (double v : perDelay) {
                curve.add(v);
            }
            m.put("per_delay", curve);
            m.put("train_steps", (long) trainSteps);
            m.put("test_steps", (long) testSteps);
            return m;
        }
    }

    /**
     * Statistics of a state matrix.
     *
     * @param steps T, rows of the state matrix
     * @param units N, columns
     * @param meanAbs mean of {@code |x_i[t]|}
     * @param meanValue mean of {@code x_i[t]}
     * @param std standard deviation of all values
     * @param saturationFraction fraction of values with {@code |x| > 0.95}
     * @param rank numerical rank of the T x N matrix
     * @param singularValues all singular values, largest first
     */
    public record StateStatistics(int steps, int units, double meanAbs, double meanValue, double std,
            double saturationFraction, int rank, double[] singularValues) {
        public StateStatistics {
            singularValues = singularValues.clone();
        }

        @Override
        public double[] singularValues() {
            return singularValues.clone();
        }

        /** JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", (long) steps);
            m.put("units", (long) units);
            m.put("mean_abs", meanAbs);
            m.put("mean", meanValue);
            m.put("std", std);
            m.put("saturation_fraction", saturationFraction);
            m.put("rank", (long) rank);
            List<Object> sv = new ArrayList<>();
            for (double v : singularValues) {
                sv.add(v);
            }
            m.put("singular_values", sv);
            return m;
        }
    }

    /**
     * Everything {@link #diagnose} measures.
     *
     * @param kind the reservoir kind
     * @param stateDimension N
     * @param effectiveSpectralRadius see {@link Reservoir#effectiveSpectralRadius()} (NaN where undefined)
     * @param memoryCapacity the memory capacity curve
     * @param states statistics of the states on the memory task's input after the washout
     */
    public record Report(String kind, int stateDimension, double effectiveSpectralRadius,
            MemoryCapacity memoryCapacity, StateStatistics states) {
        /** JSON-ready map (what {@code weir diagnose} prints). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("state_dimension", (long) stateDimension);
            m.put("effective_spectral_radius", Double.isNaN(effectiveSpectralRadius) ? null : effectiveSpectralRadius);
            m.put("memory_capacity", memoryCapacity.toMap());
            m.put("states", states.toMap());
            return m;
        }
    }

    /**
     * Full report: memory capacity up to {@code maxDelay} (washout 100, 2000 training and 1000 test steps,
     * ridge 1e-8), effective spectral radius, and state statistics on the same run.
     */
    public static Report diagnose(Reservoir reservoir, int maxDelay, long seed) {
        int washout = 100;
        int train = 2000;
        int test = 1000;
        double[][] states = runMemoryInput(reservoir, MemoryTask.generate(washout + train + test, maxDelay, seed));
        MemoryCapacity mc = memoryCapacity(reservoir, maxDelay, washout, train, test, 1e-8, seed);
        double[][] after = java.util.Arrays.copyOfRange(states, washout, states.length);
        return new Report(reservoir.kind(), reservoir.stateDimension(), reservoir.effectiveSpectralRadius(), mc,
                stateStatistics(after));
    }

    /**
     * Memory capacity curve of a reservoir: drives it with {@code washout + train + test} i.i.d. inputs
     * {@code U[-1, 1]} from {@code seed} (on input 0; other inputs, if any, are held at 0), fits one ridge
     * readout for all delays on steps {@code [washout, washout+train)} and measures {@code r^2} per delay on
     * the last {@code test} steps.
     *
     * @param maxDelay K, at least 1, at most washout
     * @param ridge ridge regularization of the readout
     */
    public static MemoryCapacity memoryCapacity(Reservoir reservoir, int maxDelay, int washout, int train, int test,
            double ridge, long seed) {
        if (maxDelay < 1 || maxDelay > washout) {
            throw new IllegalArgumentException("maxDelay must be in [1, washout=" + washout + "], got " + maxDelay);
        }
        if (train < 1 || test < 2) {
            throw new IllegalArgumentException("need train >= 1 and test >= 2 steps, got " + train + " and " + test);
        }
        MemoryTask task = MemoryTask.generate(washout + train + test, maxDelay, seed);
        double[][] states = runMemoryInput(reservoir, task);
        double[] u = task.input();
        double[][] xTrain = new double[train][];
        double[][] yTrain = new double[train][maxDelay];
        for (int i = 0; i < train; i++) {
            int t = washout + i;
            xTrain[i] = states[t];
            for (int k = 1; k <= maxDelay; k++) {
                yTrain[i][k - 1] = u[t - k];
            }
        }
        LinearReadout ro = RidgeReadout.withRidge(ridge).fit(xTrain, yTrain);
        double[][] yTest = new double[test][maxDelay];
        double[][] pred = new double[test][maxDelay];
        for (int i = 0; i < test; i++) {
            int t = washout + train + i;
            for (int k = 1; k <= maxDelay; k++) {
                yTest[i][k - 1] = u[t - k];
            }
            ro.predict(states[t], pred[i]);
        }
        double[] per = Metrics.memoryCapacityPerDelay(yTest, pred);
        double total = 0;
        for (double v : per) {
            total += v;
        }
        return new MemoryCapacity(per, total, train, test);
    }

    private static double[][] runMemoryInput(Reservoir reservoir, MemoryTask task) {
        double[] u = task.input();
        double[][] in = new double[u.length][reservoir.inputDimension()];
        for (int t = 0; t < u.length; t++) {
            in[t][0] = u[t];
        }
        return reservoir.run(in);
    }

    /** State statistics of a T x N state matrix (rows are time steps; not modified). */
    public static StateStatistics stateStatistics(double[][] states) {
        int t = states.length;
        if (t == 0) {
            throw new IllegalArgumentException("state statistics need at least one state");
        }
        int n = states[0].length;
        double sumAbs = 0;
        double sum = 0;
        double sumSq = 0;
        long saturated = 0;
        DMatrixRMaj m = new DMatrixRMaj(t, n);
        for (int r = 0; r < t; r++) {
            if (states[r].length != n) {
                throw new IllegalArgumentException("state row " + r + " has " + states[r].length + " values, expected " + n);
            }
            for (int c = 0; c < n; c++) {
                double v = states[r][c];
                sumAbs += Math.abs(v);
                sum += v;
                sumSq += v * v;
                if (Math.abs(v) > SATURATION_THRESHOLD) {
                    saturated++;
                }
                m.unsafe_set(r, c, v);
            }
        }
        double count = (double) t * n;
        double mean = sum / count;
        double var = Math.max(0.0, sumSq / count - mean * mean);
        double[] sv = singularValues(m);
        double tol = Math.max(t, n) * Math.ulp(1.0) * (sv.length > 0 ? sv[0] : 0.0);
        int rank = 0;
        for (double s : sv) {
            if (s > tol) {
                rank++;
            }
        }
        return new StateStatistics(t, n, sumAbs / count, mean, Math.sqrt(var), saturated / count, rank, sv);
    }

    /** Singular values of a dense matrix, largest first (not modified). */
    static double[] singularValues(DMatrixRMaj m) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        if (!svd.decompose(m.copy())) {
            throw new ArithmeticException("SVD of the state matrix did not converge");
        }
        double[] s = svd.getSingularValues().clone();
        int k = Math.min(m.numRows, m.numCols);
        s = java.util.Arrays.copyOf(s, k);
        java.util.Arrays.sort(s);
        for (int i = 0; i < k / 2; i++) {
            double tmp = s[i];
            s[i] = s[k - 1 - i];
            s[k - 1 - i] = tmp;
        }
        return s;
    }
}
