package org.weir.constrained;

/**
 * A family whose set view is a box: {@code lower_t <= (B theta)_t <= upper_t}, bounds possibly infinite.
 * Its support function is {@code sigma(u) = sum_t max(u_t upper_t, u_t lower_t)}.
 */
interface BoxFamily extends ConstraintFamily {
    /** Lower bound of coordinate t ({@code -infinity} allowed). */
    double lower(int t);

    /** Upper bound of coordinate t ({@code +infinity} allowed). */
    double upper(int t);

    /** Constraint values {@code g_t = max(z_t - upper_t, lower_t - z_t)} of the mapped outputs z. */
    @Override
    default void measure(double[][] theta, double[][] pred, double[] g) {
        double[] z = new double[mapDimension()];
        map(theta, pred, z);
        measureBox(this, z, g);
    }

    /** Projection onto the box (every box family's set view). */
    @Override
    default void project(double[] z) {
        projectBox(this, z);
    }

    /** Support function of the box. */
    @Override
    default double support(double[] u) {
        return supportBox(this, u);
    }

    /** Zeroes multipliers whose sign would meet an infinite bound. */
    @Override
    default void clipToSupportDomain(double[] u) {
        clipBox(this, u);
    }

    /** Default projection onto the box. */
    static void projectBox(BoxFamily f, double[] z) {
        for (int t = 0; t < z.length; t++) {
            double lo = f.lower(t);
            double hi = f.upper(t);
            if (z[t] < lo) {
                z[t] = lo;
            } else if (z[t] > hi) {
                z[t] = hi;
            }
        }
    }

    /** Default support function of the box. */
    static double supportBox(BoxFamily f, double[] u) {
        double s = 0;
        for (int t = 0; t < u.length; t++) {
            if (u[t] > 0) {
                s += u[t] * f.upper(t);
            } else if (u[t] < 0) {
                s += u[t] * f.lower(t);
            }
        }
        return s;
    }

    /** Zeroes multipliers whose sign would meet an infinite bound. */
    static void clipBox(BoxFamily f, double[] u) {
        for (int t = 0; t < u.length; t++) {
            if (u[t] > 0 && Double.isInfinite(f.upper(t))) {
                u[t] = 0;
            } else if (u[t] < 0 && Double.isInfinite(f.lower(t))) {
                u[t] = 0;
            }
        }
    }

    /** Box constraint values: {@code g = max(z - upper, lower - z)} per coordinate. */
    static void measureBox(BoxFamily f, double[] z, double[] g) {
        for (int t = 0; t < z.length; t++) {
            g[t] = Math.max(z[t] - f.upper(t), f.lower(t) - z[t]);
        }
    }
}
