package org.weir.conformal;

/**
 * Adaptive conformal inference, ACI (Gibbs and Candes 2021, "Adaptive conformal inference under distribution
 * shift"): the working level follows {@code alpha_{t+1} = alpha_t + gamma (alpha - err_t)}, where err_t is 1
 * when step t was not covered; the interval is {@code f +- q_t} with q_t the split-conformal quantile at
 * level {@code alpha_t} of the most recent absolute residuals (a rolling window). When
 * {@code ceil((n+1)(1-alpha_t)) > n} (in particular {@code alpha_t <= 0}) the interval is the whole line; when
 * {@code alpha_t >= 1} it is the empty set, returned as the zero-width interval {@code [f, f]} and always
 * counted as a miss. Whatever the data, {@code |mean err - alpha| <= (max(alpha_1, 1-alpha_1) + gamma)/(gamma T)}.
 */
public final class AdaptiveConformal extends AbstractIntervalMethod {
    private final double gamma;
    private final int window;
    private SortedWindow scores;
    private final DoubleFifo issued = new DoubleFifo(8);
    private double alphaT;

    /**
     * @param alpha target miscoverage in (0, 1)
     * @param gamma step size, in (0, 1]
     * @param window number of most recent absolute residuals used for the quantile, at least 1; 0 to use the
     *        calibration size
     */
    public AdaptiveConformal(double alpha, double gamma, int window) {
        super(alpha);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("ACI gamma must be in (0, 1], got " + gamma);
        }
        if (window < 0) {
            throw new IllegalArgumentException("ACI window must be 0 (calibration size) or positive, got " + window);
        }
        this.gamma = gamma;
        this.window = window;
    }

    /** ACI with the step size of Gibbs and Candes (gamma = 0.005) over a window of the calibration size. */
    public static AdaptiveConformal withGamma(double alpha, double gamma) {
        return new AdaptiveConformal(alpha, gamma, 0);
    }

    @Override
    public String name() {
        return "aci";
    }

    public double gamma() {
        return gamma;
    }

    /** The current working level alpha_t. */
    public double workingAlpha() {
        return alphaT;
    }

    @Override
    protected void reset(Calibration calibration) {
        int n = calibration.size();
        scores = new SortedWindow(window == 0 ? n : window);
        for (int i = 0; i < n; i++) {
            scores.add(Math.abs(calibration.residual(i)));
        }
        issued.clear();
        alphaT = alpha();
    }

    /** Quantile radius at level a: +inf when the rank exceeds n, -inf (empty set) when a >= 1. */
    static double radius(SortedWindow scores, double a) {
        if (a >= 1) {
            return Double.NEGATIVE_INFINITY;
        }
        int n = scores.size();
        int k = WeightedQuantile.conformalRank(n, a);
        if (k > n) {
            return Double.POSITIVE_INFINITY;
        }
        if (k < 1) {
            return Double.NEGATIVE_INFINITY;
        }
        return scores.sorted(k - 1);
    }

    @Override
    protected Interval issue(double forecast, double[] features) {
        double q = radius(scores, alphaT);
        issued.push(q);
        if (q == Double.NEGATIVE_INFINITY) {
            return new Interval(forecast, forecast);
        }
        return Interval.around(forecast, -q, q);
    }

    @Override
    protected void resolve(double forecast, double residual) {
        double q = issued.pop();
        double s = Math.abs(residual);
        double err = s <= q ? 0.0 : 1.0;
        alphaT += gamma * (alpha() - err);
        scores.add(s);
    }
}
