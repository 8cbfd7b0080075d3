package org.weir.conformal;

import java.util.Map;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.ReservoirState;

/**
 * ResCP, reservoir conformal prediction (Neglia, Bianchi, Alippi et al., "ResCP: Reservoir Conformal
 * Prediction for Time Series Forecasting", ICLR 2026, arXiv 2510.05060). A second, untrained echo state
 * reservoir runs over the (standardized) residual series, optionally with the observed values and covariates.
 * Memory is a FIFO window of the last W pairs {@code (h_{s-H}, r_s)}: the reservoir state that was current
 * when step s was forecast, and the residual that followed; it is filled from the calibration tail and grows
 * online. For the next step, with current state {@code h_t}, every pair gets weight
 * {@code w_s ∝ exp(cos(h_t, h_s)/tau)} (times an optional recency factor), and the interval is
 * {@code f + [Q_w(beta*), Q_w(1-alpha+beta*)]} with exact weighted quantiles of the signed residuals and the
 * width-minimizing {@code beta* in [0, alpha]}. The effective sample size {@code 1/sum w_s^2} (normalized
 * weights) of the last interval is reported. With a {@link ResCpGrid}, hyperparameters are chosen at each
 * calibration by {@link ResCpTuner} (lowest Winkler score on the last part of the calibration set).
 *
 * <p>Cost per step: one residual-reservoir step, W cosines of length N (a blocked, vectorized product over the
 * keys, see {@link SimilarityWindow}), W exponentials, and one merge over the two tails of the sorted residuals
 * ({@link WeightedQuantile#shortestIntervalRanked}). The exact method reads W N keys per step (16 MB at W=4000,
 * N=512 in double: memory bound, about 0.5 ms); {@link ResCpConfig#keyPrecision()} FLOAT halves that and runs the
 * similarity search in single precision (see {@link KeyPrecision} for the bound on the interval), and
 * {@link ResCpConfig#keyDimension()} k compares random projections to k dimensions instead (approximate cosines,
 * N/k times less work; not the published method, so never the default). About 20 microseconds per step at
 * W=4000, N=512 needs both (k=16, FLOAT; {@code ResCpBenchmark}).
 */
public final class ResCp extends AbstractIntervalMethod {
    private final ResCpConfig base;
    private final ResCpGrid grid;
    private ResCpConfig config;
    private ResCpTuner.Result tuning;
    private ResCpInputs inputs;
    private EchoStateReservoir reservoir;
    private ReservoirState state;
    private double[] u;
    private double[] key;
    private KeyProjection projection;
    private SimilarityWindow memory;
    private double[][] pendingKeys = new double[0][];
    private int pendingHead;
    private int pendingSize;
    private double[] nextCovariates;
    private double[][] bootKeys;
    private int bootUsed;
    private final double[] out = new double[4];
    private double lastEss = Double.NaN;
    private double lastBeta = Double.NaN;

    /**
     * @param alpha miscoverage in (0, 1)
     * @param config hyperparameters (the starting point when a grid is given)
     * @param grid grid searched at each calibration, or null to use {@code config} as it is
     */
    public ResCp(double alpha, ResCpConfig config, ResCpGrid grid) {
        super(alpha);
        if (config == null) {
            throw new IllegalArgumentException("ResCP config must be set");
        }
        this.base = config;
        this.grid = grid;
    }

    /** ResCP with fixed hyperparameters. */
    public static ResCp fixed(double alpha, ResCpConfig config) {
        return new ResCp(alpha, config, null);
    }

    /** ResCP tuned over a grid at calibration. */
    public static ResCp tuned(double alpha, ResCpConfig config, ResCpGrid grid) {
        if (grid == null) {
            throw new IllegalArgumentException("ResCP grid must be set");
        }
        return new ResCp(alpha, config, grid);
    }

    @Override
    public String name() {
        return "rescp";
    }

    /** The hyperparameters in use (after tuning, the chosen ones). */
    public ResCpConfig config() {
        return config == null ? base : config;
    }

    /** The last tuning result, or null when no grid was searched. */
    public ResCpTuner.Result tuning() {
        return tuning;
    }

    /** Effective sample size {@code (sum w)^2 / sum w^2} of the weights behind the last interval. */
    public double lastEffectiveSampleSize() {
        return lastEss;
    }

    /** The width-minimizing shift beta* of the last interval. */
    public double lastBeta() {
        return lastBeta;
    }

    /** Number of pairs in memory. */
    public int memorySize() {
        return memory == null ? 0 : memory.size();
    }

    @Override
    protected void reset(Calibration cal) {
        if (grid != null) {
            tuning = ResCpTuner.tune(cal, alpha(), base, grid);
            config = tuning.best();
        } else {
            tuning = null;
            config = base;
        }
        inputs = new ResCpInputs(config, cal);
        reservoir = config.reservoir(inputs.dimension());
        state = reservoir.newState();
        projection = config.projection();
        int dim = config.keyLength();
        u = new double[inputs.dimension()];
        key = new double[dim];
        memory = new SimilarityWindow(dim, config.window(), config.keyPrecision());
        int h = config.horizon();
        pendingKeys = new double[Math.max(2, h + 1)][dim];
        pendingHead = 0;
        pendingSize = 0;
        // history ring of the last H states; pair s is keyed by the state after step s-H
        double[][] hist = new double[h][];
        int n = cal.size();
        int firstPair = Math.max(config.washout() + h, n - config.window());
        for (int s = 0; s < n; s++) {
            if (s >= firstPair) {
                memory.add(hist[(s - h) % h], 0, cal.residual(s));
            }
            inputs.fill(u, cal, s);
            reservoir.step(state, u, null);
            if (s + h >= firstPair) {
                if (hist[s % h] == null) {
                    hist[s % h] = new double[dim];
                }
                copyKey(state.values(), hist[s % h]);
            }
        }
        // the first H-1 test steps are forecast from origins inside the calibration period: their keys are the
        // states after steps n-H .. n-2 (the state after step n-1 is current when the H-th test step is issued)
        bootKeys = new double[h - 1][];
        for (int i = 0; i < h - 1; i++) {
            int s = n - h + i;
            bootKeys[i] = s >= 0 && hist[s % h] != null ? hist[s % h].clone() : null;
        }
        bootUsed = 0;
        lastEss = Double.NaN;
        lastBeta = Double.NaN;
    }

    @Override
    protected Interval issue(double forecast, double[] features) {
        double[] k = pushPendingKey();
        if (memory.size() == 0) {
            return Interval.unbounded();
        }
        memory.interval(k, 0, alpha(), config.tau(), config.recency(), config.rho(), out);
        lastBeta = out[2];
        lastEss = out[3];
        return Interval.around(forecast, out[0], out[1]);
    }

    /** Copies the current state into the pending ring (normalization happens when the pair is stored). */
    private double[] pushPendingKey() {
        if (pendingSize == pendingKeys.length) {
            double[][] bigger = new double[pendingKeys.length * 2][];
            for (int i = 0; i < pendingSize; i++) {
                bigger[i] = pendingKeys[(pendingHead + i) % pendingKeys.length];
            }
            for (int i = pendingSize; i < bigger.length; i++) {
                bigger[i] = new double[key.length];
            }
            pendingKeys = bigger;
            pendingHead = 0;
        }
        double[] k = pendingKeys[(pendingHead + pendingSize) % pendingKeys.length];
        if (bootUsed < bootKeys.length && bootKeys[bootUsed] != null) {
            System.arraycopy(bootKeys[bootUsed++], 0, k, 0, k.length);
        } else {
            bootUsed = bootKeys.length;
            copyKey(state.values(), k);
        }
        SimilarityWindow.normalize(k, 0, k.length);
        pendingSize++;
        return k;
    }

    /** The key of a state: the state itself, or its random projection. */
    private void copyKey(double[] stateValues, double[] dst) {
        if (projection == null) {
            System.arraycopy(stateValues, 0, dst, 0, dst.length);
        } else {
            projection.apply(stateValues, 0, dst, 0);
        }
    }

    /**
     * Resolves the oldest issued step with its residual and the covariates of that step (required when the
     * configuration includes covariates).
     */
    public void update(double residual, double[] covariates) {
        nextCovariates = covariates;
        try {
            update(residual);
        } finally {
            nextCovariates = null;
        }
    }

    @Override
    protected void resolve(double forecast, double residual) {
        double[] k = pendingKeys[pendingHead];
        pendingHead = (pendingHead + 1) % pendingKeys.length;
        pendingSize--;
        memory.add(k, 0, residual);
        if (inputs.usesCovariates() && nextCovariates == null) {
            throw new IllegalStateException("ResCP includes covariates: use update(residual, covariates)");
        }
        inputs.fill(u, residual, forecast + residual, nextCovariates);
        reservoir.step(state, u, null);
    }

    /** Tuning and configuration summary, JSON-ready. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new java.util.LinkedHashMap<>(config().toMap());
        m.put("alpha", alpha());
        m.put("tuned", tuning != null);
        if (tuning != null) {
            m.put("validation_winkler", tuning.bestWinkler());
            m.put("grid_size", tuning.trials().size());
        }
        return m;
    }
}
