package org.weir.constrained;

/** Outcome of a constrained solve, as judged by its {@link Certificate}. */
public enum Status {
    /** Every constraint holds within the feasibility tolerance and the relative duality gap is within its tolerance. */
    CERTIFIED,
    /** Every constraint holds within tolerance but the duality gap is larger than its tolerance. */
    FEASIBLE_UNCERTIFIED,
    /** The multipliers grew without bound: the constraints cannot all hold; see {@code epsStar}. */
    INFEASIBLE_SUSPECTED,
    /** The iteration budget ran out with constraints still violated. */
    MAX_ITER
}
