package org.weir.conformal;

import java.util.function.IntFunction;

/**
 * Intervals for horizons 1..H, one independently calibrated {@link IntervalMethod} per horizon (the residuals
 * of h-step forecasts have their own distribution). Each horizon's method is updated online as its truths
 * arrive, with no refit: the forecast for step t+h issued at origin t is resolved h steps later.
 */
public final class MultiHorizonIntervals {
    private final IntervalMethod[] methods;

    /**
     * @param maxHorizon H, at least 1
     * @param factory makes the method for horizon h (1-based)
     */
    public MultiHorizonIntervals(int maxHorizon, IntFunction<IntervalMethod> factory) {
        if (maxHorizon < 1) {
            throw new IllegalArgumentException("max horizon must be at least 1, got " + maxHorizon);
        }
        methods = new IntervalMethod[maxHorizon];
        for (int h = 1; h <= maxHorizon; h++) {
            methods[h - 1] = factory.apply(h);
        }
    }

    public int maxHorizon() {
        return methods.length;
    }

    /** The method serving horizon h. */
    public IntervalMethod method(int h) {
        check(h);
        return methods[h - 1];
    }

    /** Calibrates horizon h on the residuals of its h-step forecasts. */
    public void calibrate(int h, Calibration calibration) {
        method(h).calibrate(calibration);
    }

    /**
     * Issues intervals for every horizon at one forecast origin.
     *
     * @param forecasts forecasts for horizons 1..H (length H, not modified)
     * @param lower receives the lower bounds (modified)
     * @param upper receives the upper bounds (modified)
     */
    public void intervals(double[] forecasts, double[] lower, double[] upper) {
        if (forecasts.length != methods.length || lower.length != methods.length || upper.length != methods.length) {
            throw new IllegalArgumentException("expected arrays of length " + methods.length);
        }
        for (int h = 0; h < methods.length; h++) {
            Interval iv = methods[h].interval(forecasts[h]);
            lower[h] = iv.lower();
            upper[h] = iv.upper();
        }
    }

    /**
     * A new observation y_t arrives: it resolves, for every horizon h whose method has a waiting interval, the
     * oldest issued forecast of horizon h (the one made at origin t-h), once h intervals of that horizon are
     * in flight.
     */
    public void observe(double truth) {
        for (int h = 1; h <= methods.length; h++) {
            if (methods[h - 1].pending() >= h) {
                methods[h - 1].observe(truth);
            }
        }
    }

    private void check(int h) {
        if (h < 1 || h > methods.length) {
            throw new IllegalArgumentException("horizon must be in [1, " + methods.length + "], got " + h);
        }
    }
}
