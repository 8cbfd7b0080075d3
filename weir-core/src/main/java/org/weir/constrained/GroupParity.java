package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mean-prediction parity between groups (demographic-parity style; Agarwal et al., "A reductions approach
 * to fair classification", ICML 2018): for every pair of groups {@code g < h} and output j,
 * {@code |mean_{i in g} yhat_ij - mean_{i in h} yhat_ij| <= delta}. Affine; a box in the set view.
 */
public final class GroupParity implements BoxFamily {
    private final DesignMatrix x;
    private final String column;
    private final double delta;
    private final int[][] members;
    private final double[][] means; // per group, augmented feature means (p)
    private final int[][] pairs;

    /**
     * @param labels group label per row (not modified); at least two groups
     * @param delta allowed difference, {@code >= 0}
     */
    public GroupParity(DesignMatrix x, int[] labels, String column, double delta) {
        if (!(delta >= 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("parity delta must be finite and >= 0; got " + delta);
        }
        if (labels == null || labels.length != x.rows()) {
            throw new IllegalArgumentException("group column '" + column + "' must have one label per row");
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            groups.computeIfAbsent(labels[i], g -> new ArrayList<>()).add(i);
        }
        if (groups.size() < 2) {
            throw new IllegalArgumentException("parity needs at least 2 groups in column '" + column + "'; got "
                    + groups.size());
        }
        this.x = x;
        this.column = column;
        this.delta = delta;
        int gCount = groups.size();
        this.members = new int[gCount][];
        this.means = new double[gCount][x.params()];
        int g = 0;
        for (List<Integer> m : groups.values()) {
            members[g] = m.stream().mapToInt(Integer::intValue).toArray();
            for (int i : members[g]) {
                for (int c = 0; c < x.params(); c++) {
                    means[g][c] += x.feature(i, c) / members[g].length;
                }
            }
            g++;
        }
        List<int[]> pr = new ArrayList<>();
        for (int a = 0; a < gCount; a++) {
            for (int b = a + 1; b < gCount; b++) {
                pr.add(new int[] {a, b});
            }
        }
        this.pairs = pr.toArray(new int[0][]);
    }

    @Override
    public String name() {
        // delta 0 is an equality (lower == upper): free-sign multipliers, kept as equalities by dual ascent
        return (delta == 0 ? "parity==0" : "parity<=" + delta) + " per-group=" + column;
    }

    @Override
    public int size() {
        return pairs.length * x.outputs();
    }

    @Override
    public Curvature curvature() {
        return Curvature.AFFINE;
    }

    @Override
    public double scale() {
        return delta > 0 ? delta : 1.0;
    }

    @Override
    public double lower(int t) {
        return -delta;
    }

    @Override
    public double upper(int t) {
        return delta;
    }

    @Override
    public int mapDimension() {
        return size();
    }

    private double groupMean(int g, int j, double[][] pred) {
        double s = 0;
        for (int i : members[g]) {
            s += pred[i][j];
        }
        return s / members[g].length;
    }

    @Override
    public void map(double[][] theta, double[][] pred, double[] z) {
        int k = x.outputs();
        for (int q = 0; q < pairs.length; q++) {
            for (int j = 0; j < k; j++) {
                z[q * k + j] = groupMean(pairs[q][0], j, pred) - groupMean(pairs[q][1], j, pred);
            }
        }
    }

    @Override
    public void addAdjoint(double[] u, double[][] predAdjoint, double[][] thetaAdjoint) {
        int k = x.outputs();
        for (int q = 0; q < pairs.length; q++) {
            for (int j = 0; j < k; j++) {
                double v = u[q * k + j];
                if (v == 0) {
                    continue;
                }
                int a = pairs[q][0];
                int b = pairs[q][1];
                for (int c = 0; c < x.params(); c++) {
                    thetaAdjoint[j][c] += v * (means[a][c] - means[b][c]);
                }
            }
        }
    }

    @Override
    public void addNormalMatrix(int output, double s, double[] h) {
        int p = x.params();
        for (int[] pq : pairs) {
            for (int a = 0; a < p; a++) {
                double da = means[pq[0]][a] - means[pq[1]][a];
                for (int b = 0; b < p; b++) {
                    h[a * p + b] += s * da * (means[pq[0]][b] - means[pq[1]][b]);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
