package org.weir.constrained;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

/**
 * Squared-loss bounds {@code g_c(theta) = a_c sum_{(i,j) in S_c} (y_ij - w_j.x_i - b_j)^2 - eps_c <= 0}:
 * per-sample bounds (Feasible Learning, Ramirez et al., AISTATS 2025), group mean-squared-error bounds
 * (fairness-style, e.g. Cotter et al., JMLR 2019) and a bound on the overall mean squared error.
 * Convex in {@code theta}; in the set view each constraint is a Euclidean ball
 * {@code |y_S - z_S| <= sqrt(eps_c / a_c)} around the targets, with {@code z_S} the predictions on S.
 *
 * <p>A finite {@code resilience} beta makes the family resilient (Hounie et al., "Resilient Constrained
 * Learning", NeurIPS 2023): each constraint gets a slack {@code s_c >= 0} with cost {@code (beta/2) s_c^2},
 * i.e. the dual decays by {@code lambda_c / beta}, and the slack reported is {@code s_c = lambda_c / beta}.
 */
public final class LossBound implements ConstraintFamily {
    private final DesignMatrix x;
    private final String name;
    private final int[] rowStart; // CSR over constraints
    private final int[] rowIdx;
    private final int[] output; // -1: all outputs
    private final double[] coef;
    private final double[] bound;
    private final int[] zStart;
    private final double resilience;
    private final double scale;
    private final double[][] multiplicity; // per output, per row: how many constraints cover (i,j)
    private boolean absoluteUnits;

    private LossBound(DesignMatrix x, String name, List<int[]> rows, int[] output, double[] coef, double[] bound,
            double resilience) {
        if (!(resilience > 0)) {
            throw new IllegalArgumentException("resilience must be > 0 (or +infinity for hard bounds); got "
                    + resilience);
        }
        this.x = x;
        this.name = name;
        int m = rows.size();
        this.rowStart = new int[m + 1];
        int total = 0;
        for (int c = 0; c < m; c++) {
            total += rows.get(c).length;
            rowStart[c + 1] = total;
        }
        this.rowIdx = new int[total];
        this.zStart = new int[m + 1];
        this.multiplicity = new double[x.outputs()][x.rows()];
        for (int c = 0; c < m; c++) {
            int[] r = rows.get(c);
            System.arraycopy(r, 0, rowIdx, rowStart[c], r.length);
            zStart[c + 1] = zStart[c] + r.length * (output[c] < 0 ? x.outputs() : 1);
            for (int i : r) {
                if (output[c] < 0) {
                    for (int j = 0; j < x.outputs(); j++) {
                        multiplicity[j][i]++;
                    }
                } else {
                    multiplicity[output[c]][i]++;
                }
            }
            if (!(bound[c] >= 0) || !Double.isFinite(bound[c])) {
                throw new IllegalArgumentException("loss bound must be finite and >= 0; got " + bound[c]);
            }
        }
        this.output = output;
        this.coef = coef;
        this.bound = bound;
        this.resilience = resilience;
        double s = 0;
        for (double b : bound) {
            s = Math.max(s, b);
        }
        this.scale = s > 0 ? s : 1.0;
    }

    /**
     * Per-sample, per-output bound {@code |y_ij - yhat_ij| <= eps}, held as {@code (y_ij - yhat_ij)^2 <= eps^2}
     * (n k constraints).
     */
    public static LossBound absErrorPerSample(DesignMatrix x, double eps, double resilience) {
        checkBound("abs-error bound", eps);
        return tube(x, "abs-error<=" + eps + " per-sample", i -> eps, resilience);
    }

    /**
     * The tube {@code |y_ij - yhat_ij| <= eps_i} with row radii {@code eps_i = radius.applyAsDouble(i)} (called once
     * per row), held as {@code (y_ij - yhat_ij)^2 <= eps_i^2} (n k constraints, in abs-error units).
     */
    private static LossBound tube(DesignMatrix x, String name, IntToDoubleFunction radius, double resilience) {
        int n = x.rows();
        int k = x.outputs();
        List<int[]> rows = new ArrayList<>(n * k);
        int[] out = new int[n * k];
        double[] a = new double[n * k];
        double[] b = new double[n * k];
        for (int i = 0; i < n; i++) {
            double e = radius.applyAsDouble(i);
            for (int j = 0; j < k; j++) {
                int c = i * k + j;
                rows.add(new int[] {i});
                out[c] = j;
                a[c] = 1.0;
                b[c] = e * e;
            }
        }
        LossBound lb = new LossBound(x, name + resilientSuffix(resilience), rows, out, a, b, resilience);
        lb.absoluteUnits = true;
        return lb;
    }

    /** Per-sample bound on the squared error averaged over outputs, {@code (1/k) sum_j r_ij^2 <= v} (n constraints). */
    public static LossBound msePerSample(DesignMatrix x, double v, double resilience) {
        checkBound("mse bound", v);
        int n = x.rows();
        List<int[]> rows = new ArrayList<>(n);
        int[] out = new int[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            rows.add(new int[] {i});
            out[i] = -1;
            a[i] = 1.0 / x.outputs();
            b[i] = v;
        }
        return new LossBound(x, "mse<=" + v + " per-sample" + resilientSuffix(resilience), rows, out, a, b,
                resilience);
    }

    /**
     * One bound per group on the group's mean squared error, {@code (1/(|g| k)) sum_{i in g, j} r_ij^2 <= v}.
     *
     * @param labels group label per row (not modified)
     * @param column the group column's name, for messages
     */
    public static LossBound msePerGroup(DesignMatrix x, int[] labels, String column, double v, double resilience) {
        checkBound("mse bound", v);
        if (labels == null || labels.length != x.rows()) {
            throw new IllegalArgumentException("group column '" + column + "' must have one label per row ("
                    + x.rows() + "); got " + (labels == null ? "none" : labels.length));
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            groups.computeIfAbsent(labels[i], g -> new ArrayList<>()).add(i);
        }
        List<int[]> rows = new ArrayList<>();
        int m = groups.size();
        int[] out = new int[m];
        double[] a = new double[m];
        double[] b = new double[m];
        int c = 0;
        for (List<Integer> g : groups.values()) {
            int[] r = g.stream().mapToInt(Integer::intValue).toArray();
            rows.add(r);
            out[c] = -1;
            a[c] = 1.0 / ((double) r.length * x.outputs());
            b[c] = v;
            c++;
        }
        return new LossBound(x, "mse<=" + v + " per-group=" + column + resilientSuffix(resilience), rows, out, a, b,
                resilience);
    }

    /**
     * Worst-sample bound within each group: {@code max_{i in g} |y_ij - yhat_ij| <= eps_g} for every group g
     * and output j, with {@code eps_g} from {@code groupBounds} where given and {@code eps} otherwise. A maximum
     * is at most a bound exactly when every term is, so this is the per-sample tube with row-dependent radii
     * (n k constraints, held as squared errors; dual ascent solves it as an affine QP). With one bound for all
     * groups it equals {@link #absErrorPerSample}; {@code max_g mean-loss_g <= v} likewise equals the per-group
     * mean bound {@link #msePerGroup}.
     *
     * @param labels group label per row (not modified)
     * @param column the group column's name, for messages
     * @param eps bound of the groups not listed in groupBounds, {@code >= 0}
     * @param groupBounds per-label bounds (not modified; may be empty), each {@code >= 0}
     */
    public static LossBound absErrorPerGroupMax(DesignMatrix x, int[] labels, String column, double eps,
            Map<Integer, Double> groupBounds, double resilience) {
        checkBound("max-abs-error bound", eps);
        if (labels == null || labels.length != x.rows()) {
            throw new IllegalArgumentException("group column '" + column + "' must have one label per row ("
                    + x.rows() + "); got " + (labels == null ? "none" : labels.length));
        }
        java.util.Set<Integer> present = new java.util.HashSet<>();
        for (int l : labels) {
            present.add(l);
        }
        StringBuilder nm = new StringBuilder("max-abs-error<=" + eps + " per-group=" + column);
        for (Map.Entry<Integer, Double> e : new TreeMap<>(groupBounds).entrySet()) {
            checkBound("max-abs-error bound of group " + e.getKey(), e.getValue());
            if (!present.contains(e.getKey())) {
                throw new IllegalArgumentException("group " + e.getKey() + " has no row in column '" + column
                        + "'; labels present: " + new java.util.TreeSet<>(present));
            }
            nm.append(' ').append(e.getKey()).append(':').append(e.getValue());
        }
        return tube(x, nm.toString(), i -> groupBounds.getOrDefault(labels[i], eps), resilience);
    }

    /** A bound on the mean squared error over all rows and outputs (one constraint). */
    public static LossBound mse(DesignMatrix x, double v, double resilience) {
        int[] all = new int[x.rows()];
        Arrays.setAll(all, i -> i);
        List<int[]> rows = List.of(all);
        return new LossBound(x, "mse<=" + v + resilientSuffix(resilience), rows, new int[] {-1},
                new double[] {1.0 / ((double) x.rows() * x.outputs())}, new double[] {checkBound("mse bound", v)},
                resilience);
    }

    private static double checkBound(String what, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0; got " + v);
        }
        return v;
    }

    private static String resilientSuffix(double beta) {
        return Double.isInfinite(beta) ? "" : " resilient=" + beta;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return output.length;
    }

    @Override
    public Curvature curvature() {
        return Curvature.CONVEX;
    }

    @Override
    public double scale() {
        return scale;
    }

    /** Slack cost {@code beta} of the resilient relaxation; {@code +infinity} for hard bounds. */
    public double resilience() {
        return resilience;
    }

    /** True when the family is resilient (finite {@link #resilience()}). */
    public boolean isResilient() {
        return Double.isFinite(resilience);
    }

    /**
     * Converts a loss value of this family to the units its bound was given in: the square root for
     * {@code abs-error} bounds (held internally as squared errors), unchanged otherwise.
     */
    public double toBoundUnits(double loss) {
        return absoluteUnits ? Math.sqrt(Math.max(loss, 0)) : loss;
    }

    /** True when every constraint covers one row and one output: the set view is then a box (an error tube). */
    boolean isTube() {
        for (int c = 0; c < output.length; c++) {
            if (rowCount(c) != 1 || output[c] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Lower end of constraint c's tube (see {@link #isTube()}). */
    double tubeLower(int c) {
        return x.target(rowIdx[rowStart[c]], output[c]) - radius(c);
    }

    /** Upper end of constraint c's tube (see {@link #isTube()}). */
    double tubeUpper(int c) {
        return x.target(rowIdx[rowStart[c]], output[c]) + radius(c);
    }

    int[] rows(int c) {
        return Arrays.copyOfRange(rowIdx, rowStart[c], rowStart[c + 1]);
    }

    int rowCount(int c) {
        return rowStart[c + 1] - rowStart[c];
    }

    int row(int c, int t) {
        return rowIdx[rowStart[c] + t];
    }

    /** Output of constraint c, or -1 when it covers every output. */
    int output(int c) {
        return output[c];
    }

    double coefficient(int c) {
        return coef[c];
    }

    double bound(int c) {
        return bound[c];
    }

    /** Loss {@code a_c sum r^2} of constraint c (without the bound). */
    double loss(int c, double[][] pred) {
        double s = 0;
        int k = x.outputs();
        for (int t = rowStart[c]; t < rowStart[c + 1]; t++) {
            int i = rowIdx[t];
            if (output[c] < 0) {
                for (int j = 0; j < k; j++) {
                    double r = x.target(i, j) - pred[i][j];
                    s += r * r;
                }
            } else {
                double r = x.target(i, output[c]) - pred[i][output[c]];
                s += r * r;
            }
        }
        return coef[c] * s;
    }

    @Override
    public void measure(double[][] theta, double[][] pred, double[] g) {
        for (int c = 0; c < output.length; c++) {
            g[c] = loss(c, pred) - bound[c];
        }
    }

    @Override
    public int mapDimension() {
        return zStart[output.length];
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        int k = x.outputs();
        for (int c = 0; c < output.length; c++) {
            int o = zStart[c];
            for (int t = rowStart[c]; t < rowStart[c + 1]; t++) {
                int i = rowIdx[t];
                if (output[c] < 0) {
                    for (int j = 0; j < k; j++) {
                        z[o++] = pred[i][j];
                    }
                } else {
                    z[o++] = pred[i][output[c]];
                }
            }
        }
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        int k = x.outputs();
        for (int c = 0; c < output.length; c++) {
            int o = zStart[c];
            for (int t = rowStart[c]; t < rowStart[c + 1]; t++) {
                int i = rowIdx[t];
                if (output[c] < 0) {
                    for (int j = 0; j < k; j++) {
                        predAdjoint[i][j] += u[o++];
                    }
                } else {
                    predAdjoint[i][output[c]] += u[o++];
                }
            }
        }
    }

    @Override
    public void addNormalMatrix(int j, double s, double[] h) {
        double[] m = multiplicity[j];
        boolean allOne = true;
        for (double v : m) {
            if (v != 1.0) {
                allOne = false;
                break;
            }
        }
        if (allOne) {
            double[] g = x.gramAll();
            for (int c = 0; c < g.length; c++) {
                h[c] += s * g[c];
            }
        } else {
            double[] w = m.clone();
            for (int i = 0; i < w.length; i++) {
                w[i] *= s;
            }
            x.addWeightedGram(w, h);
        }
    }

    /** Radius of constraint c's ball around the targets. */
    private double radius(int c) {
        return Math.sqrt(bound[c] / coef[c]);
    }

    /** Target value at z-coordinate t of constraint c's block. */
    private void centre(int c, double[] out) {
        int k = x.outputs();
        int o = 0;
        for (int t = rowStart[c]; t < rowStart[c + 1]; t++) {
            int i = rowIdx[t];
            if (output[c] < 0) {
                for (int j = 0; j < k; j++) {
                    out[o++] = x.target(i, j);
                }
            } else {
                out[o++] = x.target(i, output[c]);
            }
        }
    }

    @Override
    public void project(double[] z) {
        double[] ctr = new double[maxBlock()];
        for (int c = 0; c < output.length; c++) {
            int o = zStart[c];
            int len = zStart[c + 1] - o;
            centre(c, ctr);
            double nrm = 0;
            for (int t = 0; t < len; t++) {
                double v = z[o + t] - ctr[t];
                nrm += v * v;
            }
            nrm = Math.sqrt(nrm);
            double r = radius(c);
            if (nrm > r) {
                double f = r / nrm;
                for (int t = 0; t < len; t++) {
                    z[o + t] = ctr[t] + f * (z[o + t] - ctr[t]);
                }
            }
        }
    }

    @Override
    public double support(double[] u) {
        double[] ctr = new double[maxBlock()];
        double s = 0;
        for (int c = 0; c < output.length; c++) {
            int o = zStart[c];
            int len = zStart[c + 1] - o;
            centre(c, ctr);
            double nrm = 0;
            for (int t = 0; t < len; t++) {
                s += u[o + t] * ctr[t];
                nrm += u[o + t] * u[o + t];
            }
            s += radius(c) * Math.sqrt(nrm);
        }
        return s;
    }

    @Override
    public void clipToSupportDomain(double[] u) {
        // the support function of a ball is finite everywhere
    }

    private int maxBlock() {
        int mx = 0;
        for (int c = 0; c < output.length; c++) {
            mx = Math.max(mx, zStart[c + 1] - zStart[c]);
        }
        return mx;
    }

    @Override
    public String toString() {
        return name;
    }
}
