package org.weir.conformal;

import java.util.Arrays;

/**
 * AgACI, aggregated adaptive conformal inference (Zaffran, Feron, Goude, Josse and Dieuleveut 2022, "Adaptive
 * conformal predictions for time series", ICML). K ACI experts with step sizes {@code gamma_k} share one window
 * of absolute residuals; their lower and upper bounds are aggregated separately by Bernstein online aggregation
 * (BOA, Wintenberger 2017, with adaptive per-expert learning rates as in the R package opera) under the pinball
 * loss at levels {@code alpha/2} (lower) and {@code 1-alpha/2} (upper). An expert's infinite bound is replaced by
 * the largest absolute residual seen so far before aggregation, and its empty set by the forecast itself.
 */
public final class AggregatedAdaptiveConformal extends AbstractIntervalMethod {
    private final double[] gammas;
    private final int window;
    private final int k;
    private SortedWindow scores;
    private double[] alphaT;
    private final DoubleFifo issued = new DoubleFifo(32); // per step: K radii, then aggregated lower, upper
    private final Boa lower;
    private final Boa upper;
    private final double[] lo;
    private final double[] hi;
    private double maxScore;

    /**
     * @param alpha miscoverage
     * @param gammas the experts' step sizes, each in (0, 1], at least one
     * @param window rolling window of absolute residuals, 0 for the calibration size
     */
    public AggregatedAdaptiveConformal(double alpha, double[] gammas, int window) {
        super(alpha);
        if (gammas == null || gammas.length == 0) {
            throw new IllegalArgumentException("AgACI needs at least one gamma");
        }
        for (double g : gammas) {
            if (!(g > 0 && g <= 1)) {
                throw new IllegalArgumentException("AgACI gamma must be in (0, 1], got " + g);
            }
        }
        if (window < 0) {
            throw new IllegalArgumentException("AgACI window must be 0 (calibration size) or positive, got " + window);
        }
        this.gammas = gammas.clone();
        this.window = window;
        this.k = gammas.length;
        this.lower = new Boa(k);
        this.upper = new Boa(k);
        this.lo = new double[k];
        this.hi = new double[k];
    }

    /** The grid of Zaffran et al.: gamma in {0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128}. */
    public static AggregatedAdaptiveConformal withDefaultGrid(double alpha) {
        return new AggregatedAdaptiveConformal(alpha,
                new double[] {0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128}, 0);
    }

    @Override
    public String name() {
        return "agaci";
    }

    /** Current aggregation weights of the experts for the upper bound (copy). */
    public double[] upperWeights() {
        return upper.weights.clone();
    }

    @Override
    protected void reset(Calibration cal) {
        int n = cal.size();
        scores = new SortedWindow(window == 0 ? n : window);
        maxScore = 0;
        for (int i = 0; i < n; i++) {
            double s = Math.abs(cal.residual(i));
            scores.add(s);
            maxScore = Math.max(maxScore, s);
        }
        alphaT = new double[k];
        Arrays.fill(alphaT, alpha());
        issued.clear();
        lower.reset();
        upper.reset();
    }

    @Override
    protected Interval issue(double forecast, double[] features) {
        double l = 0;
        double u = 0;
        for (int e = 0; e < k; e++) {
            double q = AdaptiveConformal.radius(scores, alphaT[e]);
            issued.push(q);
            double qq = q == Double.POSITIVE_INFINITY ? maxScore : (q == Double.NEGATIVE_INFINITY ? 0 : q);
            lo[e] = -qq;
            hi[e] = qq;
            l += lower.weights[e] * lo[e];
            u += upper.weights[e] * hi[e];
        }
        issued.push(l);
        issued.push(u);
        return Interval.around(forecast, Math.min(l, u), Math.max(l, u));
    }

    @Override
    protected void resolve(double forecast, double residual) {
        double s = Math.abs(residual);
        for (int e = 0; e < k; e++) {
            double q = issued.pop();
            double qq = q == Double.POSITIVE_INFINITY ? maxScore : (q == Double.NEGATIVE_INFINITY ? 0 : q);
            lo[e] = -qq;
            hi[e] = qq;
            double err = s <= q ? 0 : 1;
            alphaT[e] += gammas[e] * (alpha() - err);
        }
        double l = issued.pop();
        double u = issued.pop();
        // pinball gradient at the aggregate: d/dx rho_tau(r - x) = 1{r < x} - tau
        lower.update(lo, l, (residual < l ? 1 : 0) - alpha() / 2);
        upper.update(hi, u, (residual < u ? 1 : 0) - (1 - alpha() / 2));
        scores.add(s);
        maxScore = Math.max(maxScore, s);
    }

    /** Bernstein online aggregation with linearized losses and per-expert adaptive learning rates. */
    static final class Boa {
        final double[] weights;
        private final double[] regret;   // sum of r - eta r^2
        private final double[] sq;       // sum of r^2
        private final double[] eta;
        private double maxAbs;

        Boa(int k) {
            weights = new double[k];
            regret = new double[k];
            sq = new double[k];
            eta = new double[k];
            reset();
        }

        void reset() {
            Arrays.fill(weights, 1.0 / weights.length);
            Arrays.fill(regret, 0);
            Arrays.fill(sq, 0);
            Arrays.fill(eta, 0);
            maxAbs = 0;
        }

        /**
         * experts' predictions x_k, aggregate xhat, gradient g of the loss at xhat. A difference
         * {@code xhat - x_e} within the rounding error of {@code xhat = sum_j w_j x_j} (at most
         * {@code 2 K eps max_j |x_j|}) is taken as 0: experts that agree (all of them at the first step, when every
         * ACI starts from alpha) would otherwise produce regrets of one ulp, a learning-rate cap
         * {@code 1/(2 max|r|)} near 1e16, and weights collapsed onto one expert at the next step, so that results
         * depended on the rounding of the forecast offsets.
         */
        void update(double[] x, double xhat, double g) {
            int k = weights.length;
            double scale = Math.abs(xhat);
            for (int e = 0; e < k; e++) {
                scale = Math.max(scale, Math.abs(x[e]));
            }
            double noise = 2.0 * (k + 1) * Math.ulp(1.0) * scale;
            for (int e = 0; e < k; e++) {
                double d = xhat - x[e];
                if (Math.abs(d) <= noise) {
                    d = 0;
                }
                double r = g * d; // linearized instantaneous regret against expert e
                maxAbs = Math.max(maxAbs, Math.abs(r));
                regret[e] += r - eta[e] * r * r;
                sq[e] += r * r;
            }
            double logK = Math.log(Math.max(k, 2));
            double best = Double.NEGATIVE_INFINITY;
            for (int e = 0; e < k; e++) {
                double cap = maxAbs > 0 ? 1.0 / (2 * maxAbs) : Double.POSITIVE_INFINITY;
                eta[e] = sq[e] > 0 ? Math.min(cap, Math.sqrt(logK / sq[e])) : (Double.isFinite(cap) ? cap : 0);
                best = Math.max(best, eta[e] * regret[e]);
            }
            double total = 0;
            for (int e = 0; e < k; e++) {
                double w = eta[e] * Math.exp(eta[e] * regret[e] - best);
                weights[e] = w;
                total += w;
            }
            if (!(total > 0)) {
                Arrays.fill(weights, 1.0 / k);
                return;
            }
            for (int e = 0; e < k; e++) {
                weights[e] /= total;
            }
        }
    }
}
