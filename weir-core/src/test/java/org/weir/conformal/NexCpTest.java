package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NexCpTest {

    @Test
    void handComputedWeights() {
        // |r| oldest to newest: 4, 1, 3 -> weights rho^3, rho^2, rho^1 = 0.125, 0.25, 0.5 and 1 at +inf (total 1.875)
        NexCp m = new NexCp(0.5, 0.5, 10);
        m.calibrate(Calibration.ofResiduals(new double[] {-4, 1, 3}));
        // level 0.5 -> target 0.9375: cumulative over sorted 1, 3, 4 is 0.25, 0.75, 0.875 -> +inf
        assertEquals(Interval.unbounded(), m.interval(0));
        m.update(0);
        NexCp m2 = new NexCp(0.6, 0.5, 10);
        m2.calibrate(Calibration.ofResiduals(new double[] {-4, 1, 3}));
        // level 0.4 -> target 0.75 -> 3
        assertEquals(new Interval(7, 13), m2.interval(10));
        // observing residual 0.2 (age 1, weight 0.5) shifts ages: 4:1/16, 1:1/8, 3:1/4, 0.2:1/2, inf:1 (total 1.9375)
        m2.update(0.2);
        // target 0.4 * 1.9375 = 0.775: cumulative 0.2->0.5, 1->0.625, 3->0.875 -> 3
        assertEquals(new Interval(-3, 3), m2.interval(0));
    }

    @Test
    void rhoOneIsSplitConformal() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n : new int[] {5, 9, 19, 57, 100}) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = rnd.nextGaussian();
            }
            for (double alpha : new double[] {0.05, 0.1, 0.2}) {
                NexCp nex = new NexCp(alpha, 1.0, 1000);
                SplitConformal split = SplitConformal.symmetric(alpha);
                nex.calibrate(Calibration.ofResiduals(r));
                split.calibrate(Calibration.ofResiduals(r));
                assertEquals(split.interval(1.5), nex.interval(1.5), "n " + n + " alpha " + alpha);
            }
        }
    }
}
