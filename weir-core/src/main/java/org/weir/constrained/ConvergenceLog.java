package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;

/**
 * A solver's convergence log: one {@link IterationRecord} per certified round, its gap estimated as the objective
 * minus the best dual bound seen so far (weak duality makes every certificate's bound a lower bound on the optimum).
 */
final class ConvergenceLog {
    private final List<IterationRecord> records = new ArrayList<>();
    private double bestDual = Double.NEGATIVE_INFINITY;

    /** Logs round {@code iteration} with its certificate c and the multipliers m that c was computed from. */
    void add(int iteration, Certificate c, Multipliers m) {
        bestDual = Math.max(bestDual, c.dualBound());
        records.add(IterationRecord.of(iteration, c.objective(), c.dualBound(), c.maxViolation(), m,
                c.objective() - bestDual));
    }

    /** The records so far (the live list, handed to {@link SolveOutcome}). */
    List<IterationRecord> records() {
        return records;
    }
}
