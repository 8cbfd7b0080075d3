package org.weir.linalg;

import java.util.Locale;

/** Element-wise activation functions of reservoir neurons. */
public enum Activation {
    /** Hyperbolic tangent, {@code f(z) = tanh(z)}, range (-1, 1). */
    TANH {
        @Override
        public double apply(double z) {
            return Math.tanh(z);
        }

        @Override
        public void applyInPlace(double[] a, int from, int to) {
            Kernels.tanhInPlace(a, from, to);
        }
    },
    /** Logistic sigmoid, {@code f(z) = 1 / (1 + exp(-z))}, range (0, 1). */
    SIGMOID {
        @Override
        public double apply(double z) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
    },
    /** Rectified linear unit, {@code f(z) = max(0, z)}. */
    RELU {
        @Override
        public double apply(double z) {
            return z > 0 ? z : 0.0;
        }
    },
    /** Identity, {@code f(z) = z}: a linear reservoir. */
    IDENTITY {
        @Override
        public double apply(double z) {
            return z;
        }

        @Override
        public void applyInPlace(double[] a, int from, int to) {
            // nothing to do
        }
    };

    /** f(z). */
    public abstract double apply(double z);

    /**
     * {@code a[i] = f(a[i])} for i in [from, to).
     *
     * @param a values (modified)
     */
    public void applyInPlace(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = apply(a[i]);
        }
    }

    /** Lower-case name used in configuration files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an activation by name (case-insensitive): tanh, sigmoid, relu, identity (or linear). */
    public static Activation parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "tanh":
                return TANH;
            case "sigmoid":
            case "logistic":
                return SIGMOID;
            case "relu":
                return RELU;
            case "identity":
            case "linear":
                return IDENTITY;
            default:
                throw new IllegalArgumentException("activation must be one of tanh, sigmoid, relu, identity; got '"
                        + name + "'");
        }
    }
}
