package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weir.readout.LinearReadout;

/**
 * Group mean-squared-error bounds on data with a group column: a minority group whose targets follow a
 * different relation is served badly by ridge; the bound brings the worst group's error down to the bound
 * while the overall error rises only a little. Dual ascent, ADMM and the augmented Lagrangian (three different
 * algorithms, two different dual views) must agree, each CERTIFIED by its own dual bound.
 */
class GroupConstraintTest {
    record Grouped(double[][] x, double[][] y, int[] g) {
    }

    static Grouped data(long seed, int n, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[d];
        double[] wMinor = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = r.nextDouble(-1, 1);
            wMinor[j] = w[j] + r.nextDouble(-0.6, 0.6);
        }
        double[][] x = new double[n][d];
        double[][] y = new double[n][1];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            g[i] = u < 0.12 ? 2 : (u < 0.5 ? 1 : 0);
            double s = g[i] == 2 ? 0.4 : 0.0;
            for (int j = 0; j < d; j++) {
                x[i][j] = TestProblems.gaussian(r) + (g[i] == 2 ? 0.5 : 0.0);
                s += (g[i] == 2 ? wMinor[j] : w[j]) * x[i][j];
            }
            y[i][0] = s + 0.2 * TestProblems.gaussian(r);
        }
        return new Grouped(x, y, g);
    }

    static double[] groupMse(LinearReadout ro, Grouped data) {
        double[][] p = ro.predict(data.x());
        double[] s = new double[4];
        int[] c = new int[4];
        for (int i = 0; i < p.length; i++) {
            double e = data.y()[i][0] - p[i][0];
            s[data.g()[i]] += e * e;
            c[data.g()[i]]++;
            s[3] += e * e;
            c[3]++;
        }
        for (int q = 0; q < 4; q++) {
            s[q] /= c[q];
        }
        return s;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9})
    void worstGroupFallsToTheBound(long seed) {
        System.out.println("GroupConstraintTest seed=" + seed);
        Grouped data = data(seed, 400, 6);
        ConstrainedFit.Options base = ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(1e-3));
        LinearReadout ridge = ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(), base).readout();
        double[] before = groupMse(ridge, data);
        double worst = Math.max(before[0], Math.max(before[1], before[2]));
        double bound = 0.5 * worst;
        ConstraintSpec spec = ConstraintSpec.parse("mse<=" + bound + " per-group=grp");
        double ref = Double.NaN;
        for (Solver s : new Solver[] {Solver.DUAL_ASCENT, Solver.ADMM, Solver.AUGMENTED}) {
            ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), Map.of("grp", data.g()), List.of(spec),
                    base.withSolver(s).withSolverOptions(
                            SolverOptions.builder().maxIterations(s == Solver.AUGMENTED ? 60 : 20000).build()));
            double[] after = groupMse(r.readout(), data);
            System.out.printf("  %s: ridge group mse %.4f/%.4f/%.4f overall %.4f -> bound %.4f: %.4f/%.4f/%.4f overall %.4f%n  %s%n",
                    s, before[0], before[1], before[2], before[3], bound, after[0], after[1], after[2], after[3],
                    r.certificate());
            Certificate c = r.certificate();
            assertEquals(Status.CERTIFIED, c.status(), s + " seed " + seed);
            assertTrue(c.gap() < 1e-6 && c.maxViolation() < 1e-8, c.toString());
            double worstAfter = Math.max(after[0], Math.max(after[1], after[2]));
            assertEquals(bound, worstAfter, 1e-7 * bound, "the worst group's error falls exactly to the bound");
            assertTrue(after[3] < before[3] * 1.5, "overall mse rises only a little: " + before[3] + " -> " + after[3]);
            assertTrue(after[3] >= before[3] - 1e-12, "ridge minimizes the overall error");
            if (Double.isNaN(ref)) {
                ref = c.objective();
            } else {
                assertEquals(ref, c.objective(), 1e-6 * ref, "solvers agree");
            }
        }
    }
}
