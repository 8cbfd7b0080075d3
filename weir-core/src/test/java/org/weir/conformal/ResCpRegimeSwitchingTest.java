package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ResCP on a synthetic regime-switching series: a hidden two-state Markov chain (switch probability 0.02 per
 * step) sets the noise level (sd 0.3 or 1.5, the loud regime also skewed upward). The regime is invisible
 * to the forecaster but visible to ResCP's reservoir through the recent residuals. Split CP and NexCP can only
 * give one marginal (or slowly drifting) width; ResCP should match the regime.
 */
class ResCpRegimeSwitchingTest {
    static final int CAL = 2000;
    static final int TEST = 2000;

    /** Forecasts, truths; first CAL steps calibration, then TEST steps test. */
    static double[][] series(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = CAL + TEST;
        double[] f = new double[n];
        double[] y = new double[n];
        int regime = 0;
        for (int t = 0; t < n; t++) {
            if (rnd.nextDouble() < 0.02) {
                regime = 1 - regime;
            }
            f[t] = 3 * Math.sin(t / 10.0) + Math.cos(t / 37.0);
            double e = rnd.nextGaussian();
            double r = regime == 0 ? 0.3 * e : 1.5 * e + 0.5 * Math.abs(rnd.nextGaussian());
            y[t] = f[t] + r;
        }
        return new double[][] {f, y};
    }

    static ResCpGrid testGrid() {
        return new ResCpGrid(List.of(0.5, 0.9), List.of(0.5), List.of(1.0), List.of(0.02, 0.1), List.of(500, 1300), 0.3);
    }

    @ParameterizedTest(name = "alpha={0}")
    @ValueSource(doubles = {0.1, 0.05})
    void resCpIsCalibratedAndSharperThanSplitAndNexCp(double alpha) {
        double[][] s = series(2026);
        double[] f = s[0];
        double[] y = s[1];
        double[] fc = java.util.Arrays.copyOfRange(f, 0, CAL);
        double[] yc = java.util.Arrays.copyOfRange(y, 0, CAL);
        double[] ft = java.util.Arrays.copyOfRange(f, CAL, CAL + TEST);
        double[] yt = java.util.Arrays.copyOfRange(y, CAL, CAL + TEST);
        ResCp rescp = ResCp.tuned(alpha, ResCpConfig.builder().units(100).seed(7).build(), testGrid());
        // EnbPI fits its own readouts on the features the forecast is made of (calibration part as training)
        double[][] x = new double[CAL + TEST][];
        for (int t = 0; t < x.length; t++) {
            x[t] = new double[] {Math.sin(t / 10.0), Math.cos(t / 37.0)};
        }
        EnbPi enbpi = EnbPi.fit(alpha, java.util.Arrays.copyOf(x, CAL), yc, EnbPi.Options.defaults());
        List<IntervalMethod> methods = List.of(SplitConformal.symmetric(alpha), SplitConformal.asymmetric(alpha),
                new NexCp(alpha, 0.99, 2000), AdaptiveConformal.withGamma(alpha, 0.005),
                AggregatedAdaptiveConformal.withDefaultGrid(alpha), new ConformalPid(alpha, ConformalPid.Options.defaults()),
                enbpi, rescp);
        var report = ConformalEvaluation.evaluate(methods, Calibration.of(fc, yc), ft, yt, 1,
                java.util.Arrays.copyOfRange(x, CAL, CAL + TEST));
        System.out.printf("regime-switching series, alpha=%.2f, calibration %d, test %d%n%s", alpha, CAL, TEST,
                report.table());
        System.out.println("ResCP chosen: " + rescp.describe() + ", last ESS " + rescp.lastEffectiveSampleSize());
        var r = report.get("rescp");
        assertEquals(1 - alpha, r.coverage(), 0.02, "ResCP coverage");
        assertTrue(r.winkler() < report.get("split").winkler(), "ResCP Winkler not below split CP");
        assertTrue(r.winkler() < report.get("nexcp").winkler(), "ResCP Winkler not below NexCP");
    }
}
