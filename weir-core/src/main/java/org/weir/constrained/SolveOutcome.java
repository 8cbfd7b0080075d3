package org.weir.constrained;

import java.util.List;

/** What a solver hands to the certifier: primal parameters, multipliers and its log. */
record SolveOutcome(double[][] theta, Multipliers multipliers, int iterations, List<IterationRecord> log,
        boolean infeasible, int infeasibleFamily) {
}
