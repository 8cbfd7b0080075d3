package org.weir.conformal;

import java.util.Arrays;

/**
 * AgACI, aggregated adaptive conformal inference (Zaffran, Feron, Goude, Josse and Dieuleveut 2022, "Adaptive
 * conformal predictions for time series", ICML, arXiv 2202.07282). K ACI experts (Gibbs and Candes 2021) with
 * step sizes {@code gamma_k} share one window of absolute residuals; expert k proposes {@code f +- q_k}. Its lower
 * bounds are aggregated by one Bernstein online aggregation (BOA, Wintenberger 2017) under the pinball loss at
 * level {@code alpha/2}, its upper bounds by a second one at level {@code 1-alpha/2}, both with the gradient trick
 * (linearized loss), as in the authors' code (R package opera, {@code mixture(model = "BOA", loss.gradient = TRUE,
 * loss.type = list(name = "pinball", tau = ...))}, repository mzaffran/AdaptiveConformalPredictionsTimeSeries,
 * {@code AgACI/Script/acp_gamma.R} lines 59-62). The BOA update is opera 1.2.0's ({@link Boa}).
 *
 * <p>Aggregation needs finite bounds. An expert whose working level is {@code alpha_t <= 0} (more precisely whose
 * conformal rank exceeds the window) proposes the whole line; its bounds are replaced by {@code f -+ M_t} with
 * {@code M_t = infiniteBoundScale * (largest absolute residual seen so far, calibration included)}. The authors
 * replace infinite bounds by fixed thresholds chosen far outside the data ({@code -1000, 1000} on their simulated
 * series, {@code -100, 1000} on electricity prices: {@code acp_gamma.R} lines 51-52 and 135-136), which is
 * scale-dependent; the default scale {@value #DEFAULT_INFINITE_BOUND_SCALE} keeps the threshold at the edge of
 * what has been seen. An expert whose level is {@code alpha_t >= 1} proposes the empty set, counted as a miss by
 * its ACI update and entered into the aggregation as the forecast itself (the authors' code enters 0 on the scale
 * of y, {@code models.py} line 355, which is the forecast only for centred data).
 */
public final class AggregatedAdaptiveConformal extends AbstractIntervalMethod {
    /** Default multiple of the largest absolute residual that replaces an infinite expert bound. */
    public static final double DEFAULT_INFINITE_BOUND_SCALE = 1.0;

    /**
     * The authors' grid (mzaffran/AdaptiveConformalPredictionsTimeSeries, {@code main_acp.py} line 73 and
     * {@code AgACI/Script/acp_gamma.R} line 14): 0, 5e-6, 5e-5, 1e-4 to 9e-4, 1e-3 to 9e-3, 0.01 to 0.09.
     */
    private static final double[] AUTHORS_GRID = {0, 0.000005, 0.00005,
        0.0001, 0.0002, 0.0003, 0.0004, 0.0005, 0.0006, 0.0007, 0.0008, 0.0009,
        0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009,
        0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09};

    private final double[] gammas;
    private final int window;
    private final int k;
    private final double infiniteBoundScale;
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
     * @param gammas the experts' step sizes, each in [0, 1] (0: a split-conformal expert at level alpha), at
     *        least one
     * @param window rolling window of absolute residuals, 0 for the calibration size
     */
    public AggregatedAdaptiveConformal(double alpha, double[] gammas, int window) {
        this(alpha, gammas, window, DEFAULT_INFINITE_BOUND_SCALE);
    }

    /**
     * @param infiniteBoundScale an expert's infinite bound enters the aggregation as the forecast -+ this multiple
     *        of the largest absolute residual seen so far; at least 1
     */
    public AggregatedAdaptiveConformal(double alpha, double[] gammas, int window, double infiniteBoundScale) {
        super(alpha);
        if (gammas == null || gammas.length == 0) {
            throw new IllegalArgumentException("AgACI needs at least one gamma");
        }
        for (double g : gammas) {
            if (!(g >= 0 && g <= 1)) {
                throw new IllegalArgumentException("AgACI gamma must be in [0, 1], got " + g);
            }
        }
        if (window < 0) {
            throw new IllegalArgumentException("AgACI window must be 0 (calibration size) or positive, got " + window);
        }
        if (!(infiniteBoundScale >= 1 && infiniteBoundScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "AgACI infiniteBoundScale must be finite and at least 1, got " + infiniteBoundScale);
        }
        this.gammas = gammas.clone();
        this.window = window;
        this.k = gammas.length;
        this.infiniteBoundScale = infiniteBoundScale;
        this.lower = new Boa(k);
        this.upper = new Boa(k);
        this.lo = new double[k];
        this.hi = new double[k];
    }

    /** The 30 step sizes of Zaffran et al.'s experiments, 0 to 0.09 (see the class comment), window of calibration size. */
    public static AggregatedAdaptiveConformal withDefaultGrid(double alpha) {
        return withDefaultGrid(alpha, 0);
    }

    /** The authors' grid over a rolling window of {@code window} residuals (0: calibration size). */
    public static AggregatedAdaptiveConformal withDefaultGrid(double alpha, int window) {
        return new AggregatedAdaptiveConformal(alpha, defaultGrid(), window);
    }

    /** The authors' grid of step sizes (copy). */
    public static double[] defaultGrid() {
        return AUTHORS_GRID.clone();
    }

    @Override
    public String name() {
        return "agaci";
    }

    /** Current aggregation weights of the experts for the upper bound (copy). */
    public double[] upperWeights() {
        return upper.weights.clone();
    }

    /** Current aggregation weights of the experts for the lower bound (copy). */
    public double[] lowerWeights() {
        return lower.weights.clone();
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

    /** The finite radius an expert's radius q enters the aggregation with. */
    private double finiteRadius(double q) {
        if (q == Double.POSITIVE_INFINITY) {
            return infiniteBoundScale * maxScore;
        }
        return q == Double.NEGATIVE_INFINITY ? 0 : q;
    }

    @Override
    protected Interval issue(double forecast, double[] features) {
        double l = 0;
        double u = 0;
        for (int e = 0; e < k; e++) {
            double q = AdaptiveConformal.radius(scores, alphaT[e]);
            issued.push(q);
            double qq = finiteRadius(q);
            l -= lower.weights[e] * qq;
            u += upper.weights[e] * qq;
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
            double qq = finiteRadius(q);
            lo[e] = -qq;
            hi[e] = qq;
            double err = s <= q ? 0 : 1;
            alphaT[e] += gammas[e] * (alpha() - err);
        }
        double l = issued.pop();
        double u = issued.pop();
        // opera's gradient_pinball(x, y, tau) = 1{y < x} - tau at the aggregate x; offsets from the forecast give
        // the same differences x_hat - x_k and the same indicator as the bounds on the scale of y
        lower.update(lo, l, (residual < l ? 1 : 0) - alpha() / 2);
        upper.update(hi, u, (residual < u ? 1 : 0) - (1 - alpha() / 2));
        scores.add(s);
        maxScore = Math.max(maxScore, s);
    }

    /**
     * Bernstein online aggregation with the gradient trick and one learning rate per expert, step for step as
     * in the R package opera 1.2.0 ({@code R/BOA.R}, Gaillard and Goude; prior {@code w0 = 1/K}): with
     * {@code r_k = g (x_hat - x_k)} the linearized instantaneous regret against expert k ({@code g} the loss
     * gradient at the aggregate {@code x_hat}),
     * <pre>
     *   B_k = max(B_k, |r_k|) (B_k starts at 2^-20),   B2_k = 2^ceil(log2 B_k),   V_k += r_k^2,
     *   eta_k = min(1 / B2_k, sqrt(log K / V_k)),
     *   R_k += (r_k - eta_k r_k^2 + B2_k 1{eta_k r_k > 1/2}) / 2,
     *   w_k proportional to eta_k exp(eta_k R_k)
     * </pre>
     * (eta_k starts at 1, R_k at 0, so the first weights are uniform). A single expert always has weight 1.
     */
    static final class Boa {
        final double[] weights;
        private final double[] eta;
        private final double[] b;
        private final double[] v;
        private final double[] rReg;
        private final double logK;

        Boa(int k) {
            weights = new double[k];
            eta = new double[k];
            b = new double[k];
            v = new double[k];
            rReg = new double[k];
            logK = Math.log(k);
            reset();
        }

        void reset() {
            Arrays.fill(weights, 1.0 / weights.length);
            Arrays.fill(eta, 1);
            Arrays.fill(b, 0x1p-20);
            Arrays.fill(v, 0);
            Arrays.fill(rReg, 0);
        }

        /** experts' predictions x_k, aggregate xhat (made with the current weights), gradient g of the loss at xhat. */
        void update(double[] x, double xhat, double g) {
            int k = weights.length;
            if (k == 1) {
                return;
            }
            double best = Double.NEGATIVE_INFINITY;
            for (int e = 0; e < k; e++) {
                double r = g * (xhat - x[e]);
                b[e] = Math.max(b[e], Math.abs(r));
                double b2 = powerOfTwoCeil(b[e]);
                v[e] += r * r;
                double et = Math.min(1 / b2, Math.sqrt(logK / v[e])); // V = 0 gives +inf, so 1/B2
                eta[e] = et;
                rReg[e] += 0.5 * (r - et * r * r + (et * r > 0.5 ? b2 : 0));
                best = Math.max(best, Math.log(et) + et * rReg[e]);
            }
            double total = 0;
            for (int e = 0; e < k; e++) {
                double w = Math.exp(Math.log(eta[e]) + eta[e] * rReg[e] - best);
                weights[e] = w;
                total += w;
            }
            for (int e = 0; e < k; e++) {
                weights[e] /= total;
            }
        }

        /** {@code 2^ceil(log2 x)} for x > 0, exact on powers of two. */
        static double powerOfTwoCeil(double x) {
            int exp = Math.getExponent(x);
            double p = Math.scalb(1.0, exp);
            return p == x ? p : 2 * p;
        }
    }
}
