package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mean cross-entropy bounds for a softmax classifier readout:
 * {@code g_c(theta) = (1/|S_c|) sum_{i in S_c} -sum_j y_ij log softmax(W x_i + b)_j - eps <= 0}, one per group of
 * a label column (fairness-style worst-group bounds, e.g. Cotter et al., "Optimization with non-differentiable
 * constraints ...", JMLR 2019) or one over all rows. Convex in theta (log-sum-exp is convex, the rest is linear),
 * so duality certificates are valid. Only the constraint view exists (there is no cheap projection onto a
 * cross-entropy sublevel set): the family is handled by {@code CrossEntropyFit} alone.
 */
public final class CrossEntropyBound implements ConstraintFamily {
    private final DesignMatrix x;
    private final String name;
    private final int[][] rows;
    private final double bound;

    private CrossEntropyBound(DesignMatrix x, String name, int[][] rows, double bound) {
        if (!(bound >= 0) || !Double.isFinite(bound)) {
            throw new IllegalArgumentException("cross-entropy bound must be finite and >= 0; got " + bound);
        }
        this.x = x;
        this.name = name;
        this.rows = rows;
        this.bound = bound;
    }

    /** One bound on the mean cross-entropy over all rows. */
    public static CrossEntropyBound mean(DesignMatrix x, double eps) {
        int[] all = new int[x.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new CrossEntropyBound(x, "xent<=" + eps, new int[][] {all}, eps);
    }

    /**
     * One bound per group on the group's mean cross-entropy.
     *
     * @param labels group label per row (not modified)
     * @param column the column's name, for messages
     */
    public static CrossEntropyBound perGroup(DesignMatrix x, int[] labels, String column, double eps) {
        if (labels == null || labels.length != x.rows()) {
            throw new IllegalArgumentException("group column '" + column + "' must have one label per row ("
                    + x.rows() + "); got " + (labels == null ? "none" : labels.length));
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            groups.computeIfAbsent(labels[i], g -> new ArrayList<>()).add(i);
        }
        int[][] rows = new int[groups.size()][];
        int c = 0;
        for (List<Integer> g : groups.values()) {
            rows[c++] = g.stream().mapToInt(Integer::intValue).toArray();
        }
        return new CrossEntropyBound(x, "xent<=" + eps + " per-group=" + column, rows, eps);
    }

    /** The bound eps. */
    double bound() {
        return bound;
    }

    /** Rows of constraint c (not to be modified). */
    int[] rows(int c) {
        return rows[c];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public Curvature curvature() {
        return Curvature.CONVEX;
    }

    @Override
    public double scale() {
        return bound > 0 ? bound : 1.0;
    }

    @Override
    public void measure(double[][] theta, double[][] pred, double[] g) {
        for (int c = 0; c < rows.length; c++) {
            double s = 0;
            for (int i : rows[c]) {
                s += Objective.crossEntropy(x, i, pred[i]);
            }
            g[c] = s / rows[c].length - bound;
        }
    }

    private UnsupportedOperationException noSetView() {
        return new UnsupportedOperationException("'" + name + "' has no set view; it is solved by the "
                + "cross-entropy objective's solver (CrossEntropyFit) only");
    }

    @Override
    public int mapDimension() {
        throw noSetView();
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        throw noSetView();
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        throw noSetView();
    }

    @Override
    public void addNormalMatrix(int output, double s, double[] h) {
        throw noSetView();
    }

    @Override
    public void project(double[] z) {
        throw noSetView();
    }

    @Override
    public double support(double[] u) {
        throw noSetView();
    }

    @Override
    public void clipToSupportDomain(double[] u) {
        throw noSetView();
    }

    @Override
    public String toString() {
        return name;
    }
}
