package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.weir.readout.LinearReadout;
import org.weir.readout.RidgeReadout;

class EnbPiTest {

    static double[][] states(SplittableRandom rnd, int t, int d) {
        double[][] x = new double[t][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        return x;
    }

    static double target(double[] x, SplittableRandom rnd) {
        double s = 0.5;
        for (int j = 0; j < x.length; j++) {
            s += (j + 1) * 0.3 * x[j];
        }
        return s + 0.5 * rnd.nextGaussian();
    }

    @Test
    void bootstrapReadoutsAndLeaveOneOutMatchABruteForceRefit() {
        SplittableRandom rnd = new SplittableRandom(11);
        int t = 103;
        int l = 7;
        double[][] x = states(rnd, t, 4);
        double[] y = new double[t];
        for (int i = 0; i < t; i++) {
            y[i] = target(x[i], rnd);
        }
        EnbPi e = EnbPi.fit(0.1, x, y, new EnbPi.Options(6, l, 1e-3, 5));
        int[][] counts = e.blockCounts();
        int nb = (t + l - 1) / l;
        LinearReadout[] ref = new LinearReadout[6];
        for (int m = 0; m < 6; m++) {
            List<double[]> xs = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            int draws = 0;
            for (int b = 0; b < nb; b++) {
                draws += counts[m][b];
                for (int c = 0; c < counts[m][b]; c++) {
                    for (int i = b * l; i < Math.min(t, (b + 1) * l); i++) {
                        xs.add(x[i]);
                        ys.add(new double[] {y[i]});
                    }
                }
            }
            assertEquals(nb, draws);
            ref[m] = RidgeReadout.withRidge(1e-3).fit(xs.toArray(new double[0][]), ys.toArray(new double[0][]));
            assertArrayEquals(ref[m].weights(), e.model(m).weights(), 1e-9, "model " + m);
            assertArrayEquals(ref[m].bias(), e.model(m).bias(), 1e-9, "model " + m);
        }
        List<Double> loo = new ArrayList<>();
        double[] out = new double[1];
        for (int i = 0; i < t; i++) {
            double s = 0;
            int c = 0;
            for (int m = 0; m < 6; m++) {
                if (counts[m][i / l] == 0) {
                    ref[m].predict(x[i], out);
                    s += out[0];
                    c++;
                }
            }
            if (c > 0) {
                loo.add(Math.abs(y[i] - s / c));
            }
        }
        assertArrayEquals(loo.stream().mapToDouble(Double::doubleValue).toArray(), e.leaveOneOutScores(), 1e-9);
    }

    @Test
    void coverageOnAStationaryLinearProblem() {
        SplittableRandom rnd = new SplittableRandom(12);
        int t = 600;
        int m = 3000;
        double[][] x = states(rnd, t + m, 5);
        double[] y = new double[t + m];
        for (int i = 0; i < y.length; i++) {
            y[i] = target(x[i], rnd);
        }
        EnbPi e = EnbPi.fit(0.1, java.util.Arrays.copyOf(x, t), java.util.Arrays.copyOf(y, t), EnbPi.Options.defaults());
        double[] f = new double[m];
        double[][] xt = java.util.Arrays.copyOfRange(x, t, t + m);
        double[] yt = java.util.Arrays.copyOfRange(y, t, t + m);
        var r = ConformalEvaluation.evaluate(List.of(e), Calibration.ofResiduals(new double[] {0}), f, yt, 1, xt);
        System.out.print("EnbPI stationary linear problem\n" + r.table());
        // noise sd 0.5: the oracle interval +- 1.645*0.5 has width 1.645
        assertEquals(0.9, r.get("enbpi").coverage(), 0.02);
        assertEquals(1.645, r.get("enbpi").width(), 0.15);
        assertThrows(IllegalArgumentException.class, () -> e.interval(0.0));
    }
}
