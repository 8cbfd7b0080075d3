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
 * computed independently); other solvers refuse the family. Known gap: with these step sizes the squared-hinge
 * proxy does not yet bring the strict rate from about 0.20 to q = 0.15 (measured 0.195-0.2075); larger steps
 * diverge (the proxy's curvature grows with the multiplier), so step control for the proxy is left to do.
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
