package org.weir.conformal;

/**
 * What ResCP's residual reservoir reads at each step: the residual and, optionally, the observed value and
 * the covariates, each standardized with the calibration mean and standard deviation.
 */
final class ResCpInputs {
    private final boolean target;
    private final int covariates;
    private final double meanR;
    private final double scaleR;
    private final double meanY;
    private final double scaleY;
    private final double[] meanC;
    private final double[] scaleC;

    ResCpInputs(ResCpConfig config, Calibration cal) {
        int n = cal.size();
        this.target = config.includeTarget();
        if (target && !cal.hasTargets()) {
            throw new IllegalArgumentException("ResCP with include-target needs calibration targets");
        }
        if (config.includeCovariates() && !cal.hasCovariates()) {
            throw new IllegalArgumentException("ResCP with include-covariates needs calibration covariates");
        }
        this.covariates = config.includeCovariates() ? cal.covariateCount() : 0;
        double[] mr = moments(n, i -> cal.residual(i));
        meanR = mr[0];
        scaleR = mr[1];
        if (target) {
            double[] my = moments(n, i -> cal.target(i));
            meanY = my[0];
            scaleY = my[1];
        } else {
            meanY = 0;
            scaleY = 1;
        }
        meanC = new double[covariates];
        scaleC = new double[covariates];
        for (int j = 0; j < covariates; j++) {
            final int jj = j;
            double[] mc = moments(n, i -> cal.covariate(i, jj));
            meanC[j] = mc[0];
            scaleC[j] = mc[1];
        }
    }

    private static double[] moments(int n, java.util.function.IntToDoubleFunction f) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += f.applyAsDouble(i);
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = f.applyAsDouble(i) - mean;
            var += d * d;
        }
        double sd = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
        return new double[] {mean, sd > 1e-300 ? 1.0 / sd : 1.0};
    }

    int dimension() {
        return 1 + (target ? 1 : 0) + covariates;
    }

    boolean usesCovariates() {
        return covariates > 0;
    }

    /** Fills u from a residual, the observed value and the covariates (null when unused). */
    void fill(double[] u, double residual, double observed, double[] cov) {
        u[0] = (residual - meanR) * scaleR;
        int k = 1;
        if (target) {
            u[k++] = (observed - meanY) * scaleY;
        }
        for (int j = 0; j < covariates; j++) {
            u[k++] = (cov[j] - meanC[j]) * scaleC[j];
        }
    }

    /** Fills u for calibration step i. */
    void fill(double[] u, Calibration cal, int i) {
        u[0] = (cal.residual(i) - meanR) * scaleR;
        int k = 1;
        if (target) {
            u[k++] = (cal.target(i) - meanY) * scaleY;
        }
        for (int j = 0; j < covariates; j++) {
            u[k++] = (cal.covariate(i, j) - meanC[j]) * scaleC[j];
        }
    }
}
