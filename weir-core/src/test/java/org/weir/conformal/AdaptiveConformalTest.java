package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ACI against the deterministic long-run bound of Gibbs and Candes (2021, Proposition 4.1). */
class AdaptiveConformalTest {

    static double bound(double alpha, double gamma, int t) {
        return (Math.max(alpha, 1 - alpha) + gamma) / (gamma * t);
    }

    @Test
    void handComputedSteps() {
        AdaptiveConformal m = new AdaptiveConformal(0.2, 0.1, 0);
        m.calibrate(Calibration.ofResiduals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        // n = 9, alpha_1 = 0.2 -> rank ceil(10 * 0.8) = 8 -> q = 8
        assertEquals(new Interval(-8, 8), m.interval(0));
        m.update(8.5); // miss: alpha_2 = 0.2 + 0.1 (0.2 - 1) = 0.12; window {2..9, 8.5}
        assertEquals(0.12, m.workingAlpha(), 1e-15);
        // rank ceil(10 * 0.88) = 9 -> 9
        assertEquals(new Interval(1, 19), m.interval(10));
        m.update(0.0); // covered: alpha_3 = 0.12 + 0.1 * 0.2 = 0.14; window {0,3,4,5,6,7,8,8.5,9}
        assertEquals(0.14, m.workingAlpha(), 1e-15);
        assertEquals(new Interval(-9, 9), m.interval(0));
    }

    @ParameterizedTest(name = "alpha={0} gamma={1} seed={2}")
    @CsvSource({"0.1,0.005,1", "0.1,0.05,2", "0.05,0.01,3", "0.2,0.002,4"})
    void longRunMiscoverageOnAShiftingSeries(double alpha, double gamma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cal = new double[200];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = rnd.nextGaussian();
        }
        AdaptiveConformal m = new AdaptiveConformal(alpha, gamma, 0);
        m.calibrate(Calibration.ofResiduals(cal));
        int t = 5000;
        int miss = 0;
        for (int s = 0; s < t; s++) {
            // scale jumps tenfold every 700 steps and drifts in between; heavy-tailed bursts
            double scale = ((s / 700) % 2 == 0 ? 1 : 10) * (1 + s / 2000.0);
            double r = scale * (rnd.nextInt(20) == 0 ? 5 * rnd.nextGaussian() : rnd.nextGaussian());
            Interval iv = m.interval(0.0);
            miss += iv.contains(r) ? 0 : 1;
            m.update(r);
        }
        double gap = Math.abs((double) miss / t - alpha);
        System.out.printf("ACI alpha=%.2f gamma=%.3f seed=%d: miscoverage %.4f, |gap| %.4f, bound %.4f%n", alpha, gamma,
                seed, (double) miss / t, gap, bound(alpha, gamma, t));
        assertTrue(gap <= bound(alpha, gamma, t), "seed " + seed + ": gap " + gap);
    }

    /** The adversary sees each interval and places the truth just outside it whenever it is bounded. */
    @ParameterizedTest(name = "gamma={0}")
    @CsvSource({"0.01", "0.05", "0.2"})
    void boundHoldsAgainstAnAdaptiveAdversary(double gamma) {
        double alpha = 0.1;
        AdaptiveConformal m = new AdaptiveConformal(alpha, gamma, 50);
        SplittableRandom rnd = new SplittableRandom(7);
        double[] cal = new double[50];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = rnd.nextGaussian();
        }
        m.calibrate(Calibration.ofResiduals(cal));
        int t = 3000;
        int miss = 0;
        int unbounded = 0;
        for (int s = 0; s < t; s++) {
            Interval iv = m.interval(0.0);
            double r;
            if (iv.isBounded()) {
                r = iv.upper() + 0.5; // a miss
            } else {
                r = rnd.nextGaussian();
                unbounded++;
            }
            miss += iv.contains(r) ? 0 : 1;
            m.update(r);
        }
        double gap = Math.abs((double) miss / t - alpha);
        System.out.printf("ACI adversary gamma=%.2f: miscoverage %.4f, unbounded steps %d, bound %.4f%n", gamma,
                (double) miss / t, unbounded, bound(alpha, gamma, t));
        assertTrue(unbounded > 0);
        assertTrue(gap <= bound(alpha, gamma, t), "gap " + gap);
    }
}
