package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quadratic-penalty formulation of the augmented solver, against ojAlgo and the method of multipliers. */
class QuadraticPenaltyTest {
    private static final int N = 120;
    private static final int D = 6;
    private static final double RIDGE = 1e-2;

    private static Certificate solve(TestProblems.Data data, List<ConstraintSpec> specs,
            SolverOptions.Formulation formulation) {
        SolverOptions so = SolverOptions.builder().maxIterations(80).feasibilityTolerance(1e-7).gapTolerance(1e-7)
                .formulation(formulation).build();
        return ConstrainedFit.fit(data.x(), data.y(), Map.of(), specs, ConstrainedFit.Options.defaults()
                .withObjective(Objective.squaredError(RIDGE)).withSolver(Solver.AUGMENTED).withSolverOptions(so))
                .certificate();
    }

    private static void compare(String what, long seed, TestProblems.Data data, List<ConstraintSpec> specs, double ref) {
        Certificate pen = solve(data, specs, SolverOptions.Formulation.QUADRATIC_PENALTY);
        Certificate al = solve(data, specs, SolverOptions.Formulation.AUGMENTED_LAGRANGIAN);
        System.out.println(what + " seed=" + seed + " quadratic penalty: " + pen + " | multipliers: " + al
                + " | ojAlgo " + ref);
        assertEquals(Status.CERTIFIED, pen.status(), what + " seed " + seed);
        assertEquals(ref, pen.objective(), 1e-6 * Math.abs(ref), what + " objective vs ojAlgo");
        assertTrue(pen.dualBound() <= ref + 1e-9 * Math.abs(ref), what + " dual bound above the optimum");
        assertTrue(pen.iterations() >= al.iterations(), what + ": the penalty method needs at least as many rounds ("
                + pen.iterations() + " vs " + al.iterations() + ")");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 102, 103})
    void errorTubeMatchesOjAlgo(long seed) {
        TestProblems.Data data = TestProblems.regression(seed, N, D);
        double cheb = OjAlgoReference.chebyshev(data.x(), data.y1());
        double[] res = TestProblems.sortedAbsResiduals(ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(RIDGE))).readout(),
                data.x(), data.y1());
        double eps = cheb + 0.4 * (res[res.length - 1] - cheb);
        double ref = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(RIDGE)).tube(eps)
                .solve(new double[D + 1]);
        compare("tube", seed, data, List.of(ConstraintSpec.parse("abs-error<=" + eps + " per-sample")), ref);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {111, 112})
    void outputBoxMatchesOjAlgo(long seed) {
        TestProblems.Data data = TestProblems.regression(seed, N, D);
        TestProblems.OutputBox box = TestProblems.outputBox(data, RIDGE);
        compare("box", seed, data, box.specs(), box.optimum());
    }
}
