package org.weir.conformal;

/**
 * Batch helper: runs an {@link IntervalMethod} over a test stream of forecasts and observed values, in the
 * order a live system would: for an h-step-ahead forecast the truth of step t becomes known only after the
 * interval of step {@code t + h - 1} has been issued.
 */
public final class ConformalRunner {
    private ConformalRunner() {
    }

    /**
     * Calibrates the method and runs it over the test stream.
     *
     * @param method the interval method (calibrated and then updated online)
     * @param calibration calibration data for this horizon
     * @param forecasts test forecasts f_t
     * @param truths observed y_t, same length
     * @param horizon forecast horizon h at least 1: the truth of step t is revealed after issuing step t+h-1
     * @param features feature vector per test step (for EnbPI), or null
     * @return the issued intervals
     */
    public static Intervals run(IntervalMethod method, Calibration calibration, double[] forecasts, double[] truths,
            int horizon, double[][] features) {
        if (forecasts.length != truths.length) {
            throw new IllegalArgumentException("test stream has " + forecasts.length + " forecasts but "
                    + truths.length + " observed values");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
        }
        if (features != null && features.length != forecasts.length) {
            throw new IllegalArgumentException("test stream has " + forecasts.length + " forecasts but "
                    + features.length + " feature rows");
        }
        method.calibrate(calibration);
        int n = forecasts.length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int t = 0; t < n; t++) {
            Interval iv = method.interval(forecasts[t], features == null ? null : features[t]);
            lo[t] = iv.lower();
            hi[t] = iv.upper();
            int known = t - horizon + 1;
            if (known >= 0) {
                method.observe(truths[known]);
            }
        }
        return new Intervals(lo, hi);
    }

    /** One-step-ahead run without features. */
    public static Intervals run(IntervalMethod method, Calibration calibration, double[] forecasts, double[] truths) {
        return run(method, calibration, forecasts, truths, 1, null);
    }
}
