package org.weir.constrained;

import java.util.List;

/**
 * What is measured: training data, an objective and constraint families bound to that data
 * (the "problem" of Cooper's split; Gallego-Posada et al., "Cooper: a library for constrained
 * optimization in deep learning", 2025). Immutable.
 *
 * @param data training features and targets
 * @param objective what is minimized
 * @param families constraints {@code g(theta) <= 0}
 */
public record ConstrainedProblem(DesignMatrix data, Objective objective, List<ConstraintFamily> families) {
    public ConstrainedProblem {
        if (data == null || objective == null || families == null) {
            throw new IllegalArgumentException("data, objective and families must not be null");
        }
        families = List.copyOf(families);
    }

    /** Sum of the sizes of all families. */
    public int constraintCount() {
        int s = 0;
        for (ConstraintFamily f : families) {
            s += f.size();
        }
        return s;
    }
}
