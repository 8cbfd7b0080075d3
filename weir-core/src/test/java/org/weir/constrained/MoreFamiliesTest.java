package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** L2 budgets against the ridge path, two outputs against ojAlgo, resilient bounds, dual optimizers, schedules. */
class MoreFamiliesTest {
    private static final double RIDGE = 1e-2;

    /** Plain ridge with ridge a (bias free) by normal equations, independent of the engine: returns theta. */
    static double[] ridgeTheta(double[][] x, double[] y, double a) {
        int n = x.length;
        int d = x[0].length;
        DMatrixRMaj h = new DMatrixRMaj(d + 1, d + 1);
        DMatrixRMaj b = new DMatrixRMaj(d + 1, 1);
        for (int i = 0; i < n; i++) {
            for (int u = 0; u <= d; u++) {
                double xu = u == d ? 1 : x[i][u];
                b.add(u, 0, xu * y[i] / n);
                for (int v = 0; v <= d; v++) {
                    h.add(u, v, xu * (v == d ? 1 : x[i][v]) / n);
                }
            }
        }
        for (int u = 0; u < d; u++) {
            h.add(u, u, a);
        }
        DMatrixRMaj t = new DMatrixRMaj(d + 1, 1);
        CommonOps_DDRM.solve(h, b, t);
        return t.data;
    }

    static double objective(double[][] x, double[] y, double[] t, double a) {
        int d = x[0].length;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double p = t[d];
            for (int c = 0; c < d; c++) {
                p += t[c] * x[i][c];
            }
            s += (y[i] - p) * (y[i] - p) / x.length;
        }
        for (int c = 0; c < d; c++) {
            s += RIDGE * t[c] * t[c];
        }
        return s;
    }

    static double norm(double[] t) {
        double s = 0;
        for (int c = 0; c < t.length - 1; c++) {
            s += t[c] * t[c];
        }
        return Math.sqrt(s);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {201, 202})
    void l2BudgetFollowsTheRidgePath(long seed) {
        System.out.println("MoreFamiliesTest.l2Budget seed=" + seed);
        TestProblems.Data data = TestProblems.regression(seed, 150, 6);
        double[] t0 = ridgeTheta(data.x(), data.y1(), RIDGE);
        double budget = 0.4 * norm(t0);
        // the L2-ball solution is the ridge solution with a larger penalty whose norm equals the budget
        double lo = RIDGE;
        double hi = 1e4;
        for (int it = 0; it < 200; it++) {
            double mid = Math.sqrt(lo * hi);
            if (norm(ridgeTheta(data.x(), data.y1(), mid)) > budget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double refObj = objective(data.x(), data.y1(), ridgeTheta(data.x(), data.y1(), hi), RIDGE);
        for (Solver s : new Solver[] {Solver.ADMM, Solver.AUGMENTED}) {
            ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), Map.of(),
                    List.of(ConstraintSpec.parse("l2<=" + budget)), ConstrainedFit.Options.defaults()
                            .withObjective(Objective.squaredError(RIDGE)).withSolver(s)
                            .withSolverOptions(SolverOptions.builder().maxIterations(s == Solver.ADMM ? 20000 : 60).build()));
            System.out.println("  " + r.certificate() + "  ridge path: " + refObj);
            assertEquals(Status.CERTIFIED, r.certificate().status(), s.toString());
            assertEquals(refObj, r.certificate().objective(), 1e-6 * refObj, s.toString());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {211, 212})
    void twoOutputsMatchOjAlgoPerOutput(long seed) {
        System.out.println("MoreFamiliesTest.twoOutputs seed=" + seed);
        TestProblems.Data a = TestProblems.regression(seed, 100, 5);
        TestProblems.Data b = TestProblems.regression(seed + 1000, 100, 5);
        double[][] y = new double[100][2];
        double[] y2 = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i][0] = a.y1()[i];
            // second output: another target on the same features
            y2[i] = 0.5 * b.y1()[i] + a.x()[i][0];
            y[i][1] = y2[i];
        }
        double eps = 1.02 * Math.max(OjAlgoReference.chebyshev(a.x(), a.y1()), OjAlgoReference.chebyshev(a.x(), y2));
        double ref = 0.5 * (new OjAlgoReference(a.x(), a.y1()).objective(Objective.squaredError(2 * RIDGE)).tube(eps)
                .solve(new double[6]) + new OjAlgoReference(a.x(), y2).objective(Objective.squaredError(2 * RIDGE))
                .tube(eps).solve(new double[6]));
        for (Solver s : new Solver[] {Solver.DUAL_ASCENT, Solver.ADMM, Solver.AUGMENTED, Solver.PROJECTION}) {
            ConstrainedFit.Result r = ConstrainedFit.fit(a.x(), y, Map.of(), List.of(ConstraintSpec.parse("abs-error<=" + eps)),
                    ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(RIDGE)).withSolver(s)
                            .withSolverOptions(SolverOptions.builder().maxIterations(s == Solver.AUGMENTED ? 60 : 20000).build()));
            System.out.println("  " + r.certificate());
            assertEquals(Status.CERTIFIED, r.certificate().status(), s.toString());
            assertEquals(ref, r.certificate().objective(), 1e-6 * ref, s.toString());
            assertEquals(2, r.readout().outputs());
            assertTrue(r.certificate().iterations() > 0 && r.certificate().dualBound() > 0, "the bound binds");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {221, 222})
    void resilientSlackMatchesViolationAndShrinksWithCost(long seed) {
        System.out.println("MoreFamiliesTest.resilient seed=" + seed);
        TestProblems.Data data = TestProblems.regression(seed, 120, 5);
        double eps = 0.5 * OjAlgoReference.chebyshev(data.x(), data.y1()); // infeasible as a hard bound
        for (double beta : new double[] {1, 10, 100}) {
            ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), Map.of(),
                    List.of(ConstraintSpec.parse("abs-error<=" + eps + " resilient=" + beta)),
                    ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(RIDGE)));
            Certificate c = r.certificate();
            FamilyReport f = c.families().get(0);
            System.out.println("  beta=" + beta + " " + c + " slack " + f.maxSlack());
            assertEquals(Status.CERTIFIED, c.status());
            assertTrue(f.resilient());
            // KKT of the relaxation: the optimal slack equals the violation it absorbs
            // (to the square root of the certified gap: the gap is quadratic in the multiplier error)
            assertEquals(f.maxViolation(), f.maxSlack(), 1e-4 * Math.max(1, f.maxViolation()));
            // no readout gets every squared error below eps*^2 (eps* from the LP), so the violation stays above
            double cheb = 2 * eps;
            assertTrue(f.maxViolation() >= cheb * cheb - eps * eps - 1e-9, "violation below the feasible minimum");
        }
    }

    @ParameterizedTest(name = "optimizer {0}")
    @ValueSource(strings = {"GRADIENT_ASCENT", "NU_PI"})
    void firstOrderDualOptimizersApproachTheOptimumWithValidBounds(String name) {
        SolverOptions.DualOptimizer opt = SolverOptions.DualOptimizer.valueOf(name);
        TestProblems.Data data = TestProblems.regression(231, 80, 4);
        double eps = 1.05 * OjAlgoReference.chebyshev(data.x(), data.y1());
        double ref = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(RIDGE)).tube(eps)
                .solve(new double[5]);
        ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + eps)),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(RIDGE))
                        .withSolverOptions(SolverOptions.builder().dualOptimizer(opt).stepSize(1e-3)
                                .tubeDualization(SolverOptions.TubeDualization.SQUARED)
                                .nuPi(opt == SolverOptions.DualOptimizer.NU_PI ? 2.0 : 0.0, 1.0,
                                        opt == SolverOptions.DualOptimizer.NU_PI ? 0.5 : 0.0)
                                .maxIterations(3000).build()));
        Certificate c = r.certificate();
        System.out.println("MoreFamiliesTest " + name + ": " + c + "  ojAlgo " + ref);
        for (IterationRecord rec : c.log()) {
            assertTrue(rec.lagrangian() <= ref + 1e-9, "every dual value is a lower bound: " + rec);
        }
        assertTrue(c.dualBound() <= ref + 1e-9);
        // first-order dual steps converge slowly: after 3000 steps within a few percent (L-BFGS certifies in ~10)
        assertEquals(ref, c.dualBound(), 1e-2 * ref, "dual bound close to the optimum");
        assertEquals(ref, c.objective(), 2e-2 * ref, "objective close to the optimum");
        assertTrue(c.maxViolation() < 2e-2 * eps * eps, "nearly feasible: " + c.maxViolation());
    }

    @ParameterizedTest(name = "schedule {0}")
    @ValueSource(strings = {"MULTIPLICATIVE", "ADDITIVE", "MULTIPLICATIVE_WITH_RESTART"})
    void everyPenaltyScheduleCertifies(String name) {
        TestProblems.Data data = TestProblems.regression(241, 100, 5);
        double eps = 1.3 * OjAlgoReference.chebyshev(data.x(), data.y1());
        double ref = new OjAlgoReference(data.x(), data.y1()).objective(Objective.squaredError(RIDGE)).tube(eps)
                .solve(new double[6]);
        SolverOptions.PenaltySchedule sch = SolverOptions.PenaltySchedule.valueOf(name);
        ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + eps)),
                ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(RIDGE)).withSolver(Solver.AUGMENTED)
                        .withSolverOptions(SolverOptions.builder().penaltySchedule(sch)
                                .penaltyGrowth(sch == SolverOptions.PenaltySchedule.ADDITIVE ? 50 : 10).maxIterations(200)
                                .build()));
        System.out.println("MoreFamiliesTest schedule " + name + ": " + r.certificate());
        assertEquals(Status.CERTIFIED, r.certificate().status());
        assertEquals(ref, r.certificate().objective(), 1e-6 * ref);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {251, 252})
    void randomizedProjectionsCertifyTheSameOptimum(long seed) {
        TestProblems.Data data = TestProblems.regression(seed, 150, 6);
        double eps = 1.2 * OjAlgoReference.chebyshev(data.x(), data.y1());
        Objective obj = Objective.minimumNorm(1.0);
        double ref = new OjAlgoReference(data.x(), data.y1()).objective(obj).tube(eps).solve(new double[7]);
        ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + eps)), ConstrainedFit.Options.defaults().withObjective(obj)
                        .withSolver(Solver.PROJECTION).withSolverOptions(SolverOptions.builder().maxIterations(50000)
                                .projectionOrder(SolverOptions.ProjectionOrder.RANDOM).seed(seed).build()));
        System.out.println("MoreFamiliesTest projection seed=" + seed + ": " + r.certificate());
        assertEquals(Status.CERTIFIED, r.certificate().status());
        assertEquals(ref, r.certificate().objective(), 1e-6 * ref);
    }
}
