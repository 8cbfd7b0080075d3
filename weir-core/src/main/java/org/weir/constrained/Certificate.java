package org.weir.constrained;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a constrained solve proves about its answer. By weak duality every multiplier vector gives a lower
 * bound {@code d(lambda) = min_theta L(theta, lambda) <= p*} on the optimal value (Boyd and Vandenberghe,
 * Convex Optimization, sec. 5.2); the bound here is computed by an exact minimization of the Lagrangian
 * (a Cholesky solve) with a Newton-step correction for the solve's residual, so it stays a lower bound up
 * to floating-point rounding even when the solver's own primal step was inexact. With the primal readout
 * feasible, {@code objective - dualBound} bounds its suboptimality.
 *
 * @param status the verdict
 * @param objective objective (plus slack costs of resilient families) at the returned readout
 * @param dualBound rigorous lower bound on the optimal value ({@code -infinity} when none could be formed)
 * @param gap {@code objective - dualBound}
 * @param relativeGap {@code gap / max(1, |objective|)}
 * @param maxViolation largest constraint violation over the hard families
 * @param families per-family violation reports
 * @param stationarityResidual {@code |grad_theta L(theta, lambda)|_inf} at the returned readout
 * @param complementarityResidual largest {@code |lambda_c g_c|} (constraint view) or
 *     {@code |sigma_C(u) - u.B theta|} (set view)
 * @param epsStar for {@link Status#INFEASIBLE_SUSPECTED}: the smallest bound that can be met,
 *     {@code min_theta max_c loss_c}, by the loss family that failed (an achieved upper estimate); NaN otherwise
 * @param epsStarLower a certified lower bound on that minimum (NaN when not computed)
 * @param iterations solver iterations
 * @param seconds wall time of the solve
 * @param solver the solver's name
 * @param log per-iteration convergence log
 */
public record Certificate(Status status, double objective, double dualBound, double gap, double relativeGap,
        double maxViolation, List<FamilyReport> families, double stationarityResidual,
        double complementarityResidual, double epsStar, double epsStarLower, int iterations, double seconds,
        String solver, List<IterationRecord> log) {

    public Certificate {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        families = List.copyOf(families);
        log = List.copyOf(log);
    }

    /** The same certificate with another status and eps* (for infeasibility reports). */
    Certificate withInfeasibility(double epsStarUpper, double epsStarLowerBound) {
        return new Certificate(Status.INFEASIBLE_SUSPECTED, objective, dualBound, gap, relativeGap, maxViolation,
                families, stationarityResidual, complementarityResidual, epsStarUpper, epsStarLowerBound, iterations,
                seconds, solver, log);
    }

    Certificate withTiming(int iterations, double seconds, List<IterationRecord> log) {
        return new Certificate(status, objective, dualBound, gap, relativeGap, maxViolation, families,
                stationarityResidual, complementarityResidual, epsStar, epsStarLower, iterations, seconds, solver,
                log);
    }

    /**
     * JSON-ready map: {@code status, objective, dual_bound, gap, relative_gap, max_violation, eps_star} (only when
     * infeasible), {@code iterations, seconds, solver, stationarity_residual, complementarity_residual,
     * families} and {@code log} (list of per-iteration maps). Infinite and NaN numbers are written as strings
     * ({@code "-Infinity"}, {@code "NaN"}) so the map is valid JSON.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name());
        m.put("objective", num(objective));
        m.put("dual_bound", num(dualBound));
        m.put("gap", num(gap));
        m.put("relative_gap", num(relativeGap));
        m.put("max_violation", num(maxViolation));
        if (status == Status.INFEASIBLE_SUSPECTED) {
            m.put("eps_star", num(epsStar));
            m.put("eps_star_lower", num(epsStarLower));
        }
        m.put("iterations", iterations);
        m.put("seconds", seconds);
        m.put("solver", solver);
        m.put("stationarity_residual", num(stationarityResidual));
        m.put("complementarity_residual", num(complementarityResidual));
        List<Object> fam = new ArrayList<>();
        for (FamilyReport f : families) {
            Map<String, Object> fm = f.toMap();
            fm.replaceAll((key, v) -> v instanceof Double dv ? num(dv) : v);
            fam.add(fm);
        }
        m.put("families", fam);
        List<Object> lg = new ArrayList<>();
        for (IterationRecord r : log) {
            Map<String, Object> rm = r.toMap();
            rm.replaceAll((key, v) -> v instanceof Double dv ? num(dv) : v);
            lg.add(rm);
        }
        m.put("log", lg);
        return m;
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? (Object) v : Double.toString(v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s  objective %.10g  dual bound %.10g  gap %.3g (relative %.3g)  max violation %.3g",
                status, objective, dualBound, gap, relativeGap, maxViolation));
        if (status == Status.INFEASIBLE_SUSPECTED) {
            sb.append(String.format("  eps* %.10g (>= %.10g)", epsStar, epsStarLower));
        }
        sb.append(String.format("  [%s, %d iterations, %.3f s]", solver, iterations, seconds));
        for (FamilyReport f : families) {
            sb.append(String.format("%n  %s: %d constraints, max violation %.3g, %d violated", f.name(), f.size(),
                    f.maxViolation(), f.violatedCount()));
        }
        return sb.toString();
    }
}
