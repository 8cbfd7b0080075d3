package org.weir.conformal;

/**
 * An online conformal interval method for one forecast horizon: calibrate on past residuals, then for
 * every step issue an interval around the point forecast with {@link #interval(double)} and, once the
 * truth of the oldest issued step is known, report it with {@link #observe(double)} (or its residual with
 * {@link #update(double)}). Issued-but-unresolved steps queue up in order, so an h-step-ahead forecast is
 * handled by issuing h intervals before the first observation arrives (see {@link ConformalRunner}).
 *
 * <p>Target miscoverage is {@link #alpha()}: the interval should contain the truth with probability about
 * {@code 1 - alpha}. Implementations are mutable and single-threaded; {@link #calibrate} resets them.
 */
public interface IntervalMethod {

    /** Short name (split, aci, nexcp, ...), as on the command line. */
    String name();

    /** Target miscoverage level in (0, 1). */
    double alpha();

    /** Forgets everything and learns from the calibration data (residuals in time order). */
    void calibrate(Calibration calibration);

    /**
     * Issues the interval for the next step around the point forecast and queues the step until its truth
     * arrives.
     *
     * @param forecast point forecast for the step
     */
    Interval interval(double forecast);

    /**
     * Issues the interval for the next step when the method uses the model's feature vector (EnbPI centres
     * its interval on its own bootstrap ensemble's prediction for these features); other methods ignore it.
     *
     * @param forecast point forecast for the step
     * @param features the model's feature vector (reservoir state) for the step, or null (not modified, not retained)
     */
    default Interval interval(double forecast, double[] features) {
        return interval(forecast);
    }

    /**
     * Resolves the oldest issued step with its residual {@code y - forecast}.
     *
     * @throws IllegalStateException when no issued step is waiting
     */
    void update(double residual);

    /** Resolves the oldest issued step with its observed value {@code y}. */
    void observe(double truth);

    /** Number of issued steps still waiting for their truth. */
    int pending();
}
