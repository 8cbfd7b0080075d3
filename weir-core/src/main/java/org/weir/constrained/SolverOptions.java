package org.weir.constrained;

/**
 * How a constrained readout is solved: tolerances, iteration budget and the knobs of each solver. Build
 * with {@link #builder()}; every field is validated here.
 *
 * @param maxIterations outer iterations at most ({@code >= 1})
 * @param feasibilityTolerance largest constraint violation a CERTIFIED readout may have, times
 *     {@code min(1, scale)} of each family (so small bounds are held relatively), ({@code > 0})
 * @param gapTolerance largest relative duality gap {@code (f - d) / max(1, |f|)} for CERTIFIED ({@code > 0})
 * @param multiplierCap a multiplier above this means the constraints cannot be met (INFEASIBLE_SUSPECTED)
 * @param dualOptimizer how the exact dual-ascent solver moves the multipliers
 * @param stepSize dual step {@code eta} for gradient ascent and nuPI ({@code > 0})
 * @param nuPiProportional nuPI's proportional gain {@code K_P >= 0}
 * @param nuPiIntegral nuPI's integral gain {@code K_I > 0}
 * @param nuPiEma nuPI's EMA coefficient {@code kappa in [0, 1)} for the violation signal {@code xi}
 * @param penalty initial penalty {@code c} (augmented Lagrangian) or {@code rho} (ADMM), {@code > 0}
 * @param penaltySchedule how the augmented Lagrangian's penalty grows
 * @param penaltyGrowth factor (multiplicative, {@code > 1}) or increment (additive, {@code > 0}) of the schedule
 * @param projectionOrder order of the projection solver's sweeps
 * @param seed seed of every random choice (randomized projections, mini-batch order)
 * @param batchSize rows per mini-batch of the stochastic solver ({@code >= 1})
 * @param primalStepSize primal step of the stochastic solver, in the metric of the objective's Hessian
 *     ({@code > 0}; 1 is a Newton step on the objective)
 * @param updateScheme order of primal and dual updates in the stochastic solver
 * @param tubeDualization how the dual-ascent solver dualizes per-sample abs-error bounds
 * @param formulation how the {@code augmented} solver treats the constraints between its inner solves
 */
public record SolverOptions(int maxIterations, double feasibilityTolerance, double gapTolerance,
        double multiplierCap, DualOptimizer dualOptimizer, double stepSize, double nuPiProportional,
        double nuPiIntegral, double nuPiEma, double penalty, PenaltySchedule penaltySchedule, double penaltyGrowth,
        ProjectionOrder projectionOrder, long seed, int batchSize, double primalStepSize, UpdateScheme updateScheme,
        TubeDualization tubeDualization, Formulation formulation) {

    /**
     * Formulation of the {@code augmented} solver's outer loop.
     */
    public enum Formulation {
        /** Method of multipliers: the multipliers are carried and updated between inner solves (default). */
        AUGMENTED_LAGRANGIAN,
        /**
         * Quadratic penalty (Courant 1943): every inner solve starts from zero multipliers, so it minimizes
         * {@code f + (c/2) sum relu(g)^2} (set views: {@code (c/2) dist(B theta, C)^2}) with c growing; the
         * multiplier estimates {@code c relu(g)} of each solve feed the certificate's dual bound (a valid lower
         * bound however inexact). Needs c to grow large for small violations: slower than the multipliers.
         */
        QUADRATIC_PENALTY
    }

    /**
     * How the dual-ascent solver dualizes a hard per-sample abs-error bound {@code |r_ij| <= eps}. Both give the
     * same readout and a valid certificate.
     */
    public enum TubeDualization {
        /**
         * As {@code r^2 <= eps^2}: the primal step is a reweighted ridge readout (weights {@code 1/n + lambda_i}),
         * refactored at every dual step (Feasible Learning as iteratively reweighted ridge).
         */
        SQUARED,
        /**
         * As the two linear constraints {@code -eps <= r <= eps}: the Hessian never changes, so one Cholesky factor
         * serves every dual step and each step costs O(n p) (the default; much faster for many features).
         */
        LINEAR
    }

    /** Order of the primal and dual updates of the stochastic primal-dual solver (Cooper's schemes). */
    public enum UpdateScheme {
        /** Both steps from the same point. */
        SIMULTANEOUS,
        /** Dual step first, then the primal step with the new multipliers (the recommended default). */
        ALTERNATING_DUAL_FIRST,
        /** Primal step first, then the dual step at the new parameters. */
        ALTERNATING_PRIMAL_FIRST,
        /** Extragradient (Korpelevich 1976): a look-ahead step, then both steps with the look-ahead gradients. */
        EXTRAGRADIENT,
        /**
         * Accelerated linearized primal-dual (APD, Hamedani and Aybat, SIAM J. Optim. 2021; Xu 2017): a dual step
         * on the extrapolated constraint estimate {@code 2 g(theta_k) - g(theta_{k-1})} through the exact proximal
         * map of the resilient decay {@code lambda <- [(lambda + eta s) / (1 + eta / beta)]_+}, then a linearized
         * primal step. Needs every family resilient (a strongly concave dual).
         */
        ACCELERATED
    }

    /** Dual update of the exact dual-ascent solver. */
    public enum DualOptimizer {
        /** Maximize the smooth concave dual to convergence with projected L-BFGS ("optimal dualization"). */
        LBFGS,
        /** Projected gradient ascent {@code lambda <- [lambda + eta grad d]_+} (iteratively reweighted ridge). */
        GRADIENT_ASCENT,
        /**
         * nuPI control of the multipliers (Sohrabi et al., "On PI controllers for updating Lagrange multipliers
         * in constrained optimization", ICML 2024): {@code lambda <- [lambda + eta (K_I e_t + K_P (xi_t - xi_{t-1}))]_+}
         * with {@code xi} an EMA of the violation {@code e}.
         */
        NU_PI
    }

    /** Penalty schedule of the augmented Lagrangian. */
    public enum PenaltySchedule {
        /** {@code c <- growth c} when the violation did not fall to a quarter. */
        MULTIPLICATIVE,
        /** {@code c <- c + growth} when the violation did not fall to a quarter. */
        ADDITIVE,
        /** Multiplicative growth, reset to the initial penalty whenever every constraint holds. */
        MULTIPLICATIVE_WITH_RESTART
    }

    /** Sweep order of the projection solver. */
    public enum ProjectionOrder {
        /** Rows in order. */
        CYCLIC,
        /** A fresh seeded permutation per sweep. */
        RANDOM
    }

    public SolverOptions {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1; got " + maxIterations);
        }
        positive("feasibilityTolerance", feasibilityTolerance);
        positive("gapTolerance", gapTolerance);
        positive("multiplierCap", multiplierCap);
        positive("stepSize", stepSize);
        if (!(nuPiProportional >= 0) || !Double.isFinite(nuPiProportional)) {
            throw new IllegalArgumentException("nuPiProportional must be finite and >= 0; got " + nuPiProportional);
        }
        positive("nuPiIntegral", nuPiIntegral);
        if (!(nuPiEma >= 0 && nuPiEma < 1)) {
            throw new IllegalArgumentException("nuPiEma must be in [0, 1); got " + nuPiEma);
        }
        positive("penalty", penalty);
        if (dualOptimizer == null || penaltySchedule == null || projectionOrder == null) {
            throw new IllegalArgumentException("dualOptimizer, penaltySchedule and projectionOrder must not be null");
        }
        positive("penaltyGrowth", penaltyGrowth);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1; got " + batchSize);
        }
        positive("primalStepSize", primalStepSize);
        if (tubeDualization == null) {
            throw new IllegalArgumentException("tubeDualization must not be null");
        }
        if (formulation == null) {
            throw new IllegalArgumentException("formulation must not be null");
        }
        if (updateScheme == null) {
            throw new IllegalArgumentException("updateScheme must not be null");
        }
        if (penaltySchedule != PenaltySchedule.ADDITIVE && !(penaltyGrowth > 1)) {
            throw new IllegalArgumentException("penaltyGrowth must be > 1 for a multiplicative schedule; got "
                    + penaltyGrowth);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0; got " + v);
        }
    }

    /** Defaults: 10000 iterations, tolerances 1e-9, L-BFGS dual, penalty 1 growing x10, cyclic projections, seed 0. */
    public static SolverOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxIterations = maxIterations;
        b.feasibilityTolerance = feasibilityTolerance;
        b.gapTolerance = gapTolerance;
        b.multiplierCap = multiplierCap;
        b.dualOptimizer = dualOptimizer;
        b.stepSize = stepSize;
        b.nuPiProportional = nuPiProportional;
        b.nuPiIntegral = nuPiIntegral;
        b.nuPiEma = nuPiEma;
        b.penalty = penalty;
        b.penaltySchedule = penaltySchedule;
        b.penaltyGrowth = penaltyGrowth;
        b.projectionOrder = projectionOrder;
        b.seed = seed;
        b.batchSize = batchSize;
        b.primalStepSize = primalStepSize;
        b.updateScheme = updateScheme;
        b.tubeDualization = tubeDualization;
        b.formulation = formulation;
        return b;
    }

    /** Builder for {@link SolverOptions}. */
    public static final class Builder {
        private int maxIterations = 10000;
        private double feasibilityTolerance = 1e-9;
        private double gapTolerance = 1e-9;
        private double multiplierCap = 1e8;
        private DualOptimizer dualOptimizer = DualOptimizer.LBFGS;
        private double stepSize = 1.0;
        private double nuPiProportional = 0.0;
        private double nuPiIntegral = 1.0;
        private double nuPiEma = 0.0;
        private double penalty = 1.0;
        private PenaltySchedule penaltySchedule = PenaltySchedule.MULTIPLICATIVE;
        private double penaltyGrowth = 10.0;
        private ProjectionOrder projectionOrder = ProjectionOrder.CYCLIC;
        private long seed = 0L;
        private int batchSize = 64;
        private double primalStepSize = 0.5;
        private UpdateScheme updateScheme = UpdateScheme.ALTERNATING_DUAL_FIRST;
        private TubeDualization tubeDualization = TubeDualization.LINEAR;
        private Formulation formulation = Formulation.AUGMENTED_LAGRANGIAN;

        public Builder maxIterations(int v) { this.maxIterations = v; return this; }
        public Builder feasibilityTolerance(double v) { this.feasibilityTolerance = v; return this; }
        public Builder gapTolerance(double v) { this.gapTolerance = v; return this; }
        public Builder multiplierCap(double v) { this.multiplierCap = v; return this; }
        public Builder dualOptimizer(DualOptimizer v) { this.dualOptimizer = v; return this; }
        public Builder stepSize(double v) { this.stepSize = v; return this; }
        public Builder nuPi(double proportional, double integral, double ema) {
            this.nuPiProportional = proportional;
            this.nuPiIntegral = integral;
            this.nuPiEma = ema;
            return this;
        }
        public Builder penalty(double v) { this.penalty = v; return this; }
        public Builder penaltySchedule(PenaltySchedule v) { this.penaltySchedule = v; return this; }
        public Builder penaltyGrowth(double v) { this.penaltyGrowth = v; return this; }
        public Builder projectionOrder(ProjectionOrder v) { this.projectionOrder = v; return this; }
        public Builder seed(long v) { this.seed = v; return this; }
        public Builder batchSize(int v) { this.batchSize = v; return this; }
        public Builder primalStepSize(double v) { this.primalStepSize = v; return this; }
        public Builder updateScheme(UpdateScheme v) { this.updateScheme = v; return this; }
        public Builder tubeDualization(TubeDualization v) { this.tubeDualization = v; return this; }
        public Builder formulation(Formulation v) { this.formulation = v; return this; }

        public SolverOptions build() {
            return new SolverOptions(maxIterations, feasibilityTolerance, gapTolerance, multiplierCap, dualOptimizer,
                    stepSize, nuPiProportional, nuPiIntegral, nuPiEma, penalty, penaltySchedule, penaltyGrowth,
                    projectionOrder, seed, batchSize, primalStepSize, updateScheme,
                    tubeDualization, formulation);
        }
    }
}
