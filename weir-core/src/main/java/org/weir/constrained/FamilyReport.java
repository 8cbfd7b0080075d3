package org.weir.constrained;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well one constraint family holds at the returned readout.
 *
 * @param name the family's description
 * @param size number of constraints
 * @param maxViolation largest {@code max(g_c, 0)}
 * @param violatedCount number of constraints with {@code g_c} above the feasibility tolerance
 * @param relativeViolation {@code maxViolation / scale} (scale: the family's bound)
 * @param resilient whether the family is relaxed with slacks (its violations are then the slacks)
 * @param maxSlack for resilient families the largest slack {@code lambda_c / beta}, else 0
 */
public record FamilyReport(String name, int size, double maxViolation, int violatedCount, double relativeViolation,
        boolean resilient, double maxSlack) {
    /** JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("size", size);
        m.put("max_violation", maxViolation);
        m.put("violated_count", violatedCount);
        m.put("relative_violation", relativeViolation);
        m.put("resilient", resilient);
        if (resilient) {
            m.put("max_slack", maxSlack);
        }
        return m;
    }
}
