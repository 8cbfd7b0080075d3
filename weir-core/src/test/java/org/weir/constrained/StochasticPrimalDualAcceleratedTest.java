package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The accelerated (APD) scheme against plain gradient descent-ascent on one fixed resilient Feasible Learning
 * instance (full batch, so deterministic), both checked against exact dual ascent (an independent solver).
 * Measured: at a dual step where plain GDA is stable the two need the same number of epochs (45 vs 47 here:
 * the primal step sets the pace); the gain of APD's proximal dual step is its stability: with dual steps 10x and
 * 100x larger plain GDA diverges ({@code eta / beta > 2} makes the explicit decay unstable) while APD still
 * certifies in the same number of epochs.
 */
class StochasticPrimalDualAcceleratedTest {
    private static final double BETA = 0.005;

    private static Certificate run(TestProblems.Data d, SolverOptions.UpdateScheme scheme, double dualStep) {
        return ConstrainedFit.fit(d.x(), d.y(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=0.3 resilient=" + BETA)),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(1e-2))
                        .withSolver(Solver.STOCHASTIC).withSolverOptions(SolverOptions.builder().maxIterations(4000)
                                .batchSize(d.x().length).stepSize(dualStep).primalStepSize(0.1).gapTolerance(1e-6)
                                .updateScheme(scheme).seed(1).build())).certificate();
    }

    @Test
    void proximalDualStepStaysStableWherePlainAscentDiverges() {
        TestProblems.Data d = TestProblems.regression(1, 200, 5);
        double exact = ConstrainedFit.fit(d.x(), d.y(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=0.3 resilient=" + BETA)),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(1e-2))).certificate().objective();
        Certificate gda = run(d, SolverOptions.UpdateScheme.ALTERNATING_DUAL_FIRST, 0.005);
        Certificate apd = run(d, SolverOptions.UpdateScheme.ACCELERATED, 0.005);
        System.out.println("eta 0.005: GDA " + gda + "\n  APD " + apd + "\n  exact " + exact);
        assertEquals(Status.CERTIFIED, gda.status());
        assertEquals(Status.CERTIFIED, apd.status());
        assertEquals(exact, apd.objective(), 1e-5 * exact);
        assertEquals(exact, gda.objective(), 1e-5 * exact);
        assertTrue(apd.iterations() <= gda.iterations() + 5, "APD " + apd.iterations() + " vs GDA " + gda.iterations());
        for (double eta : new double[] {0.05, 0.5}) {
            Certificate g = run(d, SolverOptions.UpdateScheme.ALTERNATING_DUAL_FIRST, eta);
            Certificate a = run(d, SolverOptions.UpdateScheme.ACCELERATED, eta);
            System.out.printf("eta %.3f: GDA %s after %d epochs; APD %s after %d epochs, objective %.8f%n", eta,
                    g.status(), g.iterations(), a.status(), a.iterations(), a.objective());
            assertNotEquals(Status.CERTIFIED, g.status(), "plain GDA at eta/beta > 2");
            assertEquals(Status.CERTIFIED, a.status());
            assertEquals(exact, a.objective(), 1e-5 * exact);
            assertTrue(a.iterations() <= apd.iterations() + 5, "APD epochs do not grow with the dual step");
        }
    }

    @Test
    void acceleratedSchemeNeedsResilientFamilies() {
        TestProblems.Data d = TestProblems.regression(2, 60, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConstrainedFit.fit(d.x(),
                d.y(), Map.of(), List.of(ConstraintSpec.parse("abs-error<=0.3")),
                ConstrainedFit.Options.defaults().withSolver(Solver.STOCHASTIC).withSolverOptions(SolverOptions
                        .builder().updateScheme(SolverOptions.UpdateScheme.ACCELERATED).build())));
        assertTrue(e.getMessage().contains("resilient"), e.getMessage());
    }
}
