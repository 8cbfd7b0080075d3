package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weir.data.MackeyGlass;
import org.weir.readout.LinearReadout;
import org.weir.reservoir.EchoStateReservoir;

/**
 * Feasible Learning on Mackey-Glass one-step prediction with echo-state reservoir states (issue 4): with a
 * per-sample bound between the ridge readout's median and max training error the bound holds on every training
 * row and the test max error falls below ridge's; below the smallest feasible bound the status is
 * INFEASIBLE_SUSPECTED and eps* is reported (checked against an independent LP in ojAlgo).
 */
class MackeyGlassFeasibleLearningTest {
    static final int UNITS = 100;
    static final int WARMUP = 100;
    static final int TRAIN = 2000;
    static final int TEST = 1000;

    record Task(double[][] xTrain, double[][] yTrain, double[][] xTest, double[][] yTest) {
    }

    /** Reservoir states for MG one-step: input x_norm[t], target x_norm[t+1]; warm-up rows dropped. */
    static Task task(int units, int train, int test, long seed) {
        double[] x = MackeyGlass.xNorm(MackeyGlass.standard().generate(WARMUP + train + test + 1));
        EchoStateReservoir res = EchoStateReservoir.builder().units(units).spectralRadius(1.25).leakRate(0.3)
                .inputScaling(1.0).connectivity(0.1).seed(seed).build(1);
        int steps = WARMUP + train + test;
        double[][] in = new double[steps][1];
        for (int t = 0; t < steps; t++) {
            in[t][0] = x[t];
        }
        double[][] states = res.run(in);
        double[][] xTr = new double[train][];
        double[][] yTr = new double[train][1];
        double[][] xTe = new double[test][];
        double[][] yTe = new double[test][1];
        for (int i = 0; i < train; i++) {
            xTr[i] = states[WARMUP + i];
            yTr[i][0] = x[WARMUP + i + 1];
        }
        for (int i = 0; i < test; i++) {
            xTe[i] = states[WARMUP + train + i];
            yTe[i][0] = x[WARMUP + train + i + 1];
        }
        return new Task(xTr, yTr, xTe, yTe);
    }

    /** {max, mean, median} absolute error. */
    static double[] errors(LinearReadout ro, double[][] x, double[][] y) {
        double[][] p = ro.predict(x);
        double[] a = new double[y.length];
        double max = 0;
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            a[i] = Math.abs(y[i][0] - p[i][0]);
            max = Math.max(max, a[i]);
            sum += a[i];
        }
        java.util.Arrays.sort(a);
        return new double[] {max, sum / y.length, a[a.length / 2]};
    }

    @Test
    void feasibleLearningMeetsEveryBoundAndLowersTestMaxError() {
        Task t = task(UNITS, TRAIN, TEST, 1);
        ConstrainedFit.Options opts = ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(1e-6));
        LinearReadout ridge = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(), List.of(), opts).readout();
        double[] rTrain = errors(ridge, t.xTrain(), t.yTrain());
        double[] rTest = errors(ridge, t.xTest(), t.yTest());
        double eps = 0.5 * (rTrain[2] + rTrain[0]);
        ConstrainedFit.Result fl = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + eps + " per-sample")), opts);
        double[] fTrain = errors(fl.readout(), t.xTrain(), t.yTrain());
        double[] fTest = errors(fl.readout(), t.xTest(), t.yTest());
        System.out.printf("MG one-step, N=%d, T=%d: ridge train max/mean/median %.3e/%.3e/%.3e, test max/mean %.3e/%.3e%n",
                UNITS, TRAIN, rTrain[0], rTrain[1], rTrain[2], rTest[0], rTest[1]);
        System.out.printf("  feasible learning eps=%.3e: train max/mean %.3e/%.3e, test max/mean %.3e/%.3e%n  %s%n",
                eps, fTrain[0], fTrain[1], fTest[0], fTest[1], fl.certificate());
        assertEquals(Status.CERTIFIED, fl.certificate().status());
        assertTrue(fTrain[0] <= eps * (1 + 1e-6), "every per-sample bound holds: max " + fTrain[0]);
        assertTrue(fTest[0] < rTest[0], "test max error " + fTest[0] + " must be below ridge's " + rTest[0]);
    }

    @Test
    void boundBelowTheFeasibleMinimumIsReportedWithEpsStar() {
        Task t = task(UNITS, 600, 10, 1);
        double[] y = new double[t.yTrain().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = t.yTrain()[i][0];
        }
        double lp = OjAlgoReference.chebyshev(t.xTrain(), y);
        ConstrainedFit.Result fl = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + (0.5 * lp))),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(1e-6)));
        Certificate c = fl.certificate();
        System.out.printf("MG N=%d, T=600, eps=%.4e: %s%n  ojAlgo LP min max |error| = %.6e%n", UNITS, 0.5 * lp, c, lp);
        assertEquals(Status.INFEASIBLE_SUSPECTED, c.status());
        assertTrue(c.epsStarLower() <= lp * (1 + 1e-7) && lp <= c.epsStar() * (1 + 1e-7),
                "eps* bracket [" + c.epsStarLower() + ", " + c.epsStar() + "] must contain the LP value " + lp);
        // the bracket is certified; after its iteration budget it is within 0.5 % here
        assertEquals(lp, c.epsStar(), 5e-3 * lp);
    }
}
