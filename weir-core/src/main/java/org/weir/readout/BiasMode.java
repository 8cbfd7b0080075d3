package org.weir.readout;

import java.util.Locale;

/** How the readout's bias b is estimated. */
public enum BiasMode {
    /**
     * Unregularized bias from centred data (ReservoirPy 0.4): solve on {@code X - mean(X)},
     * {@code Y - mean(Y)}, then {@code b = mean(Y) - W mean(X)}.
     */
    CENTERED,
    /** The bias is the weight of a constant feature 1 and is penalized by the ridge term like every weight. */
    REGULARIZED,
    /** No bias: {@code b = 0}. */
    NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BiasMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bias mode must be centered, regularized or none; got '" + s + "'");
        }
    }
}
