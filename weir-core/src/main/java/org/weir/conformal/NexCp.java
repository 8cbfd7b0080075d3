package org.weir.conformal;

/**
 * Nonexchangeable split conformal, NexCP (Barber, Candes, Ramdas and Tibshirani 2023, "Conformal prediction
 * beyond exchangeability"): the interval is {@code f +- q} where q is the {@code 1-alpha} quantile of
 * {@code sum_i w~_i delta_{|r_i|} + w~_{n+1} delta_{+inf}}, with fixed weights {@code w_i = rho^(n+1-i)} that
 * decay with the age of residual i, {@code w_{n+1} = 1}, normalized. Residuals observed online join the
 * window, so recent errors dominate. The coverage gap is bounded by the weighted total-variation drift.
 */
public final class NexCp extends AbstractIntervalMethod {
    private final double rho;
    private final int window;
    private SortedWindow scores;
    private double[] weights;

    /**
     * @param alpha miscoverage in (0, 1)
     * @param rho weight decay in (0, 1]
     * @param window most recent residuals kept, at least 1 (weights beyond it are below rho^window)
     */
    public NexCp(double alpha, double rho, int window) {
        super(alpha);
        if (!(rho > 0 && rho <= 1)) {
            throw new IllegalArgumentException("NexCP rho must be in (0, 1], got " + rho);
        }
        if (window < 1) {
            throw new IllegalArgumentException("NexCP window must be at least 1, got " + window);
        }
        this.rho = rho;
        this.window = window;
    }

    @Override
    public String name() {
        return "nexcp";
    }

    public double rho() {
        return rho;
    }

    @Override
    protected void reset(Calibration calibration) {
        scores = new SortedWindow(window);
        weights = new double[window];
        for (int i = 0; i < calibration.size(); i++) {
            scores.add(Math.abs(calibration.residual(i)));
        }
    }

    @Override
    protected Interval issue(double forecast, double[] features) {
        int n = scores.size();
        // weight rho^age, age 1 for the newest residual; walk slots from newest to oldest
        int cap = scores.capacity();
        int slot = scores.nextSlot() - 1;
        if (slot < 0) {
            slot = n == cap ? cap - 1 : n - 1;
        }
        double w = rho;
        for (int k = 0; k < n; k++) {
            weights[slot] = w;
            w *= rho;
            slot = slot == 0 ? cap - 1 : slot - 1;
        }
        double q = WeightedQuantile.quantileSorted(scores.slotValues(), weights, scores.sortedSlots(), n, 1.0,
                1.0 - alpha());
        return Interval.around(forecast, -q, q);
    }

    @Override
    protected void resolve(double forecast, double residual) {
        scores.add(Math.abs(residual));
    }
}
