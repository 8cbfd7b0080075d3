package org.weir.conformal;

import java.util.List;

/**
 * The hyperparameter grid ResCP searches: every combination of the listed values is run online over the last
 * {@code validationFraction} of the calibration set (memory initialized from the part before it) and the one
 * with the lowest mean Winkler score is kept.
 *
 * @param spectralRadius candidate spectral radii
 * @param leakRate candidate leak rates
 * @param inputScaling candidate input scalings
 * @param tau candidate temperatures
 * @param window candidate window sizes
 * @param validationFraction fraction of the calibration set used for scoring, in (0, 1)
 */
public record ResCpGrid(List<Double> spectralRadius, List<Double> leakRate, List<Double> inputScaling,
        List<Double> tau, List<Integer> window, double validationFraction) {

    public ResCpGrid {
        spectralRadius = nonEmpty("spectral radius", spectralRadius);
        leakRate = nonEmpty("leak rate", leakRate);
        inputScaling = nonEmpty("input scaling", inputScaling);
        tau = nonEmpty("tau", tau);
        window = nonEmpty("window", window);
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("ResCP validation fraction must be in (0, 1), got " + validationFraction);
        }
    }

    private static <T> List<T> nonEmpty(String name, List<T> v) {
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("ResCP grid for " + name + " must hold at least one value");
        }
        return List.copyOf(v);
    }

    /** The default grid: 2 x 2 x 2 reservoirs x 3 temperatures x 2 windows, scored on the last 30%. */
    public static ResCpGrid defaults() {
        return new ResCpGrid(List.of(0.7, 0.95), List.of(0.3, 1.0), List.of(0.5, 2.0), List.of(0.02, 0.1, 0.5),
                List.of(500, 2000), 0.3);
    }

    /** Number of combinations. */
    public int size() {
        return spectralRadius.size() * leakRate.size() * inputScaling.size() * tau.size() * window.size();
    }
}
