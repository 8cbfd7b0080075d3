package org.weir.conformal;

/**
 * Common plumbing: the queue of issued forecasts, alpha validation, and the translation between
 * {@link #observe(double)} and {@link #update(double)}. Subclasses implement {@link #issue} and
 * {@link #resolve}.
 */
public abstract class AbstractIntervalMethod implements IntervalMethod {
    private final double alpha;
    private final DoubleFifo forecasts = new DoubleFifo(8);
    private boolean calibrated;

    protected AbstractIntervalMethod(double alpha) {
        this.alpha = checkAlpha(alpha);
    }

    /** Validates a miscoverage level. */
    public static double checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        return alpha;
    }

    @Override
    public final double alpha() {
        return alpha;
    }

    @Override
    public final void calibrate(Calibration calibration) {
        if (calibration == null) {
            throw new IllegalArgumentException("calibration must not be null");
        }
        forecasts.clear();
        reset(calibration);
        calibrated = true;
    }

    @Override
    public final Interval interval(double forecast) {
        return interval(forecast, null);
    }

    @Override
    public final Interval interval(double forecast, double[] features) {
        if (!calibrated) {
            throw new IllegalStateException(name() + ": calibrate before asking for intervals");
        }
        if (!Double.isFinite(forecast)) {
            throw new IllegalArgumentException("forecast must be finite, got " + forecast);
        }
        Interval iv = issue(forecast, features);
        forecasts.push(forecast);
        return iv;
    }

    @Override
    public final void update(double residual) {
        if (!Double.isFinite(residual)) {
            throw new IllegalArgumentException("residual must be finite, got " + residual);
        }
        double f = forecasts.pop();
        resolve(f, residual);
    }

    @Override
    public final void observe(double truth) {
        if (!Double.isFinite(truth)) {
            throw new IllegalArgumentException("observed value must be finite, got " + truth);
        }
        double f = forecasts.pop();
        resolve(f, truth - f);
    }

    @Override
    public final int pending() {
        return forecasts.size();
    }

    /** Forgets all state and learns from the calibration data. */
    protected abstract void reset(Calibration calibration);

    /** The interval for the next step (the step is queued by the caller). */
    protected abstract Interval issue(double forecast, double[] features);

    /**
     * Learns from the oldest issued step: its forecast and residual {@code y - forecast}. Called in the order
     * the steps were issued.
     */
    protected abstract void resolve(double forecast, double residual);

    @Override
    public String toString() {
        return name() + "(alpha=" + alpha + ")";
    }
}
