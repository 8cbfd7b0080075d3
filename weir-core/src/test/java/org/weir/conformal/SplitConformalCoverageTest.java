package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Split conformal validity on exchangeable data. Residuals are Uniform(-1, 1), so the coverage of an issued
 * interval given the calibration set is known exactly ({@code P(L <= Y <= U) = (min(U,1) - max(L,-1))/2});
 * averaging it over seeded trials estimates the marginal coverage with a small, computable Monte-Carlo error.
 * Theory (Vovk et al. 2005; Lei et al. 2018): marginal coverage of the symmetric method is exactly
 * {@code k/(n+1)}, {@code k = ceil((n+1)(1-alpha))}, which lies in {@code [1-alpha, 1-alpha+1/(n+1)]}.
 */
class SplitConformalCoverageTest {
    private static final int TRIALS = 4000;

    static double exactCoverage(Interval iv) {
        double lo = Math.max(iv.lower(), -1);
        double hi = Math.min(iv.upper(), 1);
        return Math.max(0, hi - lo) / 2;
    }

    @ParameterizedTest(name = "n={0} alpha={1} seed={2}")
    @CsvSource({"19,0.1,101", "50,0.1,102", "99,0.2,103", "30,0.05,104", "200,0.1,105"})
    void symmetricCoverageWithinTheBounds(int n, double alpha, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SplitConformal m = SplitConformal.symmetric(alpha);
        double sum = 0;
        double sumSq = 0;
        double[] r = new double[n];
        for (int trial = 0; trial < TRIALS; trial++) {
            for (int i = 0; i < n; i++) {
                r[i] = 2 * rnd.nextDouble() - 1;
            }
            m.calibrate(Calibration.ofResiduals(r));
            double c = exactCoverage(m.interval(0.0));
            m.update(0.0);
            sum += c;
            sumSq += c * c;
        }
        double mean = sum / TRIALS;
        double se = Math.sqrt((sumSq / TRIALS - mean * mean) / TRIALS);
        int k = WeightedQuantile.conformalRank(n, alpha);
        double exact = (double) k / (n + 1);
        System.out.printf("split n=%d alpha=%.2f seed=%d: mean coverage %.5f (se %.5f), theory %.5f, bounds [%.5f, %.5f]%n",
                n, alpha, seed, mean, se, exact, 1 - alpha, 1 - alpha + 1.0 / (n + 1));
        assertTrue(mean >= 1 - alpha - 4 * se, "seed " + seed + ": coverage " + mean + " below 1-alpha");
        assertTrue(mean <= 1 - alpha + 1.0 / (n + 1) + 4 * se, "seed " + seed + ": coverage " + mean + " above bound");
        assertEquals(exact, mean, 4 * se, "seed " + seed + ": coverage differs from k/(n+1)");
    }

    @ParameterizedTest(name = "n={0} alpha={1} seed={2}")
    @CsvSource({"39,0.1,201", "99,0.2,202"})
    void asymmetricCoverageWithinTheBounds(int n, double alpha, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SplitConformal m = SplitConformal.asymmetric(alpha);
        double sum = 0;
        double sumSq = 0;
        double[] r = new double[n];
        for (int trial = 0; trial < TRIALS; trial++) {
            for (int i = 0; i < n; i++) {
                r[i] = 2 * rnd.nextDouble() - 1;
            }
            m.calibrate(Calibration.ofResiduals(r));
            double c = exactCoverage(m.interval(0.0));
            m.update(0.0);
            sum += c;
            sumSq += c * c;
        }
        double mean = sum / TRIALS;
        double se = Math.sqrt((sumSq / TRIALS - mean * mean) / TRIALS);
        int k = WeightedQuantile.conformalRank(n, alpha / 2);
        double exact = (double) (2 * k - n - 1) / (n + 1); // P(r_(n+1-k) <= Y <= r_(k))
        System.out.printf("split-asym n=%d alpha=%.2f seed=%d: mean coverage %.5f (se %.5f), theory %.5f%n", n, alpha,
                seed, mean, se, exact);
        assertTrue(mean >= 1 - alpha - 4 * se, "seed " + seed);
        assertTrue(mean <= 1 - alpha + 2.0 / (n + 1) + 4 * se, "seed " + seed);
        assertEquals(exact, mean, 4 * se, "seed " + seed);
    }

    @Test
    void empiricalCoverageThroughTheRunner() {
        // end to end: 400 trials of n=49 calibration points and 50 test points each, Gaussian noise
        SplittableRandom rnd = new SplittableRandom(301);
        double alpha = 0.1;
        int n = 49;
        int m = 50;
        long covered = 0;
        long total = 0;
        for (int trial = 0; trial < 400; trial++) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = rnd.nextGaussian();
            }
            double[] f = new double[m];
            double[] y = new double[m];
            for (int t = 0; t < m; t++) {
                f[t] = rnd.nextGaussian() * 5;
                y[t] = f[t] + rnd.nextGaussian();
            }
            Intervals iv = ConformalRunner.run(SplitConformal.symmetric(alpha), Calibration.ofResiduals(r), f, y);
            for (int t = 0; t < m; t++) {
                covered += iv.get(t).contains(y[t]) ? 1 : 0;
                total++;
            }
        }
        double cov = (double) covered / total;
        // theory 45/50 = 0.9; trial-level sd about sqrt(0.9*0.1/51 + 0.09/50) ~ 0.06 -> se over 400 trials ~ 0.003
        System.out.printf("split empirical coverage %.4f (theory 0.9000)%n", cov);
        assertEquals(0.9, cov, 0.012);
    }

    @Test
    void tooFewCalibrationPointsGiveAnInfiniteInterval() {
        SplitConformal m = SplitConformal.symmetric(0.1);
        m.calibrate(Calibration.ofResiduals(new double[] {0.1, -0.2, 0.3, 0.4, -0.5}));
        Interval iv = m.interval(2.0);
        assertEquals(Double.NEGATIVE_INFINITY, iv.lower());
        assertEquals(Double.POSITIVE_INFINITY, iv.upper());
        // n = 9, alpha = 0.2: rank ceil(10*0.8) = 8 -> 8th smallest |r| = 0.8
        m = SplitConformal.symmetric(0.2);
        m.calibrate(Calibration.ofResiduals(new double[] {0.1, -0.2, 0.3, 0.4, -0.5, 0.6, -0.7, 0.8, 0.9}));
        assertEquals(new Interval(2.0 - 0.8, 2.0 + 0.8), m.interval(2.0));
        // asymmetric, alpha = 0.4: k = ceil(10*0.8) = 8; sorted signed -.7 -.5 -.2 .1 .3 .4 .6 .8 .9
        // -> upper = 8th smallest = 0.8, lower = (10-8) = 2nd smallest = -0.5
        m = SplitConformal.asymmetric(0.4);
        m.calibrate(Calibration.ofResiduals(new double[] {0.1, -0.2, 0.3, 0.4, -0.5, 0.6, -0.7, 0.8, 0.9}));
        assertEquals(new Interval(-0.5, 0.8), m.interval(0.0));
    }
}
