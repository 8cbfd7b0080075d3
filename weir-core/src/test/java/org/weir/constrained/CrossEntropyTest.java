package org.weir.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weir.readout.LinearReadout;

/**
 * Softmax cross-entropy readouts: against an independent (projected) full-batch gradient descent written here,
 * against the analytic optimum of a separable toy with a norm budget, and with per-group cross-entropy bounds
 * (the bound holds, is active, and the certificate's KKT residuals are small). When CERTIFIED: gap below 1e-6,
 * violations below 1e-8, dual bound not above the reference optimum.
 */
class CrossEntropyTest {
    private static final int N = 90;
    private static final int D = 4;
    private static final int K = 3;
    private static final double RIDGE = 1e-2;

    record Data(double[][] x, double[][] y, int[] group) {
    }

    /** Three classes from a random linear model with Gumbel noise (so not separable), two groups. */
    static Data classification(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w = new double[K][D];
        for (double[] row : w) {
            for (int c = 0; c < D; c++) {
                row[c] = r.nextDouble(-1.5, 1.5);
            }
        }
        double[][] x = new double[N][D];
        double[][] y = new double[N][K];
        int[] g = new int[N];
        for (int i = 0; i < N; i++) {
            g[i] = i % 3 == 0 ? 1 : 0;
            for (int c = 0; c < D; c++) {
                x[i][c] = TestProblems.gaussian(r) + (g[i] == 1 ? 0.5 : 0);
            }
            int best = 0;
            double bv = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < K; j++) {
                double s = -Math.log(-Math.log(r.nextDouble(1e-12, 1)));
                for (int c = 0; c < D; c++) {
                    s += w[j][c] * x[i][c];
                }
                if (s > bv) {
                    bv = s;
                    best = j;
                }
            }
            y[i][best] = 1;
        }
        return new Data(x, y, g);
    }

    private static ConstrainedFit.Options options() {
        return ConstrainedFit.Options.defaults().withObjective(Objective.crossEntropy(RIDGE))
                .withSolver(Solver.AUGMENTED).withSolverOptions(SolverOptions.builder().maxIterations(60).build());
    }

    /** Objective and gradient (k x (d+1)) of mean cross-entropy + ridge |W|^2, written independently. */
    static double objective(double[][] x, double[][] y, double ridge, double[][] th, double[][] grad) {
        int n = x.length;
        int d = x[0].length;
        int k = th.length;
        double f = 0;
        for (double[] gr : grad) {
            java.util.Arrays.fill(gr, 0);
        }
        for (int i = 0; i < n; i++) {
            double[] z = new double[k];
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                z[j] = th[j][d];
                for (int c = 0; c < d; c++) {
                    z[j] += th[j][c] * x[i][c];
                }
                mx = Math.max(mx, z[j]);
            }
            double se = 0;
            for (int j = 0; j < k; j++) {
                se += Math.exp(z[j] - mx);
            }
            double lse = mx + Math.log(se);
            for (int j = 0; j < k; j++) {
                f += y[i][j] * (lse - z[j]) / n;
                double gj = (Math.exp(z[j] - lse) - y[i][j]) / n;
                for (int c = 0; c < d; c++) {
                    grad[j][c] += gj * x[i][c];
                }
                grad[j][d] += gj;
            }
        }
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                f += ridge * th[j][c] * th[j][c];
                grad[j][c] += 2 * ridge * th[j][c];
            }
        }
        return f;
    }

    /** Projected gradient descent with step 1/L, L = tr(X~^T X~)/(2n) + 2 ridge (an upper bound on the curvature). */
    static double[][] projectedGradient(double[][] x, double[][] y, double ridge, Consumer<double[][]> project,
            int iterations) {
        int d = x[0].length;
        int k = y[0].length;
        double tr = 0;
        for (double[] row : x) {
            tr += 1;
            for (double v : row) {
                tr += v * v;
            }
        }
        double step = 1.0 / (tr / (2.0 * x.length) + 2 * ridge);
        double[][] th = new double[k][d + 1];
        double[][] g = new double[k][d + 1];
        for (int it = 0; it < iterations; it++) {
            objective(x, y, ridge, th, g);
            for (int j = 0; j < k; j++) {
                for (int c = 0; c <= d; c++) {
                    th[j][c] -= step * g[j][c];
                }
            }
            project.accept(th);
        }
        return th;
    }

    private static double[][] theta(LinearReadout ro) {
        double[][] t = new double[ro.outputs()][ro.features() + 1];
        for (int j = 0; j < ro.outputs(); j++) {
            for (int c = 0; c < ro.features(); c++) {
                t[j][c] = ro.weight(j, c);
            }
            t[j][ro.features()] = ro.bias()[j];
        }
        return t;
    }

    private static void checkCertified(String msg, Certificate c, double ref) {
        System.out.println(msg + " " + c + "  reference=" + ref);
        assertEquals(Status.CERTIFIED, c.status(), msg);
        assertTrue(c.gap() < 1e-6 && c.relativeGap() < 1e-6, msg + " gap " + c.gap());
        assertTrue(c.maxViolation() < 1e-8, msg + " violation " + c.maxViolation());
        assertTrue(c.dualBound() <= ref + 1e-10, msg + " dual bound " + c.dualBound() + " above the optimum " + ref);
        assertEquals(ref, c.objective(), 1e-7 * Math.abs(ref), msg);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {301, 302})
    void unconstrainedMatchesGradientDescent(long seed) {
        Data data = classification(seed);
        double[][] ref = projectedGradient(data.x(), data.y(), RIDGE, t -> { }, 20000);
        double refObj = objective(data.x(), data.y(), RIDGE, ref, new double[K][D + 1]);
        // a relative gap g bounds the weights' distance to the optimum by sqrt(2 g / (2 ridge)): ask for 1e-14
        ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(), options()
                .withSolverOptions(SolverOptions.builder().maxIterations(60).gapTolerance(1e-14).build()));
        checkCertified("xent seed=" + seed, r.certificate(), refObj);
        double[][] th = theta(r.readout());
        for (int j = 0; j < K; j++) {
            for (int c = 0; c < D; c++) {
                assertEquals(ref[j][c], th[j][c], 1e-6, "weight " + j + "," + c + " seed " + seed);
            }
            // biases are determined up to a common shift (softmax is shift invariant)
            assertEquals(ref[j][D] - ref[0][D], th[j][D] - th[0][D], 1e-6, "bias difference " + j + " seed " + seed);
        }
        assertTrue(r.certificate().stationarityResidual() < 1e-7, "stationarity " + r.certificate().stationarityResidual());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {311, 312})
    void normBudgetAndSignMatchProjectedGradient(long seed) {
        Data data = classification(seed);
        LinearReadout free = ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(), options()).readout();
        double norm = 0;
        for (int j = 0; j < K; j++) {
            for (int c = 0; c < D; c++) {
                norm += free.weight(j, c) * free.weight(j, c);
            }
        }
        double t = 0.5 * Math.sqrt(norm);
        double[][] ref = projectedGradient(data.x(), data.y(), RIDGE, th -> {
            double s = 0;
            for (double[] row : th) {
                for (int c = 0; c < D; c++) {
                    s += row[c] * row[c];
                }
            }
            s = Math.sqrt(s);
            if (s > t) {
                for (double[] row : th) {
                    for (int c = 0; c < D; c++) {
                        row[c] *= t / s;
                    }
                }
            }
        }, 20000);
        double refObj = objective(data.x(), data.y(), RIDGE, ref, new double[K][D + 1]);
        ConstrainedFit.Result r = ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(ConstraintSpec.parse("l2<=" + t)),
                options());
        checkCertified("xent+l2 seed=" + seed, r.certificate(), refObj);

        double[][] refNn = projectedGradient(data.x(), data.y(), RIDGE, th -> {
            for (double[] row : th) {
                for (int c = 0; c < D; c++) {
                    row[c] = Math.max(0, row[c]);
                }
            }
        }, 20000);
        double refNnObj = objective(data.x(), data.y(), RIDGE, refNn, new double[K][D + 1]);
        ConstrainedFit.Result rn = ConstrainedFit.fit(data.x(), data.y(), Map.of(),
                List.of(ConstraintSpec.parse("weights>=0")), options());
        checkCertified("xent+nonneg seed=" + seed, rn.certificate(), refNnObj);
    }

    /**
     * Two points {@code x = +1} (class 1) and {@code x = -1} (class 0) under {@code |W|_F <= t}: by symmetry the
     * optimum is {@code w_1 = -w_0 = t / sqrt 2}, equal biases, so {@code f* = log(1 + exp(-sqrt 2 t)) + ridge t^2}.
     */
    @Test
    void separableToyWithNormBudgetHasTheAnalyticOptimum() {
        double ridge = 1e-3;
        for (double t : new double[] {0.5, 1.0, 2.0}) {
            double[][] x = {{1.0}, {-1.0}};
            double[][] y = {{0, 1}, {1, 0}};
            ConstrainedFit.Result r = ConstrainedFit.fit(x, y, Map.of(), List.of(ConstraintSpec.parse("l2<=" + t)),
                    ConstrainedFit.Options.defaults().withObjective(Objective.crossEntropy(ridge))
                            .withSolverOptions(SolverOptions.builder().maxIterations(60).build()));
            double exact = Math.log1p(Math.exp(-Math.sqrt(2) * t)) + ridge * t * t;
            checkCertified("toy t=" + t, r.certificate(), exact);
            assertEquals(t / Math.sqrt(2), r.readout().weight(1, 0), 1e-6);
            assertEquals(-t / Math.sqrt(2), r.readout().weight(0, 0), 1e-6);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {321, 322})
    void groupBoundHoldsAndIsActive(long seed) {
        Data data = classification(seed);
        ConstrainedFit.Result free = ConstrainedFit.fit(data.x(), data.y(), Map.of(), List.of(), options());
        DesignMatrix dm = new DesignMatrix(data.x(), data.y());
        double[] gFree = new double[2];
        CrossEntropyBound.perGroup(dm, data.group(), "g", 0).measure(null, free.readout().predict(data.x()), gFree);
        double worst = Math.max(gFree[0], gFree[1]);
        double best = Math.min(gFree[0], gFree[1]);
        double eps = best + 0.7 * (worst - best);
        ConstrainedProblem prob = new ConstrainedProblem(dm, Objective.crossEntropy(RIDGE),
                List.of(CrossEntropyBound.perGroup(dm, data.group(), "g", eps)));
        ConstrainedFit.Result r = ConstrainedFit.solve(prob, Solver.AUGMENTED, options().solverOptions());
        Certificate c = r.certificate();
        System.out.printf("seed %d: group mean CE free %.6f / %.6f, bound %.6f -> %s%n", seed, gFree[0], gFree[1], eps, c);
        assertEquals(Status.CERTIFIED, c.status());
        assertTrue(c.gap() < 1e-6 && c.maxViolation() < 1e-8);
        double[] g = new double[2];
        CrossEntropyBound.perGroup(dm, data.group(), "g", 0).measure(null, r.readout().predict(data.x()), g);
        assertTrue(Math.max(g[0], g[1]) <= eps + 1e-8, "worst group CE " + Math.max(g[0], g[1]) + " > " + eps);
        assertEquals(eps, Math.max(g[0], g[1]), 1e-6, "the bound is active");
        assertTrue(c.objective() >= free.certificate().objective() - 1e-12, "constraining cannot lower the objective");
        assertTrue(c.stationarityResidual() < 1e-6, "stationarity " + c.stationarityResidual());
        assertTrue(c.complementarityResidual() < 1e-6, "complementarity " + c.complementarityResidual());
    }
}
