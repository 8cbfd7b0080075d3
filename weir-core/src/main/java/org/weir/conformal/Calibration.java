package org.weir.conformal;

/**
 * What an interval method learns from before the test stream starts: the calibration residuals
 * {@code r_t = y_t - f_t} in time order, and optionally the calibration targets {@code y_t} and covariates
 * (used by ResCP as extra reservoir inputs). Arrays are copied.
 *
 * @param residuals signed residuals {@code y - forecast}, finite, at least one
 * @param targets the observed values {@code y_t} (same length), or null
 * @param covariates one row of covariates per step (same length, equal row lengths), or null
 */
public record Calibration(double[] residuals, double[] targets, double[][] covariates) {

    public Calibration {
        if (residuals == null || residuals.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one residual, got "
                    + (residuals == null ? "null" : "0"));
        }
        residuals = residuals.clone();
        for (int i = 0; i < residuals.length; i++) {
            if (!Double.isFinite(residuals[i])) {
                throw new IllegalArgumentException("calibration residual " + i + " must be finite, got " + residuals[i]);
            }
        }
        if (targets != null) {
            if (targets.length != residuals.length) {
                throw new IllegalArgumentException("calibration targets have " + targets.length
                        + " values but residuals " + residuals.length);
            }
            targets = targets.clone();
        }
        if (covariates != null) {
            if (covariates.length != residuals.length) {
                throw new IllegalArgumentException("calibration covariates have " + covariates.length
                        + " rows but residuals " + residuals.length);
            }
            double[][] c = new double[covariates.length][];
            for (int i = 0; i < c.length; i++) {
                if (covariates[i] == null || covariates[i].length != covariates[0].length) {
                    throw new IllegalArgumentException("calibration covariate row " + i + " must have "
                            + covariates[0].length + " values");
                }
                c[i] = covariates[i].clone();
            }
            covariates = c;
        }
    }

    /** Calibration from residuals alone. */
    public static Calibration ofResiduals(double[] residuals) {
        return new Calibration(residuals, null, null);
    }

    /** Calibration from forecasts and observed values: residuals {@code y - f}, targets {@code y}. */
    public static Calibration of(double[] forecasts, double[] truths) {
        if (forecasts.length != truths.length) {
            throw new IllegalArgumentException("calibration has " + forecasts.length + " forecasts but "
                    + truths.length + " observed values");
        }
        double[] r = new double[truths.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = truths[i] - forecasts[i];
        }
        return new Calibration(r, truths, null);
    }

    /** Number of calibration steps. */
    public int size() {
        return residuals.length;
    }

    /** Copy of the residuals. */
    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    /** Residual {@code i} (no copy). */
    public double residual(int i) {
        return residuals[i];
    }

    /** Copy of the targets, or null. */
    @Override
    public double[] targets() {
        return targets == null ? null : targets.clone();
    }

    /** Whether targets are present. */
    public boolean hasTargets() {
        return targets != null;
    }

    /** Target {@code i} (requires targets). */
    public double target(int i) {
        return targets[i];
    }

    /** Whether covariates are present. */
    public boolean hasCovariates() {
        return covariates != null;
    }

    /** Number of covariates per step (0 when absent). */
    public int covariateCount() {
        return covariates == null ? 0 : covariates[0].length;
    }

    /** Covariate {@code j} at step {@code i} (requires covariates). */
    public double covariate(int i, int j) {
        return covariates[i][j];
    }

    /** Deep copy of the covariates, or null. */
    @Override
    public double[][] covariates() {
        if (covariates == null) {
            return null;
        }
        double[][] c = new double[covariates.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariates[i].clone();
        }
        return c;
    }

    /** The steps {@code [from, to)} as a new calibration. */
    public Calibration slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("calibration slice must satisfy 0 <= from < to <= " + size()
                    + ", got [" + from + ", " + to + ")");
        }
        double[] r = java.util.Arrays.copyOfRange(residuals, from, to);
        double[] y = targets == null ? null : java.util.Arrays.copyOfRange(targets, from, to);
        double[][] c = covariates == null ? null : java.util.Arrays.copyOfRange(covariates, from, to);
        return new Calibration(r, y, c);
    }
}
