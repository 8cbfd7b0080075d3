package org.weir.conformal;

/**
 * Conformal PID control (Angelopoulos, Barber and Bates 2023, "Conformal PID control for time series
 * prediction", NeurIPS). The radius of {@code f +- q_t} on absolute residuals s_t is
 * {@code q_{t+1} = p_{t+1} + r_t(S_t) + g_{t+1}}:
 * <ul>
 * <li>P, quantile tracking: {@code p_{t+1} = p_t + eta (err_t - alpha)}, an online gradient step on the
 * pinball loss (err_t = 1 when s_t &gt; q_t);</li>
 * <li>I, saturating integrator of the coverage errors {@code S_t = sum_{i<=t}(err_i - alpha)}:
 * {@code r_t(x) = K_I tan(x log(t+1) / (C_sat (t+1)))}, infinite (so dropped) beyond +-pi/2, as in the
 * authors' code;</li>
 * <li>D, an optional scorecaster: an online linear quantile regression of s_t on its last {@code lags} values
 * (pinball-loss gradient steps), whose forecast is added to the radius.</li>
 * </ul>
 * {@code eta} and {@code K_I} are given relative to the largest calibration score B, so the defaults are scale
 * free. With {@code K_I = 0} and no scorecaster, scores bounded by B and {@code p_1 in [0, B]}, the long-run
 * miscoverage obeys {@code |mean err - alpha| <= (B + 2 eta)/(eta T)}.
 */
public final class ConformalPid extends AbstractIntervalMethod {

    /**
     * @param learningRate eta relative to B, positive
     * @param integratorGain K_I relative to B, at least 0 (0: no integrator)
     * @param saturation C_sat, positive
     * @param scorecasterLags number of lagged scores of the scorecaster, 0 for none
     * @param scorecasterRate scorecaster step size (relative to B), positive
     */
    public record Options(double learningRate, double integratorGain, double saturation, int scorecasterLags,
            double scorecasterRate) {
        public Options {
            if (!(learningRate > 0 && Double.isFinite(learningRate))) {
                throw new IllegalArgumentException("PID learning rate must be a finite number > 0, got " + learningRate);
            }
            if (!(integratorGain >= 0 && Double.isFinite(integratorGain))) {
                throw new IllegalArgumentException("PID integrator gain must be a finite number >= 0, got "
                        + integratorGain);
            }
            if (!(saturation > 0 && Double.isFinite(saturation))) {
                throw new IllegalArgumentException("PID saturation constant must be a finite number > 0, got "
                        + saturation);
            }
            if (scorecasterLags < 0 || scorecasterLags > 1000) {
                throw new IllegalArgumentException("PID scorecaster lags must be in [0, 1000], got " + scorecasterLags);
            }
            if (!(scorecasterRate > 0 && Double.isFinite(scorecasterRate))) {
                throw new IllegalArgumentException("PID scorecaster rate must be a finite number > 0, got "
                        + scorecasterRate);
            }
        }

        /** eta = 0.05 B, K_I = 0.1 B, C_sat = 1, no scorecaster. */
        public static Options defaults() {
            return new Options(0.05, 0.1, 1.0, 0, 0.001);
        }
    }

    private final Options options;
    private final DoubleFifo issued = new DoubleFifo(8);
    private double scale;
    private double p;
    private double errSum;
    private long steps;
    private double integrator;
    private double[] lagged;   // ring of the last lags scores, most recent at lagHead-1
    private double[] coef;     // scorecaster weights (lags) and bias at the end
    private int lagCount;
    private int lagHead;
    private double lastScorecast;

    public ConformalPid(double alpha, Options options) {
        super(alpha);
        if (options == null) {
            throw new IllegalArgumentException("PID options must be set");
        }
        this.options = options;
    }

    @Override
    public String name() {
        return "pid";
    }

    public Options options() {
        return options;
    }

    /** Current quantile-tracking term p_t. */
    public double trackedQuantile() {
        return p;
    }

    @Override
    protected void reset(Calibration cal) {
        int n = cal.size();
        double[] s = new double[n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            s[i] = Math.abs(cal.residual(i));
            max = Math.max(max, s[i]);
        }
        scale = max > 0 ? max : 1.0;
        double q0 = WeightedQuantile.conformalQuantile(s, alpha());
        p = Double.isFinite(q0) ? q0 : max;
        errSum = 0;
        steps = 0;
        integrator = 0;
        issued.clear();
        int lags = options.scorecasterLags();
        lagged = new double[Math.max(1, lags)];
        coef = new double[lags + 1];
        lagCount = 0;
        lagHead = 0;
        lastScorecast = 0;
        if (lags > 0) {
            // warm the scorecaster on the calibration scores (residual of the radius over the tracked quantile)
            for (int i = 0; i < n; i++) {
                trainScorecaster(s[i] - p);
                pushLag(s[i]);
            }
        }
    }

    private double scorecast() {
        int lags = options.scorecasterLags();
        if (lags == 0 || lagCount < lags) {
            return 0;
        }
        double g = coef[lags];
        for (int k = 0; k < lags; k++) {
            int idx = Math.floorMod(lagHead - 1 - k, lags);
            g += coef[k] * lagged[idx] / scale;
        }
        return g * scale;
    }

    /** One pinball-loss gradient step at level 1-alpha toward predicting {@code target} from the lags. */
    private void trainScorecaster(double target) {
        int lags = options.scorecasterLags();
        if (lagCount < lags) {
            return;
        }
        double pred = scorecast();
        double grad = target > pred ? -(1 - alpha()) : alpha(); // d/dpred of pinball loss
        double lr = options.scorecasterRate();
        for (int k = 0; k < lags; k++) {
            int idx = Math.floorMod(lagHead - 1 - k, lags);
            coef[k] -= lr * grad * lagged[idx] / scale;
        }
        coef[lags] -= lr * grad;
    }

    private void pushLag(double s) {
        int lags = options.scorecasterLags();
        if (lags == 0) {
            return;
        }
        lagged[lagHead] = s;
        lagHead = (lagHead + 1) % lags;
        lagCount = Math.min(lagCount + 1, lags);
    }

    @Override
    protected Interval issue(double forecast, double[] features) {
        lastScorecast = scorecast();
        double q = p + integrator + lastScorecast;
        issued.push(q);
        if (q < 0) {
            return new Interval(forecast, forecast); // empty set: every score is >= 0 > q
        }
        return Interval.around(forecast, -q, q);
    }

    @Override
    protected void resolve(double forecast, double residual) {
        double q = issued.pop();
        double s = Math.abs(residual);
        double err = s <= q ? 0 : 1;
        steps++;
        p += options.learningRate() * scale * (err - alpha());
        errSum += err - alpha();
        integrator = saturate(errSum, steps);
        if (options.scorecasterLags() > 0) {
            trainScorecaster(s - p - integrator);
            pushLag(s);
        }
    }

    private double saturate(double x, long t) {
        if (options.integratorGain() == 0) {
            return 0;
        }
        double arg = x * Math.log(t + 1) / (options.saturation() * (t + 1));
        if (arg >= Math.PI / 2 || arg <= -Math.PI / 2) {
            return 0; // the authors' code replaces an infinite integrator by 0
        }
        return options.integratorGain() * scale * Math.tan(arg);
    }
}
