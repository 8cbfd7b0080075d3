package org.weir.conformal;

import java.util.Arrays;

/**
 * Split (inductive) conformal prediction (Papadopoulos et al. 2002; Vovk et al. 2005; Lei et al. 2018): the
 * interval is fixed by the calibration residuals and not updated online.
 * <ul>
 * <li>symmetric: {@code f +- q}, q the {@code ceil((n+1)(1-alpha))}-th smallest absolute residual;</li>
 * <li>asymmetric: {@code [f + r_(n+1-k), f + r_(k)]} with {@code k = ceil((n+1)(1-alpha/2))} over the sorted
 * signed residuals (each tail at level alpha/2).</li>
 * </ul>
 * A rank beyond n gives an infinite bound. For exchangeable data the coverage is at least {@code 1-alpha} and
 * (without ties) at most {@code 1-alpha+1/(n+1)} (symmetric) or {@code 1-alpha+2/(n+1)} (asymmetric).
 */
public final class SplitConformal extends AbstractIntervalMethod {
    private final boolean asymmetric;
    private double low;
    private double high;

    private SplitConformal(double alpha, boolean asymmetric) {
        super(alpha);
        this.asymmetric = asymmetric;
    }

    /** Split conformal on absolute residuals. */
    public static SplitConformal symmetric(double alpha) {
        return new SplitConformal(alpha, false);
    }

    /** Split conformal on signed residuals, alpha/2 in each tail. */
    public static SplitConformal asymmetric(double alpha) {
        return new SplitConformal(alpha, true);
    }

    @Override
    public String name() {
        return asymmetric ? "split-asym" : "split";
    }

    @Override
    protected void reset(Calibration calibration) {
        int n = calibration.size();
        double[] r = calibration.residuals();
        if (asymmetric) {
            Arrays.sort(r);
            int k = WeightedQuantile.conformalRank(n, alpha() / 2);
            high = k > n ? Double.POSITIVE_INFINITY : r[k - 1];
            int j = n + 1 - k;
            low = j < 1 ? Double.NEGATIVE_INFINITY : r[j - 1];
        } else {
            for (int i = 0; i < n; i++) {
                r[i] = Math.abs(r[i]);
            }
            double q = WeightedQuantile.conformalQuantile(r, alpha());
            low = -q;
            high = q;
        }
    }

    /** Offset of the lower bound from the forecast (may be -infinity). */
    public double lowerOffset() {
        return low;
    }

    /** Offset of the upper bound from the forecast (may be +infinity). */
    public double upperOffset() {
        return high;
    }

    @Override
    protected Interval issue(double forecast, double[] features) {
        return Interval.around(forecast, low, high);
    }

    @Override
    protected void resolve(double forecast, double residual) {
        // split conformal does not learn online
    }
}
