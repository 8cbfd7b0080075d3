package org.weir.constrained;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a solver's convergence log.
 *
 * @param iteration iteration number (0-based)
 * @param objective objective at the current primal iterate
 * @param lagrangian Lagrangian (or dual function) value at the current iterate
 * @param maxViolation largest positive constraint value over all hard families
 * @param multiplierMax largest absolute multiplier
 * @param multiplierMean mean absolute multiplier
 * @param multiplierMedian median absolute multiplier
 * @param fractionZero fraction of multipliers exactly zero
 * @param gapEstimate objective minus the best dual bound known so far (NaN when none yet)
 */
public record IterationRecord(int iteration, double objective, double lagrangian, double maxViolation,
        double multiplierMax, double multiplierMean, double multiplierMedian, double fractionZero,
        double gapEstimate) {

    static IterationRecord of(int iteration, double objective, double lagrangian, double maxViolation,
            Multipliers m, double gapEstimate) {
        double[] s = m.stats();
        return new IterationRecord(iteration, objective, lagrangian, maxViolation, s[0], s[1], s[2], s[3],
                gapEstimate);
    }

    /** JSON-ready map (keys in snake case). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", iteration);
        m.put("objective", objective);
        m.put("lagrangian", lagrangian);
        m.put("max_violation", maxViolation);
        m.put("multiplier_max", multiplierMax);
        m.put("multiplier_mean", multiplierMean);
        m.put("multiplier_median", multiplierMedian);
        m.put("fraction_zero", fractionZero);
        m.put("gap_estimate", gapEstimate);
        return m;
    }
}
