package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConformalPidTest {

    static double shifting(SplittableRandom rnd, int s, double bound) {
        double scale = (s / 500) % 2 == 0 ? 0.1 : 1.0;
        double r = scale * bound * (2 * rnd.nextDouble() - 1);
        return Math.max(-bound, Math.min(bound, r));
    }

    /** Quantile tracking alone: |mean err - alpha| <= (B + 2 eta)/(eta T) for scores in [0, B]. */
    @ParameterizedTest(name = "eta={0} seed={1}")
    @CsvSource({"0.01,1", "0.05,2", "0.2,3"})
    void quantileTrackingBound(double etaRel, long seed) {
        double alpha = 0.1;
        double bound = 10;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cal = new double[300];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = shifting(rnd, 600 + i, bound);
        }
        ConformalPid m = new ConformalPid(alpha, new ConformalPid.Options(etaRel, 0, 1, 0, 0.001));
        m.calibrate(Calibration.ofResiduals(cal));
        double bHat = 0;
        for (double c : cal) {
            bHat = Math.max(bHat, Math.abs(c));
        }
        double eta = etaRel * bHat;
        int t = 4000;
        int miss = 0;
        for (int s = 0; s < t; s++) {
            double r = shifting(rnd, s, bound);
            miss += m.interval(0).contains(r) ? 0 : 1;
            m.update(r);
        }
        double gap = Math.abs((double) miss / t - alpha);
        double b = (bound + 2 * eta) / (eta * t);
        System.out.printf("PID (P only) eta=%.2f: miscoverage %.4f, bound on |gap| %.4f%n", etaRel, (double) miss / t, b);
        assertTrue(gap <= b, "seed " + seed + " gap " + gap);
    }

    @ParameterizedTest(name = "lags={0}")
    @CsvSource({"0", "3"})
    void integratorAndScorecasterKeepLongRunCoverage(int lags) {
        double alpha = 0.1;
        SplittableRandom rnd = new SplittableRandom(9);
        double[] cal = new double[300];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = rnd.nextGaussian();
        }
        ConformalPid m = new ConformalPid(alpha, new ConformalPid.Options(0.05, 0.1, 1.0, lags, 0.001));
        m.calibrate(Calibration.ofResiduals(cal));
        int t = 4000;
        int miss = 0;
        for (int s = 0; s < t; s++) {
            double r = ((s / 400) % 2 == 0 ? 1 : 4) * rnd.nextGaussian();
            miss += m.interval(0).contains(r) ? 0 : 1;
            m.update(r);
        }
        double err = (double) miss / t;
        System.out.printf("PID (P+I, lags %d): miscoverage %.4f%n", lags, err);
        assertTrue(Math.abs(err - alpha) < 0.015, "miscoverage " + err);
    }
}
