package org.weir.conformal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weir.linalg.Precision;
import org.weir.reservoir.EchoStateReservoir;

/**
 * Hyperparameters of ResCP (Neglia et al., "ResCP: Reservoir Conformal Prediction for Time Series
 * Forecasting", ICLR 2026, arXiv 2510.05060).
 *
 * @param units size N of the residual reservoir, at least 1
 * @param spectralRadius spectral radius of its recurrent matrix, finite, at least 0
 * @param leakRate leak rate in (0, 1]
 * @param inputScaling scale of its input weights, finite, positive
 * @param biasScaling scale of its bias, finite, at least 0
 * @param connectivity density of its recurrent matrix in (0, 1]; the builder's default is 10 connections per unit,
 *        {@code min(1, 10/units)} (0.1 at the default 100 units): "connect each reservoir node to a small fixed
 *        number of other nodes (e.g., 10) on average, irrespective of the reservoir size" (Lukosevicius, "A
 *        practical guide to applying echo state networks", 2012), which also keeps a large residual reservoir's
 *        step cheap
 * @param tau softmax temperature of the cosine similarities, positive
 * @param window size W of the FIFO memory of (state, residual) pairs, at least 1
 * @param recency optional recency factor of the weights
 * @param rho decay of {@link Recency#EXPONENTIAL}, in (0, 1]
 * @param includeTarget also feed the (standardized) observed value to the reservoir
 * @param includeCovariates also feed the (standardized) covariates to the reservoir
 * @param horizon forecast horizon H at least 1: the pair for residual s is keyed by the state after residual s-H
 * @param washout number of initial calibration steps whose states are not used as keys, at least 0
 * @param keyDimension 0 to compare full states (exact cosines, the method as published), or k in [1, units) to
 *        compare Gaussian random projections of the states to k dimensions (approximate cosines, N/k times
 *        cheaper per step)
 * @param keyPrecision double or single precision for the similarity search: {@link KeyPrecision#DOUBLE}
 *        (default) or {@link KeyPrecision#FLOAT}: keys, cosines and softmax exponentials in float (cosines within about
 *        {@code (k + 2) 2^-24}, weights within a factor {@code exp(+-2d/tau)(1 +- 2^-22)}, half the memory traffic,
 *        twice the SIMD lanes; see {@link KeyPrecision}) and the residual reservoir's weights rounded to single
 *        precision ({@link org.weir.linalg.Precision#FLOAT32}, half the bytes per recurrent weight)
 * @param seed seed of the reservoir's random weights (and of the projection)
 */
public record ResCpConfig(int units, double spectralRadius, double leakRate, double inputScaling,
        double biasScaling, double connectivity, double tau, int window, Recency recency, double rho,
        boolean includeTarget, boolean includeCovariates, int horizon, int washout, int keyDimension,
        KeyPrecision keyPrecision, long seed) {

    public ResCpConfig {
        require(units >= 1, "units", units, "at least 1");
        require(spectralRadius >= 0 && Double.isFinite(spectralRadius), "spectral radius", spectralRadius,
                "a finite number >= 0");
        require(leakRate > 0 && leakRate <= 1, "leak rate", leakRate, "(0, 1]");
        require(inputScaling > 0 && Double.isFinite(inputScaling), "input scaling", inputScaling, "a finite number > 0");
        require(biasScaling >= 0 && Double.isFinite(biasScaling), "bias scaling", biasScaling, "a finite number >= 0");
        require(connectivity > 0 && connectivity <= 1, "connectivity", connectivity, "(0, 1]");
        require(tau > 0 && Double.isFinite(tau), "tau", tau, "a finite number > 0");
        require(window >= 1, "window", window, "at least 1");
        if (recency == null) {
            throw new IllegalArgumentException("recency must be set (none, inverse-age or exponential)");
        }
        require(rho > 0 && rho <= 1, "rho", rho, "(0, 1]");
        require(horizon >= 1, "horizon", horizon, "at least 1");
        require(washout >= 0, "washout", washout, "at least 0");
        require(keyDimension >= 0 && keyDimension < units, "key dimension", keyDimension,
                "0 (full state) or in [1, units=" + units + ")");
        if (keyPrecision == null) {
            throw new IllegalArgumentException("ResCP key precision must be set (double or float)");
        }
    }

    private static void require(boolean ok, String name, double value, String range) {
        if (!ok) {
            throw new IllegalArgumentException("ResCP " + name + " must be " + range + ", got " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().units(units).spectralRadius(spectralRadius).leakRate(leakRate).inputScaling(inputScaling)
                .biasScaling(biasScaling).connectivity(connectivity).tau(tau).window(window).recency(recency).rho(rho)
                .includeTarget(includeTarget).includeCovariates(includeCovariates).horizon(horizon).washout(washout)
                .keyDimension(keyDimension).keyPrecision(keyPrecision).seed(seed);
    }

    /** Builds the residual reservoir for the given input dimension. */
    public EchoStateReservoir reservoir(int inputDimension) {
        return EchoStateReservoir.builder().units(units).spectralRadius(spectralRadius).leakRate(leakRate)
                .inputScaling(inputScaling).biasScaling(biasScaling).connectivity(connectivity).inputConnectivity(1.0)
                .precision(keyPrecision == KeyPrecision.FLOAT ? Precision.FLOAT32 : Precision.FLOAT64)
                .seed(seed).build(inputDimension);
    }

    /** The key projection, or null when keys are the full states. */
    KeyProjection projection() {
        return keyDimension == 0 ? null : new KeyProjection(units, keyDimension, seed ^ 0x5DEECE66DL);
    }

    /** Length of the memory keys. */
    public int keyLength() {
        return keyDimension == 0 ? units : keyDimension;
    }

    /** JSON-ready description. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", units);
        m.put("spectral_radius", spectralRadius);
        m.put("leak_rate", leakRate);
        m.put("input_scaling", inputScaling);
        m.put("bias_scaling", biasScaling);
        m.put("connectivity", connectivity);
        m.put("tau", tau);
        m.put("window", window);
        m.put("recency", recency.id());
        m.put("rho", rho);
        m.put("include_target", includeTarget);
        m.put("include_covariates", includeCovariates);
        m.put("horizon", horizon);
        m.put("washout", washout);
        m.put("key_dimension", keyDimension);
        m.put("key_precision", keyPrecision.id());
        m.put("seed", seed);
        return m;
    }

    public static final class Builder {
        private int units = 100;
        private double spectralRadius = 0.9;
        private double leakRate = 0.5;
        private double inputScaling = 1.0;
        private double biasScaling = 0.5;
        private double connectivity = Double.NaN; // NaN: 10 connections per unit, resolved in build()
        private double tau = 0.1;
        private int window = 1000;
        private Recency recency = Recency.NONE;
        private double rho = 0.99;
        private boolean includeTarget;
        private boolean includeCovariates;
        private int horizon = 1;
        private int washout = 20;
        private int keyDimension;
        private KeyPrecision keyPrecision = KeyPrecision.DOUBLE;
        private long seed = 42L;

        private Builder() {
        }

        public Builder units(int v) { units = v; return this; }
        public Builder spectralRadius(double v) { spectralRadius = v; return this; }
        public Builder leakRate(double v) { leakRate = v; return this; }
        public Builder inputScaling(double v) { inputScaling = v; return this; }
        public Builder biasScaling(double v) { biasScaling = v; return this; }
        /** Density of the residual reservoir's recurrent matrix (default: 10 connections per unit). */
        public Builder connectivity(double v) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("ResCP connectivity must be in (0, 1], got NaN");
            }
            connectivity = v;
            return this;
        }
        public Builder tau(double v) { tau = v; return this; }
        public Builder window(int v) { window = v; return this; }
        public Builder recency(Recency v) { recency = v; return this; }
        public Builder rho(double v) { rho = v; return this; }
        public Builder includeTarget(boolean v) { includeTarget = v; return this; }
        public Builder includeCovariates(boolean v) { includeCovariates = v; return this; }
        public Builder horizon(int v) { horizon = v; return this; }
        public Builder washout(int v) { washout = v; return this; }
        public Builder keyDimension(int v) { keyDimension = v; return this; }
        public Builder keyPrecision(KeyPrecision v) { keyPrecision = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public ResCpConfig build() {
            double density = Double.isNaN(connectivity) ? Math.min(1.0, 10.0 / Math.max(1, units)) : connectivity;
            return new ResCpConfig(units, spectralRadius, leakRate, inputScaling, biasScaling, density, tau,
                    window, recency, rho, includeTarget, includeCovariates, horizon, washout, keyDimension, keyPrecision,
                    seed);
        }
    }
}
