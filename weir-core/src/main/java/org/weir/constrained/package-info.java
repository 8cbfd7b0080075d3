/**
 * Constrained training of linear readouts {@code y = W x + b} with certificates: a primal-dual (Lagrangian)
 * engine. See {@link org.weir.constrained.ConstrainedFit} for the entry point.
 */
package org.weir.constrained;
