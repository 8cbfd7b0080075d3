package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weir.readout.LinearReadout;

/**
 * The rate constraint (fraction of errors above delta at most q; nonconvex) in the stochastic primal-dual solver
 * with the proxy-Lagrangian: the certificate reports the strict rate (counted independently here) as the
 * violation and never claims more than the relaxation proves (its dual bound is the unconstrained ridge optimum,
 * computed independently); other solvers refuse the family. On heavy-tailed iid noise (first test) a convex proxy
 * cannot bring the rate from about 0.20 to 0.15 (measured 0.195-0.2075: likely infeasible for a linear readout);
 * on a contaminated relation (second test) the hinge proxy meets the strict rate. The squared hinge diverges there
 * at the same steps (its curvature grows with the multiplier): step control for it is left to do.
 */
class StochasticPrimalDualRateTest {
    private static final double RIDGE = 1e-2;

    private static double strictRate(LinearReadout ro, TestProblems.Data d, double delta) {
        double[][] p = ro.predict(d.x());
        int over = 0;
        for (int i = 0; i < p.length; i++) {
            if (Math.abs(d.y1()[i] - p[i][0]) > delta) {
                over++;
            }
        }
        return (double) over / p.length;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {401, 402, 403})
    void certificateReportsTheStrictRateAndOnlyTheRelaxedBound(long seed) {
        System.out.println("StochasticPrimalDualRateTest seed=" + seed);
        TestProblems.Data data = TestProblems.regression(seed, 400, 5);
        ConstrainedFit.Options base = ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(RIDGE));
        ConstrainedFit.Result ridge = ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(), base);
        double[] res = TestProblems.sortedAbsResiduals(ridge.readout(), data.x(), data.y1());
        double delta = res[(int) (0.8 * res.length)]; // ridge: about 20 % of the errors exceed delta
        double q = 0.15;
        double ridgeRate = strictRate(ridge.readout(), data, delta);
        for (RateBound.Proxy proxy : RateBound.Proxy.values()) {
            ConstraintSpec spec = ConstraintSpec.parse("rate(abs-error>" + delta + ")<=" + q + " proxy="
                    + (proxy == RateBound.Proxy.HINGE ? "hinge" : "squared-hinge"));
            assertEquals(spec, ConstraintSpec.parse(spec.text()));
            ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(spec),
                    base.withSolver(Solver.STOCHASTIC).withSolverOptions(SolverOptions.builder().maxIterations(300)
                            .batchSize(50).stepSize(0.02).primalStepSize(0.02).seed(seed).build()));
            Certificate c = r.certificate();
            double rate = strictRate(r.readout(), data, delta);
            System.out.printf("  %s: ridge rate %.4f -> %.4f (q %.2f), objective %.6f vs ridge %.6f%n  %s%n", proxy,
                    ridgeRate, rate, q, c.objective(), ridge.certificate().objective(), c);
            assertTrue(ridgeRate > q, "the constraint binds for ridge");
            // the reported violation is the strict rate minus q, counted independently here
            assertEquals(rate - q, c.families().get(0).maxViolation(), 1e-12);
            // the dual bound drops the nonconvex family: it is the ridge optimum, a valid but loose lower bound
            assertEquals(ridge.certificate().objective(), c.dualBound(), 1e-9);
            assertTrue(c.objective() > c.dualBound() + 1e-6, "the proxy moved the readout, the relaxation leaves a gap");
            // never CERTIFIED while the relaxation leaves a gap: feasible-uncertified when the strict rate holds
            assertEquals(rate <= q ? Status.FEASIBLE_UNCERTIFIED : Status.MAX_ITER, c.status());
            assertTrue(c.families().get(0).name().contains("nonconvex"));
        }
    }

    /**
     * Where a readout can serve most rows well (75 % of rows follow one linear relation with small noise, 25 % another)
     * ridge compromises and about half its errors exceed their median; the hinge proxy-Lagrangian finds a readout
     * meeting the strict rate q = 0.35 (counted independently), i.e. FEASIBLE_UNCERTIFIED, at a small objective cost.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void hingeProxyMeetsTheStrictRateOnAContaminatedRelation(long seed) {
        System.out.println("StochasticPrimalDualRateTest.hingeProxy seed=" + seed);
        int n = 400;
        int d = 5;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] w = new double[d];
        double[] w2 = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = r.nextDouble(-1, 1);
            w2[j] = w[j] + r.nextDouble(-1, 1);
        }
        double[][] x = new double[n][d];
        double[][] y = new double[n][1];
        double[] y1 = new double[n];
        for (int i = 0; i < n; i++) {
            boolean minor = r.nextDouble() < 0.25;
            double s = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = TestProblems.gaussian(r);
                s += (minor ? w2[j] : w[j]) * x[i][j];
            }
            y[i][0] = s + 0.05 * TestProblems.gaussian(r);
            y1[i] = y[i][0];
        }
        TestProblems.Data data = new TestProblems.Data(x, y, y1);
        ConstrainedFit.Options base = ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(RIDGE));
        ConstrainedFit.Result ridge = ConstrainedFit.fit(x, y, Map.of(), List.of(), base);
        double[] res = TestProblems.sortedAbsResiduals(ridge.readout(), x, y1);
        double delta = res[n / 2];
        double q = 0.35;
        ConstrainedFit.Result fit = ConstrainedFit.fit(x, y, Map.of(),
                List.of(ConstraintSpec.parse("rate(abs-error>" + delta + ")<=" + q + " proxy=hinge")),
                base.withSolver(Solver.STOCHASTIC).withSolverOptions(SolverOptions.builder().maxIterations(300)
                        .batchSize(50).stepSize(0.05).primalStepSize(0.05).seed(seed).build()));
        double before = strictRate(ridge.readout(), data, delta);
        double after = strictRate(fit.readout(), data, delta);
        Certificate c = fit.certificate();
        System.out.printf("  ridge rate %.4f -> %.4f (q %.2f), objective %.5f vs ridge %.5f%n  %s%n", before, after, q,
                c.objective(), ridge.certificate().objective(), c);
        assertTrue(before > q + 0.1, "ridge violates the rate");
        assertTrue(after <= q, "strict rate " + after + " must meet q");
        assertEquals(Status.FEASIBLE_UNCERTIFIED, c.status());
        assertEquals(ridge.certificate().objective(), c.dualBound(), 1e-9);
        assertTrue(c.objective() < 1.2 * ridge.certificate().objective(), "objective cost stays small");
    }

    @ParameterizedTest(name = "solver {0}")
    @ValueSource(strings = {"DUAL_ASCENT", "ADMM", "AUGMENTED", "PROJECTION"})
    void otherSolversRefuseTheNonconvexFamily(String solver) {
        TestProblems.Data data = TestProblems.regression(404, 50, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConstrainedFit.fit(data.x(),
                data.y(), Map.of(), List.of(ConstraintSpec.parse("rate(abs-error>0.1)<=0.2")),
                ConstrainedFit.Options.defaults().withSolver(Solver.valueOf(solver))));
        assertTrue(e.getMessage().contains("nonconvex"), e.getMessage());
        assertNotEquals(Solver.STOCHASTIC, Solver.valueOf(solver));
    }
}
