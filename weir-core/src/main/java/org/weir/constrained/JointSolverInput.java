package org.weir.constrained;

import java.util.List;

/**
 * What the joint solvers of a non-quadratic objective ({@link PinballAdmm}, {@link CrossEntropyFit}) read from
 * their problem, checked once: the objective is the one the solver solves and every family is hard. The sizes and
 * parts are read from the problem, not stored twice.
 *
 * @param problem the problem (not modified)
 * @param opt the solver options
 */
record JointSolverInput(ConstrainedProblem problem, SolverOptions opt) {

    /**
     * Reads the problem for a solver of one objective kind.
     *
     * @param solver the solver's name, for messages ("PinballAdmm")
     * @param objective the objective's name, for messages ("pinball")
     * @param method how the solver is named to users, for the hard-families message ("pinball (admm)")
     * @throws IllegalArgumentException when the objective is of another kind or a family is resilient
     */
    static JointSolverInput of(ConstrainedProblem problem, SolverOptions opt, Objective.Kind kind, String solver,
            String objective, String method) {
        if (problem.objective().kind() != kind) {
            throw new IllegalArgumentException(solver + " solves the " + objective + " objective; got "
                    + problem.objective());
        }
        SetViewSupport.requireHard(problem.families(), method);
        return new JointSolverInput(problem, opt);
    }

    /** The design matrix, {@code problem.data()}. */
    DesignMatrix x() {
        return problem.data();
    }

    /** The constraint families, {@code problem.families()}. */
    List<ConstraintFamily> fams() {
        return problem.families();
    }

    /** Rows. */
    int n() {
        return problem.data().rows();
    }

    /** Outputs (target columns). */
    int k() {
        return problem.data().outputs();
    }

    /** Parameters per output (features and bias). */
    int p() {
        return problem.data().params();
    }

    /** The objective's ridge on the weights. */
    double ridge() {
        return problem.objective().ridge();
    }
}
