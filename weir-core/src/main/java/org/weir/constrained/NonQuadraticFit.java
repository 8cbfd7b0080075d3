package org.weir.constrained;

/**
 * Routes the non-quadratic objectives to their solvers: the pinball objective to {@link PinballAdmm} (solver
 * {@code admm}, or the default {@code dual-ascent}, which has no pinball form), the cross-entropy objective to
 * {@link CrossEntropyFit} ({@code augmented}, or the default). Families that couple outputs
 * ({@link IntervalWidth}) need the joint solve of {@link PinballAdmm}.
 */
final class NonQuadraticFit {
    private NonQuadraticFit() {
    }

    /** True when a family couples outputs, which the per-output quadratic solvers cannot handle. */
    static boolean needsJointSolver(ConstrainedProblem problem) {
        return problem.families().stream().anyMatch(f -> f instanceof IntervalWidth || f instanceof CrossEntropyBound);
    }

    static ConstrainedFit.Result solve(ConstrainedProblem problem, Solver solver, SolverOptions options) {
        long t0 = System.nanoTime();
        Objective obj = problem.objective();
        Certificate cert;
        SolveOutcome out;
        switch (obj.kind()) {
            case PINBALL -> {
                if (solver != Solver.ADMM && solver != Solver.DUAL_ASCENT) {
                    throw new IllegalArgumentException("the pinball objective is solved by --solver admm (ADMM with the "
                            + "closed-form pinball prox); got " + solver.cliName());
                }
                PinballAdmm.Outcome o = new PinballAdmm(problem, options).solve();
                out = o.solve();
                cert = o.certificate();
            }
            case CROSS_ENTROPY -> {
                if (solver != Solver.AUGMENTED && solver != Solver.DUAL_ASCENT) {
                    throw new IllegalArgumentException("the cross-entropy objective is solved by --solver augmented "
                            + "(method of multipliers with an L-BFGS inner solve); got " + solver.cliName());
                }
                CrossEntropyFit.Outcome o = new CrossEntropyFit(problem, options).solve();
                out = o.solve();
                cert = o.certificate();
            }
            default -> {
                ConstraintFamily f = problem.families().stream()
                        .filter(g -> g instanceof IntervalWidth || g instanceof CrossEntropyBound).findFirst().orElseThrow();
                throw new IllegalArgumentException(f instanceof IntervalWidth
                        ? "family '" + f.name() + "' couples two quantile outputs: use the pinball objective "
                                + "(Objective.pinballBand, --objective pinball:LO,HI)"
                        : "family '" + f.name() + "' bounds a cross-entropy: use the cross-entropy objective");
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        cert = cert.withTiming(out.iterations(), seconds, out.log());
        return new ConstrainedFit.Result(ConstrainedFit.readout(problem.data(), out.theta()), cert);
    }
}
