package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * AR(1) series {@code y_t = phi y_{t-1} + e_t}: the h-step forecast {@code phi^h y_t} has error variance
 * {@code (1 - phi^(2h))/(1 - phi^2)}, so each horizon needs its own calibration. The oracle 90% half-width is
 * {@code 1.645 sd_h}.
 */
class MultiHorizonIntervalsTest {

    @Test
    void perHorizonCalibrationMatchesTheAnalyticWidthsAndCovers() {
        double phi = 0.8;
        int hMax = 4;
        int n = 12000;
        SplittableRandom rnd = new SplittableRandom(17);
        double[] y = new double[n];
        for (int t = 1; t < n; t++) {
            y[t] = phi * y[t - 1] + rnd.nextGaussian();
        }
        int calEnd = 4000;
        MultiHorizonIntervals mh = new MultiHorizonIntervals(hMax, h -> new AdaptiveConformal(0.1, 0.005, 0));
        for (int h = 1; h <= hMax; h++) {
            double[] r = new double[calEnd - 100];
            for (int i = 0; i < r.length; i++) {
                int origin = 100 + i - h;
                r[i] = y[100 + i] - Math.pow(phi, h) * y[origin];
            }
            mh.calibrate(h, Calibration.ofResiduals(r));
        }
        double[] f = new double[hMax];
        double[] lo = new double[hMax];
        double[] hi = new double[hMax];
        int[] covered = new int[hMax];
        double[] width = new double[hMax];
        int origins = 0;
        for (int t = calEnd; t < n - hMax; t++) {
            for (int h = 1; h <= hMax; h++) {
                f[h - 1] = Math.pow(phi, h) * y[t];
            }
            mh.intervals(f, lo, hi);
            for (int h = 1; h <= hMax; h++) {
                covered[h - 1] += y[t + h] >= lo[h - 1] && y[t + h] <= hi[h - 1] ? 1 : 0;
                width[h - 1] += hi[h - 1] - lo[h - 1];
            }
            origins++;
            mh.observe(y[t + 1]);
            for (int h = 1; h <= hMax; h++) {
                // once the pipeline is full, h - 1 forecasts of horizon h are still in flight after each observation
                assertEquals(Math.min(h - 1, origins), mh.method(h).pending(), "pending of horizon " + h);
            }
        }
        for (int h = 1; h <= hMax; h++) {
            double sd = Math.sqrt((1 - Math.pow(phi, 2 * h)) / (1 - phi * phi));
            double cov = (double) covered[h - 1] / origins;
            double w = width[h - 1] / origins;
            System.out.printf("horizon %d: coverage %.4f, mean width %.4f, oracle width %.4f%n", h, cov, w,
                    2 * 1.645 * sd);
            assertEquals(0.9, cov, 0.015, "coverage of horizon " + h);
            assertEquals(2 * 1.645 * sd, w, 0.06 * 2 * 1.645 * sd, "width of horizon " + h);
            if (h > 1) {
                assertTrue(w > width[h - 2] / origins);
            }
        }
    }
}
