package org.weir.constrained;

import org.weir.linalg.Kernels;

/**
 * The training data of a readout problem: features {@code X} (n x d), targets {@code Y} (n x k) and the
 * augmented feature rows {@code x~_i = (x_i, 1)} of length {@code p = d + 1} (the last parameter of every
 * output is its bias). Parameters are held as {@code theta[j]} (length p) per output j. Immutable after
 * construction; the arrays given are copied into one contiguous row-major block.
 */
public final class DesignMatrix {
    private final int n;
    private final int d;
    private final int k;
    private final double[] xa; // n x p, augmented, row-major
    private final double[][] y; // n x k
    private double[] gramAll; // p x p, lazily

    /**
     * @param x features, n rows of d columns (not modified)
     * @param y targets, n rows of k columns (not modified)
     */
    public DesignMatrix(double[][] x, double[][] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("X and Y must not be null");
        }
        if (x.length < 1 || x.length != y.length) {
            throw new IllegalArgumentException("X and Y must have the same number n >= 1 of rows; got X "
                    + x.length + ", Y " + y.length);
        }
        this.n = x.length;
        this.d = x[0].length;
        this.k = y[0].length;
        if (k < 1) {
            throw new IllegalArgumentException("Y must have at least one column; got 0");
        }
        int p = d + 1;
        this.xa = new double[n * p];
        this.y = new double[n][];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("X row " + i + " has " + x[i].length + " columns, expected " + d);
            }
            if (y[i].length != k) {
                throw new IllegalArgumentException("Y row " + i + " has " + y[i].length + " columns, expected " + k);
            }
            for (int j = 0; j < d; j++) {
                double v = x[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("X[" + i + "][" + j + "] is not finite: " + v);
                }
                xa[i * p + j] = v;
            }
            xa[i * p + d] = 1.0;
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(y[i][j])) {
                    throw new IllegalArgumentException("Y[" + i + "][" + j + "] is not finite: " + y[i][j]);
                }
            }
            this.y[i] = y[i].clone();
        }
    }

    /** Number of rows n. */
    public int rows() {
        return n;
    }

    /** Number of features d. */
    public int features() {
        return d;
    }

    /** Number of outputs k. */
    public int outputs() {
        return k;
    }

    /** Parameters per output, {@code p = d + 1}. */
    public int params() {
        return d + 1;
    }

    /** Target {@code y_ij}. */
    public double target(int i, int j) {
        return y[i][j];
    }

    /** Augmented feature {@code x~_ij} ({@code j == d} gives 1). */
    public double feature(int i, int j) {
        return xa[i * (d + 1) + j];
    }

    double[] augmentedRows() {
        return xa;
    }

    /** {@code pred[i][j] = x~_i . theta[j]} (pred modified). */
    void predict(double[][] theta, double[][] pred) {
        int p = d + 1;
        for (int i = 0; i < n; i++) {
            int off = i * p;
            for (int j = 0; j < k; j++) {
                double[] t = theta[j];
                double s = 0;
                for (int c = 0; c < p; c++) {
                    s += xa[off + c] * t[c];
                }
                pred[i][j] = s;
            }
        }
    }

    /** {@code out[j] += sum_i a[i][j] x~_i} (out modified, a not modified). */
    void addAdjoint(double[][] a, double[][] out) {
        int p = d + 1;
        for (int i = 0; i < n; i++) {
            int off = i * p;
            for (int j = 0; j < k; j++) {
                double w = a[i][j];
                if (w != 0) {
                    double[] o = out[j];
                    for (int c = 0; c < p; c++) {
                        o[c] += w * xa[off + c];
                    }
                }
            }
        }
    }

    /** Full Gram matrix {@code X~^T X~} (p x p row-major, cached; do not modify). */
    synchronized double[] gramAll() {
        if (gramAll == null) {
            int p = d + 1;
            double[] g = new double[p * p];
            Kernels.gramUpdate(xa, n, p, g);
            gramAll = g;
        }
        return gramAll;
    }

    /** {@code h += s * sum_{i in rows} x~_i x~_i^T} (h p x p row-major, modified). */
    void addRowGram(int[] rows, double s, double[] h) {
        int p = d + 1;
        for (int i : rows) {
            addRankOne(i, s, h);
        }
    }

    /** {@code h += s * x~_i x~_i^T}. */
    void addRankOne(int i, double s, double[] h) {
        int p = d + 1;
        int off = i * p;
        for (int a = 0; a < p; a++) {
            double va = s * xa[off + a];
            if (va == 0) {
                continue;
            }
            int ro = a * p;
            for (int b = 0; b < p; b++) {
                h[ro + b] += va * xa[off + b];
            }
        }
    }

    /** {@code h += sum_i w_i x~_i x~_i^T} for non-negative weights, using a BLAS-like product. */
    void addWeightedGram(double[] w, double[] h) {
        int p = d + 1;
        int nz = 0;
        for (double v : w) {
            if (v != 0) {
                nz++;
            }
        }
        if (nz == 0) {
            return;
        }
        if (nz < 64) {
            for (int i = 0; i < n; i++) {
                if (w[i] != 0) {
                    addRankOne(i, w[i], h);
                }
            }
            return;
        }
        double[] a = new double[nz * p];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] != 0) {
                if (w[i] < 0) {
                    throw new IllegalStateException("negative Gram weight " + w[i]);
                }
                double s = Math.sqrt(w[i]);
                int off = i * p;
                for (int c = 0; c < p; c++) {
                    a[r * p + c] = s * xa[off + c];
                }
                r++;
            }
        }
        // h is symmetric: the kernel adds to the upper triangle and mirrors it
        Kernels.gramUpdate(a, nz, p, h);
    }
}
