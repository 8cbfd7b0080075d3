package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.weir.readout.LinearReadout;

/**
 * Entry point: trains a linear readout {@code y = W x + b} under constraints and returns it with its
 * {@link Certificate}. See the package documentation for the formulation and the solvers.
 */
public final class ConstrainedFit {
    private ConstrainedFit() {
    }

    /**
     * A trained constrained readout and what its solve proves.
     *
     * @param readout the readout
     * @param certificate objective, violations, dual bound, gap, status
     */
    public record Result(LinearReadout readout, Certificate certificate) {
    }

    /**
     * What to minimize and how to solve.
     *
     * @param objective the objective (default: squared error + ridge 1e-6)
     * @param solver the solver (default: dual ascent)
     * @param solverOptions tolerances and solver knobs
     */
    public record Options(Objective objective, Solver solver, SolverOptions solverOptions) {
        public Options {
            if (objective == null || solver == null || solverOptions == null) {
                throw new IllegalArgumentException("objective, solver and solverOptions must not be null");
            }
        }

        /** Squared error + ridge 1e-6, dual ascent, default solver options. */
        public static Options defaults() {
            return new Options(Objective.squaredError(1e-6), Solver.DUAL_ASCENT, SolverOptions.defaults());
        }

        public Options withObjective(Objective o) {
            return new Options(o, solver, solverOptions);
        }

        public Options withSolver(Solver s) {
            return new Options(objective, s, solverOptions);
        }

        public Options withSolverOptions(SolverOptions so) {
            return new Options(objective, solver, so);
        }
    }

    /**
     * Fits a readout on features X (n x d) and targets Y (n x k) under the given constraints.
     *
     * @param x features (not modified)
     * @param y targets (not modified)
     * @param groups group label columns by name, for specs with {@code per-group=COLUMN} (may be empty)
     * @param specs the constraints
     * @param options objective and solver
     */
    public static Result fit(double[][] x, double[][] y, Map<String, int[]> groups, List<ConstraintSpec> specs,
            Options options) {
        DesignMatrix data = new DesignMatrix(x, y);
        List<ConstraintFamily> fams = new ArrayList<>();
        for (ConstraintSpec s : specs) {
            fams.add(s.bind(data, groups == null ? Map.of() : groups));
        }
        return solve(new ConstrainedProblem(data, options.objective(), fams), options.solver(),
                options.solverOptions());
    }

    /** Solves an already bound problem. */
    public static Result solve(ConstrainedProblem problem, Solver solver, SolverOptions options) {
        if (!problem.objective().isQuadratic() || NonQuadraticFit.needsJointSolver(problem)) {
            return NonQuadraticFit.solve(problem, solver, options);
        }
        long t0 = System.nanoTime();
        for (ConstraintFamily f : problem.families()) {
            if (f.curvature() == Curvature.NONCONVEX && solver != Solver.STOCHASTIC) {
                throw new IllegalArgumentException("family '" + f.name() + "' is nonconvex; only --solver stochastic"
                        + " handles it (strict measurement for the multipliers, a convex proxy for the readout)");
            }
        }
        Lagrangian lagrangian = new Lagrangian(problem);
        SolveOutcome out = switch (solver) {
            case DUAL_ASCENT -> dualAscent(problem, options);
            case ADMM -> new Admm(problem, options).solve();
            case AUGMENTED -> new AugmentedLagrangian(problem, options).solve();
            case STOCHASTIC -> new StochasticPrimalDual(problem, options).solve();
            case PROJECTION -> new DykstraProjection(problem, options).solve();
        };
        Certifier certifier = new Certifier(lagrangian, options.feasibilityTolerance(), options.gapTolerance());
        Certificate cert = certifier.certify(out.theta(), out.multipliers(), solver.cliName(),
                out.iterations() >= options.maxIterations());
        if (out.infeasible()) {
            double upper = Double.NaN;
            double lower = Double.NaN;
            if (out.infeasibleFamily() >= 0
                    && problem.families().get(out.infeasibleFamily()) instanceof LossBound lb) {
                double[] start = out.multipliers().values(out.infeasibleFamily());
                if (out.multipliers().isSetView(out.infeasibleFamily())) {
                    // set view of a loss bound: one coordinate per (row, output) block; use |u| when it is a tube
                    start = start.length == lb.size() ? java.util.Arrays.stream(start).map(Math::abs).toArray() : null;
                }
                MinimaxLoss.Bracket b = MinimaxLoss.solve(lb, problem.data(), start, 500, 1e-4);
                upper = lb.toBoundUnits(b.upper());
                lower = lb.toBoundUnits(b.lower());
            }
            cert = cert.withInfeasibility(upper, lower);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        cert = cert.withTiming(out.iterations(), seconds, out.log());
        return new Result(readout(problem.data(), out.theta()), cert);
    }

    /**
     * Dual ascent; with linear tube dualization first a short run (cheap steps), then, when that did not
     * certify, the squared (reweighted ridge) dualization, whose multipliers diverge fast on infeasible bounds.
     */
    private static SolveOutcome dualAscent(ConstrainedProblem problem, SolverOptions options) {
        boolean tube = options.tubeDualization() == SolverOptions.TubeDualization.LINEAR
                && options.dualOptimizer() == SolverOptions.DualOptimizer.LBFGS
                && problem.families().stream().anyMatch(f -> f instanceof LossBound lb && lb.isTube()
                        && !lb.isResilient());
        if (!tube) {
            return new ExactDualAscent(problem, options).solve();
        }
        int first = Math.min(options.maxIterations(), LINEAR_TUBE_ITERATIONS);
        SolveOutcome out = new ExactDualAscent(problem, options.toBuilder().maxIterations(first).build()).solve();
        Certifier check = new Certifier(new Lagrangian(problem), options.feasibilityTolerance(),
                options.gapTolerance());
        if (out.infeasible() || first >= options.maxIterations()
                || check.certify(out.theta(), out.multipliers(), "dual-ascent", false).status() == Status.CERTIFIED) {
            return out;
        }
        SolveOutcome second = new ExactDualAscent(problem, options.toBuilder()
                .tubeDualization(SolverOptions.TubeDualization.SQUARED)
                .maxIterations(Math.max(1, options.maxIterations() - out.iterations())).build()).solve();
        List<IterationRecord> log = new ArrayList<>(out.log());
        for (IterationRecord r : second.log()) {
            log.add(new IterationRecord(r.iteration() + out.iterations(), r.objective(), r.lagrangian(),
                    r.maxViolation(), r.multiplierMax(), r.multiplierMean(), r.multiplierMedian(), r.fractionZero(),
                    r.gapEstimate()));
        }
        return new SolveOutcome(second.theta(), second.multipliers(), out.iterations() + second.iterations(), log,
                second.infeasible(), second.infeasibleFamily());
    }

    private static final int LINEAR_TUBE_ITERATIONS = 300;

    static LinearReadout readout(DesignMatrix x, double[][] theta) {
        int k = x.outputs();
        int d = x.features();
        double[] w = new double[k * d];
        double[] b = new double[k];
        for (int j = 0; j < k; j++) {
            System.arraycopy(theta[j], 0, w, j * d, d);
            b[j] = theta[j][d];
        }
        return new LinearReadout(k, d, w, b);
    }
}
