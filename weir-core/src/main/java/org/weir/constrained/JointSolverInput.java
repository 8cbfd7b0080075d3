package org.weir.constrained;

import java.util.List;

/**
 * What the joint solvers of a non-quadratic objective ({@link PinballAdmm}, {@link CrossEntropyFit}) read from
 * their problem, checked once: the objective is the one the solver solves and every family is hard.
 *
 * @param problem the problem (not modified)
 * @param opt the solver options
 * @param x the design matrix, {@code problem.data()}
 * @param fams the constraint families, {@code problem.families()}
 * @param n rows
 * @param k outputs (target columns)
 * @param p parameters per output (features and bias)
 * @param ridge the objective's ridge on the weights
 */
record JointSolverInput(ConstrainedProblem problem, SolverOptions opt, DesignMatrix x, List<ConstraintFamily> fams,
        int n, int k, int p, double ridge) {

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
        DesignMatrix x = problem.data();
        return new JointSolverInput(problem, opt, x, problem.families(), x.rows(), x.outputs(), x.params(),
                problem.objective().ridge());
    }
}
