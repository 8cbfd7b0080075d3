package org.weir.constrained;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.weir.readout.LinearReadout;

/** Seeded random regression instances and small helpers shared by the tests. */
final class TestProblems {
    private TestProblems() {
    }

    record Data(double[][] x, double[][] y, double[] y1) {
    }

    /** n rows, d Gaussian features, y = X w + b + noise with heavy-ish tails (Laplace-like). */
    static Data regression(long seed, int n, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = r.nextDouble(-1, 1);
        }
        double b = r.nextDouble(-0.5, 0.5);
        double[][] x = new double[n][d];
        double[][] y = new double[n][1];
        double[] y1 = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b;
            for (int j = 0; j < d; j++) {
                x[i][j] = gaussian(r);
                s += w[j] * x[i][j];
            }
            double u = r.nextDouble() - 0.5;
            double noise = -0.3 * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
            y[i][0] = s + noise;
            y1[i] = y[i][0];
        }
        return new Data(x, y, y1);
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Absolute training residuals of a single-output readout, sorted. */
    static double[] sortedAbsResiduals(LinearReadout ro, double[][] x, double[] y) {
        double[][] p = ro.predict(x);
        double[] a = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            a[i] = Math.abs(y[i] - p[i][0]);
        }
        Arrays.sort(a);
        return a;
    }

    /**
     * An output box that binds: {@code lo <= yhat_i <= hi} from the 11th lowest to the 15th highest prediction of the
     * unconstrained ridge readout, with the optimum of ridge regression under it by ojAlgo's QP (independent).
     */
    record OutputBox(double lo, double hi, double optimum) {
        List<ConstraintSpec> specs() {
            return List.of(ConstraintSpec.parse("output in [" + lo + "," + hi + "]"));
        }
    }

    static OutputBox outputBox(Data data, double ridge) {
        int n = data.x().length;
        int d = data.x()[0].length;
        double[][] p = ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(ridge))).readout().predict(data.x());
        double[] s = Arrays.stream(p).mapToDouble(r -> r[0]).sorted().toArray();
        double lo = s[10];
        double hi = s[n - 15];
        double[] los = new double[n];
        double[] his = new double[n];
        Arrays.fill(los, lo);
        Arrays.fill(his, hi);
        double ref = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(ridge))
                .rowBounds(los, his).solve(new double[d + 1]);
        return new OutputBox(lo, hi, ref);
    }

    static double[] theta(LinearReadout ro) {
        double[] t = new double[ro.features() + 1];
        for (int c = 0; c < ro.features(); c++) {
            t[c] = ro.weight(0, c);
        }
        t[ro.features()] = ro.bias()[0];
        return t;
    }

    /**
     * A certificate that proves the optimum {@code refObj} of an independent solver: certified status, duality gap
     * below 1e-6 (absolute and relative), violation below 1e-8, the same objective to 1e-6 relative, and a dual bound
     * not above the optimum.
     */
    static void assertCertifiedOptimum(Certificate c, double refObj, String msg) {
        org.junit.jupiter.api.Assertions.assertEquals(Status.CERTIFIED, c.status(), msg);
        org.junit.jupiter.api.Assertions.assertTrue(c.gap() < 1e-6 && c.relativeGap() < 1e-6, msg + " gap " + c.gap());
        org.junit.jupiter.api.Assertions.assertTrue(c.maxViolation() < 1e-8, msg + " violation " + c.maxViolation());
        org.junit.jupiter.api.Assertions.assertEquals(refObj, c.objective(), 1e-6 * Math.abs(refObj), msg);
        org.junit.jupiter.api.Assertions.assertTrue(c.dualBound() <= refObj + 1e-7 * Math.abs(refObj),
                msg + " dual bound above optimum");
    }
}
