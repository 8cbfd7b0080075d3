package org.weir.conformal;

/**
 * Test reference: the ResCP memory as it was before the panel layout, the vectorized exp and the sorted-order
 * weights (flat row-major keys, four-accumulator dot products, {@link Math#exp}, the indirect
 * {@link WeightedQuantile#shortestInterval}). Kept verbatim so {@link SimilarityWindowTest} can compare.
 *
 * <p>Original description: ResCP's memory: a FIFO window of at most W pairs (unit-norm key state {@code h_s}, signed residual
 * {@code r_s}) in a flat row-major ring buffer, with the residuals also kept in sorted order. For a query state
 * {@code h_t} it weighs every pair by {@code softmax_s(cos(h_t, h_s)/tau)} times an optional recency factor and
 * returns the width-minimizing weighted-quantile interval of the residuals. Keys are normalized on entry, so a
 * cosine is one dot product; the per-query cost is W dot products of length N, W exponentials and a scan of the
 * two tails of the sorted residuals, with no allocation.
 */
final class ReferenceSimilarityWindow {
    private final int dim;
    private final int capacity;
    private final double[] keys;
    private final SortedWindow residuals;
    private final double[] scores;
    private final double[] weights;

    /**
     * @param dim length N of the key states, at least 1
     * @param capacity window size W, at least 1
     */
    ReferenceSimilarityWindow(int dim, int capacity) {
        if (dim < 1) {
            throw new IllegalArgumentException("key dimension must be at least 1, got " + dim);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("ResCP window must be at least 1, got " + capacity);
        }
        this.dim = dim;
        this.capacity = capacity;
        this.keys = new double[Math.multiplyExact(dim, capacity)];
        this.residuals = new SortedWindow(capacity);
        this.scores = new double[capacity];
        this.weights = new double[capacity];
    }

    public int size() {
        return residuals.size();
    }

    public int capacity() {
        return capacity;
    }

    public int dimension() {
        return dim;
    }

    public void clear() {
        residuals.clear();
    }

    /**
     * Appends a pair, evicting the oldest when full.
     *
     * @param key state of length N, stored normalized to unit length (not modified)
     * @param keyOffset where the key starts in {@code key}
     * @param residual the residual observed after that state
     */
    public void add(double[] key, int keyOffset, double residual) {
        int slot = residuals.nextSlot();
        int off = slot * dim;
        double ss = 0;
        for (int j = 0; j < dim; j++) {
            double v = key[keyOffset + j];
            ss += v * v;
        }
        double inv = ss > 0 ? 1.0 / Math.sqrt(ss) : 0.0;
        for (int j = 0; j < dim; j++) {
            keys[off + j] = key[keyOffset + j] * inv;
        }
        residuals.add(residual);
    }

    /**
     * The ResCP interval offsets for a query state.
     *
     * @param query unit-norm state of length N (not modified)
     * @param queryOffset where it starts
     * @param alpha miscoverage in (0, 1)
     * @param tau softmax temperature, positive
     * @param recency recency factor
     * @param rho decay for {@link Recency#EXPONENTIAL}
     * @param out receives {lower offset, upper offset, beta*, effective sample size 1/sum(w^2)} (modified)
     */
    public void interval(double[] query, int queryOffset, double alpha, double tau, Recency recency, double rho,
            double[] out) {
        int n = residuals.size();
        if (n == 0) {
            throw new IllegalStateException("ResCP window is empty");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < n; s++) {
            double c = dot(keys, s * dim, query, queryOffset, dim);
            scores[s] = c;
            if (c > max) {
                max = c;
            }
        }
        double invTau = 1.0 / tau;
        double total = 0;
        double sumSq = 0;
        if (recency == Recency.NONE) {
            for (int s = 0; s < n; s++) {
                double w = Math.exp((scores[s] - max) * invTau);
                weights[s] = w;
                total += w;
                sumSq += w * w;
            }
        } else if (recency == Recency.INVERSE_AGE) {
            for (int s = 0; s < n; s++) {
                double w = Math.exp((scores[s] - max) * invTau) / residuals.ageAt(s);
                weights[s] = w;
                total += w;
                sumSq += w * w;
            }
        } else {
            // rho^age folded into the exponent; shifted by the newest age (1) to keep the largest weight near 1
            double logRho = Math.log(rho);
            for (int s = 0; s < n; s++) {
                double w = Math.exp((scores[s] - max) * invTau + (residuals.ageAt(s) - 1) * logRho);
                weights[s] = w;
                total += w;
                sumSq += w * w;
            }
        }
        WeightedQuantile.shortestInterval(residuals.slotValues(), weights, residuals.sortedSlots(), n, alpha, total, out);
        out[3] = total * total / sumSq;
    }

    /** Dot product with four independent accumulators (lets the JIT overlap the multiply-adds). */
    static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[ao + j] * b[bo + j];
            s1 += a[ao + j + 1] * b[bo + j + 1];
            s2 += a[ao + j + 2] * b[bo + j + 2];
            s3 += a[ao + j + 3] * b[bo + j + 3];
        }
        for (; j < n; j++) {
            s0 += a[ao + j] * b[bo + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Normalizes {@code v[off..off+n)} to unit length in place (zero stays zero). */
    static void normalize(double[] v, int off, int n) {
        double ss = 0;
        for (int j = 0; j < n; j++) {
            ss += v[off + j] * v[off + j];
        }
        if (ss > 0) {
            double inv = 1.0 / Math.sqrt(ss);
            for (int j = 0; j < n; j++) {
                v[off + j] *= inv;
            }
        }
    }
}
