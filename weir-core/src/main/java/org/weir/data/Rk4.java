package org.weir.data;

/**
 * Classic fourth-order Runge-Kutta for autonomous systems {@code dx/dt = f(x)}, with a fixed number of
 * internal sub-steps per sampling step. Work arrays are allocated once per run, not per step.
 */
final class Rk4 {
    /** The right-hand side {@code out = f(x)}; must not keep references to the arrays. */
    interface Field {
        void derivative(double[] x, double[] out);
    }

    private Rk4() {
    }

    /**
     * Samples {@code steps} states {@code x(0), x(dt), ..., x((steps-1) dt)} starting from {@code initial},
     * each sample advanced by {@code substeps} RK4 steps of size {@code dt / substeps}.
     *
     * @return a new steps x dim array; row 0 is a copy of {@code initial}
     * @throws IllegalStateException if the state becomes non-finite
     */
    static double[][] integrate(Field f, double[] initial, double dt, int substeps, int steps, String name) {
        int d = initial.length;
        double[][] out = new double[steps][];
        double[] x = initial.clone();
        double[] k1 = new double[d];
        double[] k2 = new double[d];
        double[] k3 = new double[d];
        double[] k4 = new double[d];
        double[] tmp = new double[d];
        double h = dt / substeps;
        for (int s = 0; s < steps; s++) {
            out[s] = x.clone();
            if (s == steps - 1) {
                break;
            }
            for (int m = 0; m < substeps; m++) {
                f.derivative(x, k1);
                for (int i = 0; i < d; i++) {
                    tmp[i] = x[i] + 0.5 * h * k1[i];
                }
                f.derivative(tmp, k2);
                for (int i = 0; i < d; i++) {
                    tmp[i] = x[i] + 0.5 * h * k2[i];
                }
                f.derivative(tmp, k3);
                for (int i = 0; i < d; i++) {
                    tmp[i] = x[i] + h * k3[i];
                }
                f.derivative(tmp, k4);
                for (int i = 0; i < d; i++) {
                    x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
                }
            }
            for (int i = 0; i < d; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new IllegalStateException(name + " diverged at sample " + (s + 1) + " (state "
                            + java.util.Arrays.toString(x) + "); reduce dt or increase substeps");
                }
            }
        }
        return out;
    }

    static void validate(double dt, int substeps, int steps, double[] initial, int dim) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be finite and > 0, got " + dt);
        }
        if (substeps < 1) {
            throw new IllegalArgumentException("substeps must be >= 1, got " + substeps);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (initial == null || initial.length != dim) {
            throw new IllegalArgumentException("initial state must have " + dim + " values, got "
                    + (initial == null ? "null" : String.valueOf(initial.length)));
        }
        for (int i = 0; i < dim; i++) {
            MackeyGlass.requireFinite("initial[" + i + "]", initial[i]);
        }
    }
}
