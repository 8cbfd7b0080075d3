package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every solver against ojAlgo's convex QP (independent) on seeded random instances of each constraint family
 * it supports: relative objective within 1e-6, and when CERTIFIED a gap below 1e-6 and violations below 1e-8.
 */
class SolverAgreementTest {
    private static final int N = 120;
    private static final int D = 6;
    private static final double RIDGE = 1e-2;

    private static ConstrainedFit.Options options(Solver s) {
        return ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(RIDGE)).withSolver(s)
                .withSolverOptions(SolverOptions.builder().maxIterations(s == Solver.AUGMENTED ? 60 : 20000).build());
    }

    private static void check(String what, long seed, TestProblems.Data data, Map<String, int[]> groups,
            List<ConstraintSpec> specs, double refObj, Solver... solvers) {
        for (Solver s : solvers) {
            ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), groups, specs, options(s));
            Certificate c = r.certificate();
            System.out.println(what + " seed=" + seed + " " + c + "  ojAlgo=" + refObj);
            String msg = what + " " + s + " seed " + seed;
            TestProblems.assertCertifiedOptimum(c, refObj, msg);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 102, 103})
    void errorTube(long seed) {
        TestProblems.Data data = TestProblems.regression(seed, N, D);
        double cheb = OjAlgoReference.chebyshev(data.x(), data.y1());
        double[] res = TestProblems.sortedAbsResiduals(
                ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(), options(Solver.DUAL_ASCENT)).readout(),
                data.x(), data.y1());
        double eps = cheb + 0.4 * (res[res.length - 1] - cheb);
        double ref = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(RIDGE)).tube(eps)
                .solve(new double[D + 1]);
        check("tube", seed, data, Map.of(), List.of(ConstraintSpec.parse("abs-error<=" + eps + " per-sample")), ref,
                Solver.DUAL_ASCENT, Solver.ADMM, Solver.AUGMENTED, Solver.PROJECTION);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {111, 112, 113})
    void outputBox(long seed) {
        TestProblems.Data data = TestProblems.regression(seed, N, D);
        TestProblems.OutputBox box = TestProblems.outputBox(data, RIDGE);
        check("box", seed, data, Map.of(), box.specs(), box.optimum(), Solver.DUAL_ASCENT, Solver.ADMM,
                Solver.AUGMENTED, Solver.PROJECTION);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {121, 122, 123})
    void nonNegativeWeightsAndParity(long seed) {
        TestProblems.Data data = TestProblems.regression(seed, N, D);
        SplittableRandom r = new SplittableRandom(seed);
        int[] g = new int[N];
        for (int i = 0; i < N; i++) {
            // groups correlated with the first feature so parity binds
            g[i] = data.x()[i][0] > 0.3 ? 2 : (data.x()[i][0] < -0.3 ? 0 : 1);
            if (r.nextDouble() < 0.1) {
                g[i] = r.nextInt(3);
            }
        }
        double delta = 0.1;
        OjAlgoReference ref = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(RIDGE));
        double[] lo = new double[D + 1];
        double[] hi = new double[D + 1];
        Arrays.fill(lo, 0);
        lo[D] = Double.NEGATIVE_INFINITY;
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        ref.variableBounds(lo, hi);
        double[][] means = new double[3][D + 1];
        int[] cnt = new int[3];
        for (int i = 0; i < N; i++) {
            cnt[g[i]]++;
            for (int c = 0; c <= D; c++) {
                means[g[i]][c] += c == D ? 1 : data.x()[i][c];
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c <= D; c++) {
                means[a][c] /= cnt[a];
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                double[] row = new double[D + 1];
                for (int c = 0; c <= D; c++) {
                    row[c] = means[a][c] - means[b][c];
                }
                ref.linear(row, -delta, delta);
            }
        }
        double refObj = ref.solve(new double[D + 1]);
        check("nonneg+parity", seed, data, Map.of("grp", g),
                List.of(ConstraintSpec.parse("weights>=0"), ConstraintSpec.parse("parity<=" + delta + " per-group=grp")),
                refObj, Solver.DUAL_ASCENT, Solver.ADMM, Solver.AUGMENTED);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {131, 132})
    void monotoneWeights(long seed) {
        TestProblems.Data data = TestProblems.regression(seed, N, D);
        OjAlgoReference ref = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(RIDGE));
        for (int c = 0; c + 1 < D; c++) {
            double[] row = new double[D + 1];
            row[c] = -1;
            row[c + 1] = 1;
            ref.linear(row, 0, Double.POSITIVE_INFINITY);
        }
        check("monotone", seed, data, Map.of(), List.of(ConstraintSpec.parse("weights monotone")),
                ref.solve(new double[D + 1]), Solver.DUAL_ASCENT, Solver.ADMM, Solver.AUGMENTED);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {141, 142, 143})
    void l1Budget(long seed) {
        TestProblems.Data data = TestProblems.regression(seed, N, D);
        double[] t = TestProblems.theta(ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(),
                options(Solver.DUAL_ASCENT)).readout());
        double l1 = 0;
        for (int c = 0; c < D; c++) {
            l1 += Math.abs(t[c]);
        }
        double budget = 0.5 * l1;
        double ref = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(RIDGE))
                .l1Ball(budget, false, 0).solve(new double[D + 1]);
        check("l1", seed, data, Map.of(), List.of(ConstraintSpec.parse("l1<=" + budget)), ref, Solver.ADMM,
                Solver.AUGMENTED);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {151, 152})
    void robustOutputBound(long seed) {
        TestProblems.Data data = TestProblems.regression(seed, N, D);
        double lo = -1.0;
        double hi = 1.5;
        double ref = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(RIDGE))
                .l1Ball(0.5 * (hi - lo), true, 0.5 * (lo + hi)).solve(new double[D + 1]);
        check("robust", seed, data, Map.of(),
                List.of(ConstraintSpec.parse("output in [" + lo + "," + hi + "] robust")), ref, Solver.ADMM,
                Solver.AUGMENTED);
    }
}
