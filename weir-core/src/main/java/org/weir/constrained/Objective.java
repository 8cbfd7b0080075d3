package org.weir.constrained;

import java.util.List;
import java.util.Locale;

/**
 * What the readout minimizes, as a function of {@code theta = (W, b)}.
 *
 * <ul>
 *   <li>{@link Kind#SQUARED_ERROR}: {@code f = (1/(n k)) sum_ij (y_ij - w_j.x_i - b_j)^2 + ridge |W|_F^2}
 *       (the bias is not penalized), the usual ridge readout;</li>
 *   <li>{@link Kind#MINIMUM_NORM}: {@code f = ridge (|W|_F^2 + |b|^2)}, the minimum-norm feasible readout
 *       of Feasible Learning (Ramirez et al., "Feasible Learning", AISTATS 2025) when combined with
 *       per-sample loss bounds;</li>
 *   <li>{@link Kind#PINBALL}: {@code f = (1/(n k)) sum_ij rho_{tau_j}(y_ij - w_j.x_i - b_j) + ridge |W|_F^2} with
 *       the pinball (check) loss {@code rho_tau(r) = max(tau r, (tau - 1) r)}: output j is a linear quantile
 *       readout at level {@code tau_j} (Koenker and Bassett, "Regression quantiles", Econometrica 1978). One
 *       level serves every output; a list gives one per output (a quantile band: two outputs fitted to the same
 *       target column). Solved by {@code PinballAdmm};</li>
 *   <li>{@link Kind#CROSS_ENTROPY}: {@code f = (1/n) sum_i -sum_j y_ij log softmax(W x_i + b)_j + ridge |W|_F^2}
 *       for k classes, targets one-hot (or any probability rows); the outputs are the class logits. Solved by
 *       {@code CrossEntropyFit}.</li>
 * </ul>
 * The squared-loss kinds are quadratic (their Lagrangian is minimized exactly by a Cholesky solve); the
 * pinball and cross-entropy kinds are certified through Fenchel duality on the loss instead (see
 * {@code FenchelCertifier}).
 *
 * @param kind which objective
 * @param ridge the penalty weight: {@code >= 0} ({@code > 0} for minimum norm)
 * @param levels quantile levels in (0, 1) for {@link Kind#PINBALL} (one, or one per output, strictly
 *     increasing); empty for the other kinds
 */
public record Objective(Kind kind, double ridge, List<Double> levels) {
    /** The objective families. */
    public enum Kind {
        /** Mean squared error plus ridge. */
        SQUARED_ERROR,
        /** Ridge penalty alone (weights and bias). */
        MINIMUM_NORM,
        /** Mean pinball (quantile) loss plus ridge. */
        PINBALL,
        /** Mean softmax cross-entropy plus ridge (classification). */
        CROSS_ENTROPY
    }

    public Objective {
        if (kind == null) {
            throw new IllegalArgumentException("objective kind must not be null");
        }
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be finite and >= 0; got " + ridge);
        }
        if (kind == Kind.MINIMUM_NORM && ridge <= 0) {
            throw new IllegalArgumentException("ridge must be > 0 for the minimum-norm objective; got " + ridge);
        }
        levels = levels == null ? List.of() : List.copyOf(levels);
        if (kind == Kind.PINBALL) {
            if (levels.isEmpty()) {
                throw new IllegalArgumentException("the pinball objective needs at least one quantile level; got none");
            }
            double prev = 0;
            for (double t : levels) {
                if (!(t > 0 && t < 1)) {
                    throw new IllegalArgumentException("quantile level must be in (0, 1); got " + t);
                }
                if (!(t > prev)) {
                    throw new IllegalArgumentException("quantile levels must be strictly increasing; got " + levels);
                }
                prev = t;
            }
        } else if (!levels.isEmpty()) {
            throw new IllegalArgumentException("quantile levels are only for the pinball objective; got " + levels
                    + " for " + kind);
        }
    }

    /** An objective without quantile levels. */
    public Objective(Kind kind, double ridge) {
        this(kind, ridge, List.of());
    }

    /** Mean squared error plus {@code ridge |W|^2}. */
    public static Objective squaredError(double ridge) {
        return new Objective(Kind.SQUARED_ERROR, ridge);
    }

    /** {@code ridge (|W|^2 + |b|^2)}. */
    public static Objective minimumNorm(double ridge) {
        return new Objective(Kind.MINIMUM_NORM, ridge);
    }

    /** Mean pinball loss at level tau (every output) plus {@code ridge |W|^2}. */
    public static Objective pinball(double tau, double ridge) {
        return new Objective(Kind.PINBALL, ridge, List.of(tau));
    }

    /**
     * Mean pinball loss with one level per output plus {@code ridge |W|^2}; {@code pinball(ridge, 0.05, 0.95)}
     * is a 90% quantile band (two outputs, the targets' one column given twice).
     */
    public static Objective pinballBand(double ridge, double... taus) {
        return new Objective(Kind.PINBALL, ridge, java.util.Arrays.stream(taus).boxed().toList());
    }

    /** Mean softmax cross-entropy plus {@code ridge |W|^2}. */
    public static Objective crossEntropy(double ridge) {
        return new Objective(Kind.CROSS_ENTROPY, ridge);
    }

    /**
     * Parses the CLI's {@code --objective} value: {@code squared}, {@code min-norm}, {@code pinball:TAU} or
     * {@code pinball:TAU1,TAU2,...}, {@code cross-entropy}; the ridge is given separately.
     */
    public static Objective parse(String text, double ridge) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("squared") || s.equals("squared-error") || s.equals("mse")) {
            return squaredError(ridge);
        }
        if (s.equals("min-norm") || s.equals("minimum-norm")) {
            return minimumNorm(ridge);
        }
        if (s.equals("cross-entropy") || s.equals("xent")) {
            return crossEntropy(ridge);
        }
        if (s.startsWith("pinball:")) {
            String[] parts = s.substring("pinball:".length()).split(",");
            double[] taus = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    taus[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("objective '" + text + "': quantile level '" + parts[i].trim()
                            + "' is not a number in (0, 1)");
                }
            }
            return pinballBand(ridge, taus);
        }
        throw new IllegalArgumentException("unknown objective '" + text
                + "'; expected squared, min-norm, pinball:TAU[,TAU...] or cross-entropy");
    }

    /** True for the squared-loss kinds, whose Lagrangian is a quadratic minimized exactly by Cholesky. */
    public boolean isQuadratic() {
        return kind == Kind.SQUARED_ERROR || kind == Kind.MINIMUM_NORM;
    }

    /** Quantile level of output j (pinball only). */
    double level(int j) {
        return levels.size() == 1 ? levels.get(0) : levels.get(j);
    }

    /** Weight of every squared residual in the objective ({@code 1/(n k)} or 0); quadratic kinds only. */
    double residualWeight(DesignMatrix x) {
        if (!isQuadratic()) {
            throw new IllegalStateException("the " + this + " objective is not quadratic; its solver is "
                    + (kind == Kind.PINBALL ? "PinballAdmm" : "CrossEntropyFit"));
        }
        return kind == Kind.SQUARED_ERROR ? 1.0 / ((double) x.rows() * x.outputs()) : 0.0;
    }

    /** Ridge weight on parameter c of an output ({@code c == d} is the bias). */
    double paramRidge(DesignMatrix x, int c) {
        if (c == x.features()) {
            return kind == Kind.MINIMUM_NORM ? ridge : 0.0;
        }
        return ridge;
    }

    /** Pinball loss {@code rho_tau(r)}. */
    static double pinballLoss(double tau, double r) {
        return r >= 0 ? tau * r : (tau - 1) * r;
    }

    /** Value at given parameters and predictions. */
    double value(DesignMatrix x, double[][] theta, double[][] pred) {
        double s = 0;
        int n = x.rows();
        int k = x.outputs();
        switch (kind) {
            case SQUARED_ERROR -> {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        double r = x.target(i, j) - pred[i][j];
                        s += r * r;
                    }
                }
                s /= (double) n * k;
            }
            case PINBALL -> {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        s += pinballLoss(level(j), x.target(i, j) - pred[i][j]);
                    }
                }
                s /= (double) n * k;
            }
            case CROSS_ENTROPY -> {
                for (int i = 0; i < n; i++) {
                    s += crossEntropy(x, i, pred[i]);
                }
                s /= n;
            }
            case MINIMUM_NORM -> {
            }
        }
        int p = x.params();
        for (double[] t : theta) {
            for (int c = 0; c < p; c++) {
                s += paramRidge(x, c) * t[c] * t[c];
            }
        }
        return s;
    }

    /** Cross-entropy of row i at logits z: {@code sum_j y_ij (logsumexp(z) - z_j)}. */
    static double crossEntropy(DesignMatrix x, int i, double[] z) {
        double lse = logSumExp(z);
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            double y = x.target(i, j);
            if (y != 0) {
                s += y * (lse - z[j]);
            }
        }
        return s;
    }

    static double logSumExp(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    @Override
    public String toString() {
        String name = switch (kind) {
            case SQUARED_ERROR -> "squared-error";
            case MINIMUM_NORM -> "minimum-norm";
            case PINBALL -> "pinball" + levels;
            case CROSS_ENTROPY -> "cross-entropy";
        };
        return name + "+ridge(" + ridge + ")";
    }
}
