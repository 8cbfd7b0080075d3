package org.weir.constrained;

/**
 * A family of constraints {@code g_c(theta) <= 0}, {@code c = 0..size()-1}, on the parameters of a linear
 * readout, bound to training data. Every family also has a <em>set view</em> {@code z = B theta in C}
 * with a linear map {@code B} and a closed convex set {@code C} given by its projection and its support
 * function {@code sigma_C(u) = sup_{z in C} u.z}; the set view drives ADMM, the augmented Lagrangian and
 * the dual bound {@code d(u) = min_theta f(theta) + u.B theta - sigma_C(u)} of the certificate
 * (Boyd and Vandenberghe, Convex Optimization, 2004, sec. 5.1; Rockafellar, Convex Analysis, sec. 13).
 *
 * <p>Implementations are immutable.
 */
public interface ConstraintFamily {
    /** Short description, e.g. {@code abs-error<=0.05 per-sample}. */
    String name();

    /** Number of constraints {@code g_c}. */
    int size();

    /** Curvature tag of the constraint functions. */
    Curvature curvature();

    /** Scale used for relative violations (e.g. the bound itself), {@code > 0}. */
    double scale();

    /**
     * Constraint values {@code g_c(theta)}.
     *
     * @param theta parameters per output (not modified)
     * @param pred predictions {@code X~ theta^T}, n x k (not modified)
     * @param g length {@link #size()} (modified)
     */
    void measure(double[][] theta, double[][] pred, double[] g);

    /** Dimension of {@code z = B theta}. */
    int mapDimension();

    /** {@code z = B theta} (z modified). */
    void map(double[][] theta, double[][] pred, double[] z);

    /**
     * Adds {@code B^T u}: the part acting through predictions goes to {@code predAdjoint} (n x k, meaning
     * {@code sum_i predAdjoint[i][j] x~_i} for output j), the part acting on parameters directly goes to
     * {@code thetaAdjoint} (k x p). Both modified.
     */
    void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint);

    /** Adds {@code s (B^T B)} restricted to output j's parameters into {@code h} (p x p, modified). */
    void addNormalMatrix(int output, double s, double[] h);

    /** Projects z onto C in place. */
    void project(double[] z);

    /** Support function {@code sigma_C(u)}, possibly {@code +infinity}. */
    double support(double[] u);

    /** Projects u onto the domain of {@code sigma_C} (where it is finite), in place. */
    void clipToSupportDomain(double[] u);
}
