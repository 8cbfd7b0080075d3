package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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

    @Test
    void longRunCoverageOnAShiftingSeriesWithBoundedIntervals() {
        double alpha = 0.1;
        SplittableRandom rnd = new SplittableRandom(4);
        double[] cal = new double[300];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = rnd.nextGaussian();
        }
        AggregatedAdaptiveConformal m = AggregatedAdaptiveConformal.withDefaultGrid(alpha);
        m.calibrate(Calibration.ofResiduals(cal));
        int t = 4000;
        int miss = 0;
        for (int s = 0; s < t; s++) {
            double r = ((s / 500) % 2 == 0 ? 1 : 5) * rnd.nextGaussian();
            Interval iv = m.interval(0);
            assertTrue(iv.isBounded());
            miss += iv.contains(r) ? 0 : 1;
            m.update(r);
        }
        double err = (double) miss / t;
        double wsum = 0;
        for (double w : m.upperWeights()) {
            wsum += w;
        }
        System.out.printf("AgACI miscoverage %.4f, upper weights %s%n", err, java.util.Arrays.toString(m.upperWeights()));
        assertEquals(1.0, wsum, 1e-12);
        assertEquals(alpha, err, 0.02);
    }
}
