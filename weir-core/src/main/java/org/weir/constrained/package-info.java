/**
 * Constrained training of linear readouts {@code y = W x + b} with certificates: a primal-dual (Lagrangian)
 * engine, split as in Cooper (Gallego-Posada et al. 2025) into what is measured, how it is formulated and
 * how it is solved, plus the {@link org.weir.constrained.Certificate} every solve returns.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * ConstrainedFit.Result r = ConstrainedFit.fit(states, targets, Map.of("region", labels),
 *         List.of(ConstraintSpec.parse("abs-error<=0.05 per-sample"),
 *                 ConstraintSpec.parse("mse<=0.01 per-group=region")),
 *         ConstrainedFit.Options.defaults()                       // squared error + ridge 1e-6, dual ascent
 *                 .withSolver(Solver.parse("dual-ascent")));
 * LinearReadout readout = r.readout();
 * Certificate c = r.certificate();        // c.status(), c.objective(), c.dualBound(), c.gap(), c.toMap()
 * }</pre>
 * {@code X} is n x d (e.g. reservoir states), {@code Y} n x k, groups are label columns by name. The CLI
 * maps {@code --constraint SPEC} (repeatable) to {@link org.weir.constrained.ConstraintSpec#parse} (grammar
 * in its Javadoc; errors are {@link org.weir.constrained.ConstraintSpecParseException}s naming the position
 * and what was expected), {@code --solver NAME} to {@link org.weir.constrained.Solver#parse}, and prints or
 * stores {@link org.weir.constrained.Certificate#toMap()} (keys {@code status, objective, dual_bound, gap,
 * relative_gap, max_violation, eps_star, eps_star_lower} (infeasible only), {@code iterations, seconds, solver,
 * stationarity_residual, complementarity_residual, families, log}; the {@code log} entries carry the
 * per-iteration objective, Lagrangian, violation, multiplier max/mean/median/fraction-zero and gap estimate
 * for the convergence plot).
 *
 * <h2>What is measured</h2>
 * {@link org.weir.constrained.Objective}: squared error + ridge, or ridge alone (minimum-norm feasible
 * learning), the pinball (quantile) loss + ridge (one level per output: a quantile readout, or a quantile band
 * with two outputs fitted to the same target column), softmax cross-entropy + ridge (classification, one-hot
 * targets). {@link org.weir.constrained.ConstraintFamily} implementations, each with a size, a
 * {@link org.weir.constrained.Curvature} tag and a set view {@code B theta in C}:
 * {@link org.weir.constrained.LossBound} (per-sample abs-error / mse, per-group mse, overall mse, optionally
 * resilient), {@link org.weir.constrained.OutputBound} (outputs on the training rows in an interval),
 * {@link org.weir.constrained.RobustOutputBound} ({@code |b_j - c| + |w_j|_1 <= r}: valid for every state of
 * a tanh reservoir), {@link org.weir.constrained.GroupParity} (mean-prediction parity between groups),
 * {@link org.weir.constrained.NormBudget} (L1 or L2 weight budget), {@link org.weir.constrained.WeightOrder}
 * (non-negative or monotone weights), {@link org.weir.constrained.OutputEquality} (outputs at given states
 * equal given values; with {@code parity==0} the equality families, whose multipliers are free in sign: a box
 * with {@code lower == upper} in the set view), per-group worst-error bounds
 * ({@code LossBound.absErrorPerGroupMax}: a per-row tube, equal to the per-sample bound when every group has the
 * same bound; the worst group's mean loss {@code max_g mse_g <= v} is the per-group mse bound), and the
 * nonconvex {@link org.weir.constrained.RateBound} (fraction of errors above delta at most q: strict 0-1 count
 * for the multiplier, convex proxy for the primal step, stochastic solver only; the certificate's dual bound
 * relaxes it, so at best FEASIBLE_UNCERTIFIED unless the relaxation itself proves optimality),
 * {@link org.weir.constrained.IntervalWidth} (quantile-band width
 * {@code 0 <= (W_hi - W_lo) x_i + (b_hi - b_lo) <= w} on every row: non-crossing and narrow bands; pinball only),
 * {@link org.weir.constrained.CrossEntropyBound} (mean cross-entropy overall or per group; cross-entropy only).
 *
 * <p>Quantile readout and band:
 * <pre>{@code
 * ConstrainedFit.Result q = ConstrainedFit.fit(x, y, Map.of(), List.of(),
 *         ConstrainedFit.Options.defaults().withObjective(Objective.pinball(0.9, 1e-4)));   // 90% quantile
 * double[][] y2 = ...;   // the target column twice
 * ConstrainedFit.Result band = ConstrainedFit.fit(x, y2, Map.of(), List.of(ConstraintSpec.parse("width<=0.5")),
 *         ConstrainedFit.Options.defaults().withObjective(Objective.pinballBand(1e-4, 0.05, 0.95)));
 * }</pre>
 *
 * <h2>How it is formulated and solved</h2>
 * {@link org.weir.constrained.Solver}:
 * <ul>
 *   <li>{@code dual-ascent}: exact dual ascent for loss bounds and box-type families. The Lagrangian's
 *       minimizer is a reweighted ridge readout in closed form, so the dual is evaluated exactly; the
 *       multipliers move by projected L-BFGS alternating with Newton steps on the active multipliers
 *       (optimal dualization, default), or by projected gradient ascent / nuPI. Problems whose families are
 *       all affine (error tubes, boxes, parity, equalities) are solved exactly first by the Goldfarb-Idnani dual
 *       active-set method ({@code DualActiveSetQp})
 *       ({@link org.weir.constrained.SolverOptions.DualOptimizer}). Resilient relaxation (slack cost
 *       {@code beta/2 s^2}, dual decay {@code 1/beta}) is supported here.</li>
 *   <li>{@code admm}: ADMM on every family's set view with one cached Cholesky factor per penalty value.</li>
 *   <li>{@code augmented}: the method of multipliers, PHR terms for loss bounds and Moreau-envelope terms for
 *       the other families, with a multiplicative, additive or restarting penalty schedule.</li>
 *   <li>{@code stochastic}: mini-batch primal-dual for loss bounds with four update schemes
 *       ({@link org.weir.constrained.SolverOptions.UpdateScheme}), multipliers (and nuPI state) updated only
 *       for the constraints a batch touches, suffix-averaged iterate.</li>
 *   <li>{@code projection}: Dykstra's cyclic or randomized projections onto per-row slabs (error tubes and
 *       output bounds), converging to the optimum in the objective's metric.</li>
 * </ul>
 * The non-quadratic objectives have their own solvers (chosen by {@code admm} / {@code augmented} or the
 * default {@code dual-ascent}, which has no form for them):
 * <ul>
 *   <li>pinball: {@code PinballAdmm}, ADMM with the closed-form pinball prox (a shifted soft
 *       threshold) on the predictions, projections on every family's set view, one joint Cholesky factor per
 *       penalty value (so {@link org.weir.constrained.IntervalWidth}, which couples two outputs, is exact), and
 *       OSQP-style polishing: the active set ADMM identifies (interpolated rows, clipped coordinates, the zero
 *       pattern and signs of an active L1 budget) gives an equality-constrained QP solved by one KKT system, kept
 *       only when its certificate certifies. An active L2 budget, loss balls or robust bounds leave ADMM alone
 *       (slower tail);</li>
 *   <li>cross-entropy: {@code CrossEntropyFit}, the method of multipliers (PHR terms for
 *       cross-entropy bounds, Moreau envelopes for set-view families) with an L-BFGS inner solve.</li>
 * </ul>
 * A solver refuses, with an {@link java.lang.IllegalArgumentException} naming the family and a solver that
 * handles it, a family it cannot handle.
 *
 * <h2>What the certificate proves</h2>
 * The dual bound is {@code min_theta L(theta, multipliers)}, computed by an exact minimization (Cholesky) with
 * a Newton correction for the solve's residual, so it is a lower bound on the optimum (weak duality) whatever
 * the solver did. CERTIFIED means every hard constraint holds to {@code feasibilityTolerance * min(1, scale)}
 * (scale: the family's bound) and the relative gap is at most {@code gapTolerance}. INFEASIBLE_SUSPECTED
 * means the multipliers exceeded {@code multiplierCap}; for a loss family the certificate then reports
 * {@code eps* = min_theta max_c loss_c} as a certified bracket {@code [epsStarLower, epsStar]} (Lawson's
 * minimax iteration; abs-error families in absolute units). Loss bounds are held internally as squared errors,
 * so their violations are in squared units.
 *
 * <p>For the pinball and cross-entropy objectives the Lagrangian is not quadratic; the bound comes from Fenchel
 * duality on the loss ({@code FenchelCertifier}): any dual point {@code s} in the domain of
 * the loss's conjugate gives {@code l(z) >= s.z - l*(s)}, which leaves a function linear in theta plus the ridge
 * term, minimized in closed form ({@code -|c_W|^2 / (4 ridge)}; the unpenalized bias is handled exactly by
 * repairing the dual point so its bias coefficient is zero). Pinball: {@code l*} is the indicator of
 * {@code [tau - 1, tau]}, the dual point is ADMM's (or the polished KKT system's) multiplier, clipped and shifted.
 * Cross-entropy: {@code l*(q - y) = sum q log q} on the simplex, the dual point is the softmax at the returned
 * readout, shifted per class so weighted class totals match (mixed toward the class frequencies if an entry
 * would turn negative). Both bounds are valid for any returned readout and tight at the optimum; they need
 * ridge &gt; 0 for the weights' term; with ridge 0 the pinball problem is a linear program, whose bound needs the
 * weight part of the dual's linear term to vanish: the polished KKT solution meets that up to its rounding (then
 * certified), an ADMM iterate never does (bound {@code -infinity}). INFEASIBLE_SUSPECTED for these objectives
 * reports no {@code eps*}.
 *
 * <h2>References</h2>
 * Boyd and Vandenberghe, Convex Optimization (2004), ch. 5; Ramirez et al., "Feasible Learning" (AISTATS 2025);
 * Hounie et al., "Resilient Constrained Learning" (NeurIPS 2023); Sohrabi et al., "On PI controllers for
 * updating Lagrange multipliers in constrained optimization" (ICML 2024); Boyd et al., "Distributed
 * optimization ... ADMM" (2011); Bertsekas, Constrained Optimization and Lagrange Multiplier Methods (1982);
 * Boyle and Dykstra (1986); Gallego-Posada et al., "Cooper" (2025); Koenker and Bassett, "Regression quantiles"
 * (Econometrica 1978); Stellato et al., "OSQP" (Math. Prog. Comp. 2020); Rockafellar, Convex Analysis (1970).
 */
package org.weir.constrained;
