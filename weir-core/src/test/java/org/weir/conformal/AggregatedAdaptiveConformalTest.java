package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AggregatedAdaptiveConformalTest {

    @Test
    void singleExpertIsAci() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] cal = new double[100];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = rnd.nextGaussian();
        }
        AggregatedAdaptiveConformal ag = new AggregatedAdaptiveConformal(0.1, new double[] {0.02}, 0);
        AdaptiveConformal aci = new AdaptiveConformal(0.1, 0.02, 0);
        ag.calibrate(Calibration.ofResiduals(cal));
        aci.calibrate(Calibration.ofResiduals(cal));
        for (int s = 0; s < 500; s++) {
            double r = (s < 250 ? 1 : 3) * rnd.nextGaussian();
            Interval a = aci.interval(1.0);
            Interval b = ag.interval(1.0);
            if (a.isBounded()) {
                assertEquals(a.lower(), b.lower(), 1e-12, "step " + s);
                assertEquals(a.upper(), b.upper(), 1e-12, "step " + s);
            }
            aci.update(r);
            ag.update(r);
        }
    }

    /**
     * Two experts, gamma 0 and 1, alpha 0.2, calibration residuals 1..9 (window 9). Hand computation with the
     * formulas of the class comment (ACI: q = ceil(10 (1 - alpha_t))-th smallest score, +inf past 9; BOA: opera
     * 1.2.0 with K = 2, log K = ln 2):
     * <ol>
     * <li>both experts at alpha_t = 0.2: rank 8, q = 8, uniform weights: [f-8, f+8]. Residual 10 misses. BOA: every
     * regret r_k = g (x_hat - x_k) is 0 (the experts agree), so R_k stays 0 and the weights stay uniform. ACI:
     * expert 1 goes to 0.2 + 1 (0.2 - 1) = -0.6, expert 0 stays at 0.2. Window {2..10}, largest residual 10.</li>
     * <li>expert 0: 8th of {2..10} = 9; expert 1: alpha_t < 0, infinite, replaced by scale x 10. Scale 1: bounds
     * -+(9 + 10)/2 = -+9.5; scale 3: -+(9 + 30)/2 = -+19.5. Residual 0 (covered). Upper BOA (tau 0.9) with scale 1:
     * g = 1{0 < 9.5} - 0.9 = 0.1, r_0 = 0.1 (9.5 - 9) = 0.05, r_1 = -0.05; B = 0.05, B2 = 2^ceil(log2 0.05) = 1/16,
     * V = 0.0025, eta = min(16, sqrt(ln 2 / 0.0025) = 16.65) = 16; R_0 = (0.05 - 16 0.0025 + 1/16 [16 0.05 > 1/2])/2
     * = 0.03625, R_1 = (-0.05 - 0.04)/2 = -0.045; w_0 = 1 / (1 + exp(16 (-0.045 - 0.03625))) = 1/(1 + e^-1.3).
     * The lower BOA (tau 0.1, g = -0.1, x = (-9, -10), x_hat = -9.5) gives the same regrets, the same weights.</li>
     * <li>window {3..10, 0}: expert 0 still 9, expert 1 still infinite (alpha_t = -0.4), 10: upper bound
     * 9 w_0 + 10 (1 - w_0), lower bound its negative.</li>
     * </ol>
     */
    @Test
    void handComputedInfiniteBoundReplacementAndBoaStep() {
        double[] cal = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        AggregatedAdaptiveConformal m = new AggregatedAdaptiveConformal(0.2, new double[] {0, 1}, 0);
        AggregatedAdaptiveConformal m3 = new AggregatedAdaptiveConformal(0.2, new double[] {0, 1}, 0, 3);
        m.calibrate(Calibration.ofResiduals(cal));
        m3.calibrate(Calibration.ofResiduals(cal));
        double f = 5;
        Interval a = m.interval(f);
        assertEquals(f - 8, a.lower(), 1e-12);
        assertEquals(f + 8, a.upper(), 1e-12);
        m3.interval(f);
        m.update(10);
        m3.update(10);
        assertEquals(0.5, m.upperWeights()[0], 1e-15, "agreeing experts keep uniform weights");
        Interval b = m.interval(f);
        assertEquals(f - 9.5, b.lower(), 1e-12);
        assertEquals(f + 9.5, b.upper(), 1e-12);
        Interval b3 = m3.interval(f);
        assertEquals(f - 19.5, b3.lower(), 1e-12);
        assertEquals(f + 19.5, b3.upper(), 1e-12);
        m.update(0);
        double w0 = 1 / (1 + Math.exp(-1.3));
        assertEquals(w0, m.upperWeights()[0], 1e-12);
        assertEquals(w0, m.lowerWeights()[0], 1e-12);
        Interval c = m.interval(f);
        double u = 9 * w0 + 10 * (1 - w0);
        System.out.printf("AgACI hand case: w_0 = %.6f, third interval offset %.6f (expected %.6f)%n",
                m.upperWeights()[0], c.upper() - f, u);
        assertEquals(f + u, c.upper(), 1e-12);
        assertEquals(f - u, c.lower(), 1e-12);
    }

    @Test
    void boaRangeRoundsUpToAPowerOfTwo() {
        assertEquals(0.0625, AggregatedAdaptiveConformal.Boa.powerOfTwoCeil(0.05), 0);
        assertEquals(0.0625, AggregatedAdaptiveConformal.Boa.powerOfTwoCeil(0.0625), 0);
        assertEquals(4, AggregatedAdaptiveConformal.Boa.powerOfTwoCeil(2.5), 0);
        assertEquals(0x1p-20, AggregatedAdaptiveConformal.Boa.powerOfTwoCeil(0x1p-20), 0);
    }

    @Test
    void defaultGridIsTheAuthorsThirtyStepSizes() {
        double[] g = AggregatedAdaptiveConformal.defaultGrid();
        assertEquals(30, g.length);
        assertEquals(0, g[0]);
        assertEquals(0.000005, g[1]);
        assertEquals(0.09, g[29]);
    }

    /** Long-run miscoverage on an exchangeable (i.i.d. Gaussian) series, 4000 test steps: within 0.015 of alpha. */
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {4, 5, 6})
    void longRunCoverageOnAnExchangeableSeries(long seed) {
        double alpha = 0.1;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cal = new double[300];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = rnd.nextGaussian();
        }
        double err = miscoverage(alpha, cal, rnd, s -> 1.0);
        System.out.printf("AgACI exchangeable series, seed %d: miscoverage %.4f (alpha %.2f)%n", seed, err, alpha);
        assertEquals(alpha, err, 0.015);
    }

    /** Long-run miscoverage when the noise level jumps 1 -> 5 -> 1 every 500 steps: within 0.02 of alpha. */
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {4, 5, 6})
    void longRunCoverageOnAShiftingSeriesWithBoundedIntervals(long seed) {
        double alpha = 0.1;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cal = new double[300];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = rnd.nextGaussian();
        }
        double err = miscoverage(alpha, cal, rnd, s -> (s / 500) % 2 == 0 ? 1 : 5);
        System.out.printf("AgACI shifting series, seed %d: miscoverage %.4f (alpha %.2f)%n", seed, err, alpha);
        assertEquals(alpha, err, 0.02);
    }

    private static double miscoverage(double alpha, double[] cal, SplittableRandom rnd,
            java.util.function.IntToDoubleFunction scale) {
        AggregatedAdaptiveConformal m = AggregatedAdaptiveConformal.withDefaultGrid(alpha);
        m.calibrate(Calibration.ofResiduals(cal));
        int t = 4000;
        int miss = 0;
        for (int s = 0; s < t; s++) {
            double r = scale.applyAsDouble(s) * rnd.nextGaussian();
            Interval iv = m.interval(0);
            assertTrue(iv.isBounded());
            miss += iv.contains(r) ? 0 : 1;
            m.update(r);
        }
        double wsum = 0;
        for (double w : m.upperWeights()) {
            wsum += w;
        }
        assertEquals(1.0, wsum, 1e-12);
        return (double) miss / t;
    }

    @Test
    void forecastOffsetsDoNotChangeTheIntervals() {
        // the same residuals, once around forecast 0 (update with residuals) and once around a moving forecast
        // (observe truths): the offsets must agree up to rounding. Before the BOA noise floor, the one-ulp rounding
        // of the aggregate at the first step (all experts equal) set a learning rate near 1e16 on one path and not
        // on the other: the offsets parted at the third step, by up to 3.9 later on this series. opera's BOA, now
        // used, starts its loss range at 2^-20, which keeps one-ulp regrets harmless without a noise floor.
        // the regime-switching series of ResCpRegimeSwitchingTest (seed 2026), residuals kept as drawn
        SplittableRandom rnd = new SplittableRandom(2026);
        int n = 4000;
        int cal = 2000;
        double[] f = new double[n];
        double[] r = new double[n];
        int regime = 0;
        for (int t = 0; t < n; t++) {
            if (rnd.nextDouble() < 0.02) {
                regime = 1 - regime;
            }
            f[t] = 3 * Math.sin(t / 10.0) + Math.cos(t / 37.0);
            double e = rnd.nextGaussian();
            r[t] = regime == 0 ? 0.3 * e : 1.5 * e + 0.5 * Math.abs(rnd.nextGaussian());
        }
        AggregatedAdaptiveConformal a = AggregatedAdaptiveConformal.withDefaultGrid(0.1);
        AggregatedAdaptiveConformal b = AggregatedAdaptiveConformal.withDefaultGrid(0.1);
        a.calibrate(Calibration.ofResiduals(java.util.Arrays.copyOf(r, cal)));
        double[] fc = java.util.Arrays.copyOf(f, cal);
        double[] yc = new double[cal];
        for (int t = 0; t < cal; t++) {
            yc[t] = f[t] + r[t];
        }
        b.calibrate(Calibration.of(fc, yc));
        double maxDiff = 0;
        for (int t = cal; t < n; t++) {
            Interval ia = a.interval(0);
            Interval ib = b.interval(f[t]);
            maxDiff = Math.max(maxDiff, Math.abs(ia.lower() - (ib.lower() - f[t])));
            maxDiff = Math.max(maxDiff, Math.abs(ia.upper() - (ib.upper() - f[t])));
            a.update(r[t]);
            b.observe(f[t] + r[t]);
        }
        System.out.printf("AgACI: max offset difference between the two paths %.3e%n", maxDiff);
        assertTrue(maxDiff < 1e-6, "paths differ by " + maxDiff);
    }
}
