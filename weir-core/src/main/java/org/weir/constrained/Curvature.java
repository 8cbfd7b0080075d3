package org.weir.constrained;

/** Curvature of a constraint function {@code g(W)} in the readout parameters. */
public enum Curvature {
    /** {@code g} is affine: the constraint set is a half-space or hyperplane. */
    AFFINE,
    /** {@code g} is convex: the constraint set is convex, duality certificates are valid. */
    CONVEX,
    /** {@code g} is not convex: multipliers still work, certificates are only heuristic. */
    NONCONVEX
}
