package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact dual ascent on per-sample bounds against ojAlgo's convex QP (independent solver). */
class DualAscentTest {

    private static ConstrainedFit.Result ridge(TestProblems.Data data, double ridge) {
        return ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(ridge)));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void feasibleLearningMatchesOjAlgo(long seed) {
        System.out.println("DualAscentTest.feasibleLearningMatchesOjAlgo seed=" + seed);
        TestProblems.Data data = TestProblems.regression(seed, 160, 8);
        double ridge = 1e-2;
        double[] res = TestProblems.sortedAbsResiduals(ridge(data, ridge).readout(), data.x(), data.y1());
        // between the smallest feasible bound (Chebyshev LP) and the ridge readout's max error: feasible and binding
        double cheb = OjAlgoReference.chebyshev(data.x(), data.y1());
        double eps = cheb + 0.3 * (res[res.length - 1] - cheb);
        for (SolverOptions.TubeDualization dz : SolverOptions.TubeDualization.values()) {
        ConstrainedFit.Result fit = ConstrainedFit.fit(data.x(), data.y(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + eps + " per-sample")),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(ridge))
                        .withSolverOptions(SolverOptions.builder().tubeDualization(dz).build()));
        Certificate cert = fit.certificate();
        System.out.println(dz + ": " + cert);
        double[] ref = new double[9];
        double refObj = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(ridge)).tube(eps)
                .solve(ref);
        assertEquals(Status.CERTIFIED, cert.status(), "seed " + seed);
        assertTrue(cert.relativeGap() < 1e-6 && cert.gap() < 1e-6, "gap " + cert.gap() + " seed " + seed);
        assertTrue(cert.maxViolation() < 1e-8, "violation " + cert.maxViolation() + " seed " + seed);
        assertEquals(refObj, cert.objective(), 1e-6 * Math.abs(refObj), "objective vs ojAlgo, seed " + seed);
        assertTrue(cert.dualBound() <= refObj + 1e-9 * Math.abs(refObj), "dual bound must not exceed the optimum");
        double[] res2 = TestProblems.sortedAbsResiduals(fit.readout(), data.x(), data.y1());
        assertTrue(res2[res2.length - 1] <= eps * (1 + 1e-7), "max abs residual " + res2[res2.length - 1]);
        // the constraint binds: the unconstrained ridge violates it
        assertTrue(res[res.length - 1] > eps);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void minimumNormFeasibleLearningMatchesOjAlgo(long seed) {
        System.out.println("DualAscentTest.minimumNormFeasibleLearningMatchesOjAlgo seed=" + seed);
        TestProblems.Data data = TestProblems.regression(seed, 120, 6);
        double eps = 1.5 * OjAlgoReference.chebyshev(data.x(), data.y1());
        Objective obj = Objective.minimumNorm(0.5);
        ConstrainedFit.Result fit = ConstrainedFit.fit(data.x(), data.y(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + eps)), ConstrainedFit.Options.defaults().withObjective(obj));
        Certificate cert = fit.certificate();
        System.out.println(cert);
        double refObj = new OjAlgoReference(data.x(), data.y1()).objective(obj).tube(eps).solve(new double[7]);
        assertEquals(Status.CERTIFIED, cert.status(), "seed " + seed);
        assertTrue(cert.gap() < 1e-6 && cert.maxViolation() < 1e-8, cert.toString());
        assertEquals(refObj, cert.objective(), 1e-6 * Math.abs(refObj), "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void infeasibleBoundReportsEpsStar(long seed) {
        System.out.println("DualAscentTest.infeasibleBoundReportsEpsStar seed=" + seed);
        TestProblems.Data data = TestProblems.regression(seed, 100, 5);
        double cheb = OjAlgoReference.chebyshev(data.x(), data.y1());
        ConstrainedFit.Result fit = ConstrainedFit.fit(data.x(), data.y(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + (0.8 * cheb))),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(1e-3)));
        Certificate cert = fit.certificate();
        System.out.println(cert + "  LP eps*=" + cheb);
        assertEquals(Status.INFEASIBLE_SUSPECTED, cert.status(), "seed " + seed);
        assertTrue(cert.epsStarLower() <= cheb * (1 + 1e-9) && cert.epsStar() >= cheb * (1 - 1e-9),
                "bracket must contain the LP value");
        assertEquals(cheb, cert.epsStar(), 1e-4 * cheb, "eps* vs ojAlgo LP, seed " + seed);
        assertTrue(cert.toMap().containsKey("eps_star"));
    }
}
