package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weir.readout.LinearReadout;

/**
 * The Goldfarb-Idnani path of exact dual ascent (affine families: error tubes, boxes, equalities) and the
 * equality / group-max families, each against ojAlgo's convex QP (independent solver): objective within 1e-6
 * relative, CERTIFIED with gap below 1e-6 and violation below 1e-8.
 */
class ExactDualAscentActiveSetTest {
    private static final double RIDGE = 1e-2;

    private static ConstrainedFit.Options options(Solver s) {
        return ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(RIDGE)).withSolver(s)
                .withSolverOptions(SolverOptions.builder().maxIterations(s == Solver.AUGMENTED ? 60 : 20000).build());
    }

    private static Certificate check(String what, long seed, double[][] x, double[][] y, Map<String, int[]> groups,
            List<ConstraintSpec> specs, double refObj, Solver s) {
        ConstrainedFit.Result r = ConstrainedFit.fit(x, y, groups, specs, options(s));
        Certificate c = r.certificate();
        System.out.println(what + " seed=" + seed + " " + c + "  ojAlgo=" + refObj);
        String msg = what + " " + s + " seed " + seed;
        TestProblems.assertCertifiedOptimum(c, refObj, msg);
        return c;
    }

    private static double[] column(double[][] y) {
        return Arrays.stream(y).mapToDouble(r -> r[0]).toArray();
    }

    /** Exact parity (an equality per group pair) plus outputs pinned at three rows, with and without a tube. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {301, 302, 303})
    void equalityFamiliesMatchOjAlgo(long seed) {
        System.out.println("ExactDualAscentActiveSetTest.equalityFamiliesMatchOjAlgo seed=" + seed);
        GroupConstraintTest.Grouped data = GroupConstraintTest.data(seed, 150, 5);
        double[] y1 = column(data.y());
        int d = 5;
        int[] pinned = {4, 40, 77};
        double value = 0.25;
        for (boolean withTube : new boolean[] {false, true}) {
            OjAlgoReference ref = new OjAlgoReference(data.x(), y1).objective(Objective.squaredError(RIDGE));
            double[][] means = new double[3][d + 1];
            int[] cnt = new int[3];
            for (int i = 0; i < y1.length; i++) {
                cnt[data.g()[i]]++;
                for (int c = 0; c <= d; c++) {
                    means[data.g()[i]][c] += c == d ? 1 : data.x()[i][c];
                }
            }
            // the three pairwise equalities have rank 2: give the reference only the independent ones (0,1), (0,2)
            for (int a = 0; a < 1; a++) {
                for (int b = a + 1; b < 3; b++) {
                    double[] row = new double[d + 1];
                    for (int c = 0; c <= d; c++) {
                        row[c] = means[a][c] / cnt[a] - means[b][c] / cnt[b];
                    }
                    ref.linear(row, 0, 0);
                }
            }
            for (int r : pinned) {
                double[] row = new double[d + 1];
                for (int c = 0; c <= d; c++) {
                    row[c] = c == d ? 1 : data.x()[r][c];
                }
                ref.linear(row, value, value);
            }
            List<ConstraintSpec> specs = new ArrayList<>(List.of(ConstraintSpec.parse("parity==0 per-group=grp"),
                    ConstraintSpec.parse("output==" + value + " rows=4,40,77")));
            if (withTube) {
                // 0.9 x the worst error of the equality-constrained readout (binding)
                LinearReadout eqOnly = ConstrainedFit.fit(data.x(), data.y(), Map.of("grp", data.g()), specs,
                        options(Solver.DUAL_ASCENT)).readout();
                double[] res = TestProblems.sortedAbsResiduals(eqOnly, data.x(), y1);
                double eps = 0.9 * res[res.length - 1];
                for (int r : pinned) {
                    // a pinned row's error is fixed at |y_r - value|: the tube must contain it
                    eps = Math.max(eps, 1.05 * Math.abs(y1[r] - value));
                }
                ref.tube(eps);
                specs.add(ConstraintSpec.parse("abs-error<=" + eps));
            }
            double refObj = ref.solve(new double[d + 1]);
            String what = withTube ? "parity==0+output==+tube" : "parity==0+output==";
            Map<String, int[]> groups = Map.of("grp", data.g());
            for (Solver s : new Solver[] {Solver.DUAL_ASCENT, Solver.ADMM, Solver.AUGMENTED}) {
                check(what, seed, data.x(), data.y(), groups, specs, refObj, s);
            }
            // the equalities hold: group means equal, pinned outputs exact
            LinearReadout ro = ConstrainedFit.fit(data.x(), data.y(), groups, specs, options(Solver.DUAL_ASCENT))
                    .readout();
            double[][] p = ro.predict(data.x());
            for (int r : pinned) {
                assertEquals(value, p[r][0], 1e-9, "pinned output at row " + r);
            }
            double[] gm = new double[3];
            for (int i = 0; i < p.length; i++) {
                gm[data.g()[i]] += p[i][0] / cnt[data.g()[i]];
            }
            assertEquals(gm[0], gm[1], 1e-9);
            assertEquals(gm[0], gm[2], 1e-9);
        }
    }

    /** Worst error per group with one tighter group: the per-row tube, against ojAlgo's row bounds. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {311, 312, 313})
    void groupMaxErrorMatchesOjAlgo(long seed) {
        System.out.println("ExactDualAscentActiveSetTest.groupMaxErrorMatchesOjAlgo seed=" + seed);
        GroupConstraintTest.Grouped data = GroupConstraintTest.data(seed, 200, 5);
        double[] y1 = column(data.y());
        LinearReadout ridge = ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(), options(Solver.DUAL_ASCENT))
                .readout();
        double[][] p0 = ridge.predict(data.x());
        double[] worst = new double[3];
        for (int i = 0; i < y1.length; i++) {
            worst[data.g()[i]] = Math.max(worst[data.g()[i]], Math.abs(y1[i] - p0[i][0]));
        }
        double common = 1.2 * Math.max(worst[0], worst[1]);
        double minority = 0.8 * worst[2];
        double[] lo = new double[y1.length];
        double[] hi = new double[y1.length];
        for (int i = 0; i < y1.length; i++) {
            double e = data.g()[i] == 2 ? minority : common;
            lo[i] = y1[i] - e;
            hi[i] = y1[i] + e;
        }
        double refObj = new OjAlgoReference(data.x(), y1).objective(Objective.squaredError(RIDGE)).rowBounds(lo, hi)
                .solve(new double[6]);
        ConstraintSpec spec = ConstraintSpec.parse("max-abs-error<=" + common + " per-group=grp 2:" + minority);
        assertEquals(spec, ConstraintSpec.parse(spec.text()), "canonical text parses back");
        Map<String, int[]> groups = Map.of("grp", data.g());
        for (Solver s : new Solver[] {Solver.DUAL_ASCENT, Solver.ADMM, Solver.AUGMENTED}) {
            check("group-max", seed, data.x(), data.y(), groups, List.of(spec), refObj, s);
        }
        LinearReadout ro = ConstrainedFit.fit(data.x(), data.y(), groups, List.of(spec), options(Solver.DUAL_ASCENT))
                .readout();
        double[][] p = ro.predict(data.x());
        double[] w = new double[3];
        for (int i = 0; i < y1.length; i++) {
            w[data.g()[i]] = Math.max(w[data.g()[i]], Math.abs(y1[i] - p[i][0]));
        }
        System.out.printf("  worst error per group: ridge %s -> constrained %s%n", Arrays.toString(worst),
                Arrays.toString(w));
        assertTrue(w[2] <= minority * (1 + 1e-7), "minority group's worst error " + w[2]);
        // one bound for every group is exactly the per-sample tube
        Certificate a = ConstrainedFit.fit(data.x(), data.y(), groups,
                List.of(ConstraintSpec.parse("max-abs-error<=" + minority + " per-group=grp")),
                options(Solver.DUAL_ASCENT)).certificate();
        Certificate b = ConstrainedFit.fit(data.x(), data.y(), groups,
                List.of(ConstraintSpec.parse("abs-error<=" + minority)), options(Solver.DUAL_ASCENT)).certificate();
        assertEquals(b.objective(), a.objective(), 1e-12 * Math.abs(b.objective()));
    }

    /**
     * A tight Feasible Learning bound on Mackey-Glass reservoir states (0.6 x the ridge readout's max training
     * error, collinear states, 1200 tube constraints on 41 parameters): the active-set path certifies it and
     * agrees with the squared dualization (iteratively reweighted ridge with L-BFGS and Newton steps, a different
     * algorithm on a different dual). ojAlgo's QP does not finish on these ill-conditioned states in minutes.
     */
    @Test
    void tightFeasibleLearningOnReservoirStatesCertifies() {
        MackeyGlassFeasibleLearningTest.Task t = MackeyGlassFeasibleLearningTest.task(40, 600, 10, 2);
        Objective obj = Objective.squaredError(1e-7);
        ConstrainedFit.Options opts = ConstrainedFit.Options.defaults().withObjective(obj);
        LinearReadout ridge = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(), List.of(), opts).readout();
        double[] e = MackeyGlassFeasibleLearningTest.errors(ridge, t.xTrain(), t.yTrain());
        double eps = 0.6 * e[0];
        ConstrainedFit.Result r = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + eps)), opts);
        Certificate c = r.certificate();
        Certificate sq = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + eps)), opts.withSolverOptions(SolverOptions.builder()
                        .tubeDualization(SolverOptions.TubeDualization.SQUARED).build())).certificate();
        double refObj = sq.objective();
        System.out.println("MG N=40 T=600 eps=0.6 ridge max: " + c + "\n  squared dualization: " + sq);
        assertEquals(Status.CERTIFIED, sq.status());
        assertEquals(Status.CERTIFIED, c.status());
        assertTrue(c.relativeGap() < 1e-9, "gap " + c.relativeGap());
        assertEquals(refObj, c.objective(), 1e-6 * refObj);
        assertTrue(MackeyGlassFeasibleLearningTest.errors(r.readout(), t.xTrain(), t.yTrain())[0] <= eps * (1 + 1e-9));
    }

    /** The QP core on hand-checkable cases: a projection onto a half-plane, an equality, and an infeasible pair. */
    @Test
    void goldfarbIdnaniHandCases() {
        // min 1/2 |x|^2 - a.x with a = (2, 1): unconstrained x = (2, 1); x1 + x2 <= 1 gives x = (1, 0), mu = 1
        double[][] j = {{1, 0}, {0, 1}};
        DualActiveSetQp.Result r = DualActiveSetQp.solve(j, new double[] {2, 1},
                constraints(new double[][] {{-1, -1}}, new double[] {-1}, new boolean[] {false}), 100);
        assertEquals(DualActiveSetQp.Outcome.OPTIMAL, r.outcome());
        assertEquals(1.0, r.x()[0], 1e-14);
        assertEquals(0.0, r.x()[1], 1e-14);
        assertEquals(1.0, r.multipliers()[0], 1e-14);
        // equality x1 - x2 = 3 from (2, 1): x = a + mu n with 1 + 2 mu = 3, so mu = 1 and x = (3, 0)
        r = DualActiveSetQp.solve(new double[][] {{1, 0}, {0, 1}}, new double[] {2, 1},
                constraints(new double[][] {{1, -1}}, new double[] {3}, new boolean[] {true}), 100);
        assertEquals(DualActiveSetQp.Outcome.OPTIMAL, r.outcome());
        assertEquals(3.0, r.x()[0], 1e-14);
        assertEquals(0.0, r.x()[1], 1e-14);
        assertEquals(1.0, r.multipliers()[0], 1e-14);
        // x1 - x2 = -3 needs a negative multiplier: 1 + 2 mu = -3, mu = -2, x = (0, 3)
        r = DualActiveSetQp.solve(new double[][] {{1, 0}, {0, 1}}, new double[] {2, 1},
                constraints(new double[][] {{1, -1}}, new double[] {-3}, new boolean[] {true}), 100);
        assertEquals(0.0, r.x()[0], 1e-14);
        assertEquals(3.0, r.x()[1], 1e-14);
        assertEquals(-2.0, r.multipliers()[0], 1e-14);
        // x1 >= 1 and x1 <= 0: infeasible
        r = DualActiveSetQp.solve(new double[][] {{1, 0}, {0, 1}}, new double[] {2, 1},
                constraints(new double[][] {{1, 0}, {-1, 0}}, new double[] {1, 0}, new boolean[] {false, false}),
                100);
        assertEquals(DualActiveSetQp.Outcome.INFEASIBLE, r.outcome());
    }

    private static DualActiveSetQp.Constraints constraints(double[][] n, double[] b, boolean[] eq) {
        return new DualActiveSetQp.Constraints() {
            @Override
            public int count() {
                return n.length;
            }

            @Override
            public boolean isEquality(int i) {
                return eq[i];
            }

            @Override
            public void slacks(double[] x, double[] s) {
                for (int i = 0; i < n.length; i++) {
                    s[i] = n[i][0] * x[0] + n[i][1] * x[1] - b[i];
                }
            }

            @Override
            public void normal(int i, double[] out) {
                System.arraycopy(n[i], 0, out, 0, 2);
            }

            @Override
            public double bound(int i) {
                return b[i];
            }

            @Override
            public double tolerance(int i) {
                return 1e-14;
            }
        };
    }
}
