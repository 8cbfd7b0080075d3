package org.weir.conformal;

import org.weir.linalg.SimilarityKernels;

/**
 * ResCP's memory (Neglia et al., "ResCP: Reservoir Conformal Prediction for Time Series Forecasting", ICLR 2026,
 * arXiv 2510.05060): a FIFO window of at most W pairs (unit-norm key state {@code h_s}, signed residual
 * {@code r_s}), with the residuals also kept in sorted order. For a query state {@code h_t} it weighs every pair
 * by {@code w_s = softmax_s(cos(h_t, h_s)/tau)} times an optional recency factor and returns the width-minimizing
 * weighted-quantile interval of the residuals.
 *
 * <p>Keys are normalized on entry, so a cosine is one dot product. They are stored in panels of 8
 * ({@link SimilarityKernels}). With {@link KeyPrecision#DOUBLE} the W cosines are one blocked matrix-vector product
 * in double and the W exponentials a vectorized {@link SimilarityKernels#exp} (within 1 ulp of {@link Math#exp});
 * with {@link KeyPrecision#FLOAT} keys, products, sums and exponentials are in single precision
 * ({@link SimilarityKernels#expf}, within {@code 2^-22}), the weights and everything after them in double. The
 * weights are kept by slot; the quantile ({@link WeightedQuantile#shortestIntervalRanked}) reads only the two
 * tails of the sorted residuals through their order. Per query: {@code W N} multiply-adds, W exponentials, a merge
 * over the tails, no allocation.
 */
public final class SimilarityWindow {
    private final int dim;
    private final int capacity;
    private final KeyPrecision precision;
    private final double[] keys;
    private final float[] keysF;
    private final SortedWindow residuals;
    private final double[] q;
    private final double[] scores;
    private final double[] weights;
    private final double[] tail;
    private final float[] qF;
    private final float[] scoresF;
    private final double[] sums = new double[2];

    /** A window with keys in double precision. */
    public SimilarityWindow(int dim, int capacity) {
        this(dim, capacity, KeyPrecision.DOUBLE);
    }

    /**
     * @param dim length N of the key states, at least 1
     * @param capacity window size W, at least 1
     * @param precision how the keys are stored
     */
    public SimilarityWindow(int dim, int capacity, KeyPrecision precision) {
        if (dim < 1) {
            throw new IllegalArgumentException("key dimension must be at least 1, got " + dim);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("ResCP window must be at least 1, got " + capacity);
        }
        if (precision == null) {
            throw new IllegalArgumentException("key precision must be set (double or float)");
        }
        this.dim = dim;
        this.capacity = capacity;
        this.precision = precision;
        int len = SimilarityKernels.panelLength(capacity, dim);
        this.keys = precision == KeyPrecision.DOUBLE ? new double[len] : null;
        this.keysF = precision == KeyPrecision.FLOAT ? new float[len] : null;
        this.residuals = new SortedWindow(capacity);
        this.q = new double[dim];
        int padded = (capacity + SimilarityKernels.BLOCK - 1) / SimilarityKernels.BLOCK * SimilarityKernels.BLOCK;
        this.scores = new double[padded];
        this.weights = new double[padded];
        this.tail = new double[4 * capacity + 4];
        this.qF = precision == KeyPrecision.FLOAT ? new float[dim] : null;
        this.scoresF = precision == KeyPrecision.FLOAT ? new float[padded] : null;
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

    public KeyPrecision precision() {
        return precision;
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
        if (Double.isNaN(residual)) {
            throw new IllegalArgumentException("window values must not be NaN");
        }
        int slot = residuals.nextSlot();
        double ss = 0;
        for (int j = 0; j < dim; j++) {
            double v = key[keyOffset + j];
            ss += v * v;
        }
        double inv = ss > 0 ? 1.0 / Math.sqrt(ss) : 0.0;
        int base = SimilarityKernels.index(slot, 0, dim);
        if (keys != null) {
            for (int j = 0; j < dim; j++) {
                keys[base + j * SimilarityKernels.BLOCK] = key[keyOffset + j] * inv;
            }
        } else {
            for (int j = 0; j < dim; j++) {
                keysF[base + j * SimilarityKernels.BLOCK] = (float) (key[keyOffset + j] * inv);
            }
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
        double invTau = 1.0 / tau;
        double max;
        if (keys != null) {
            System.arraycopy(query, queryOffset, q, 0, dim);
            max = SimilarityKernels.scores(keys, n, dim, q, scores);
        } else {
            // single precision throughout: float products and sums, float exp; weights and their sums in double
            for (int j = 0; j < dim; j++) {
                qF[j] = (float) query[queryOffset + j];
            }
            float maxF = SimilarityKernels.scores(keysF, n, dim, qF, scoresF);
            if (recency != Recency.EXPONENTIAL) {
                SimilarityKernels.expWeights(scoresF, n, maxF, (float) invTau, weights, sums);
            } else {
                for (int s = 0; s < n; s++) {
                    scores[s] = scoresF[s];
                }
            }
            max = maxF;
        }
        // weights by slot (contiguous); the quantile reads only the two tails through the sorted order
        if (recency == Recency.NONE) {
            if (keys != null) {
                SimilarityKernels.expWeights(scores, n, max, invTau, weights, sums);
            }
        } else if (recency == Recency.INVERSE_AGE) {
            if (keys != null) {
                SimilarityKernels.expWeights(scores, n, max, invTau, weights, sums);
            }
            double t = 0;
            double sq = 0;
            for (int s = 0; s < n; s++) {
                double w = weights[s] / residuals.ageAt(s);
                weights[s] = w;
                t += w;
                sq += w * w;
            }
            sums[0] = t;
            sums[1] = sq;
        } else {
            // rho^age folded into the exponent; shifted by the newest age (1) to keep the largest weight near 1
            double logRho = Math.log(rho);
            for (int s = 0; s < n; s++) {
                scores[s] = (scores[s] - max) * invTau + (residuals.ageAt(s) - 1) * logRho;
            }
            SimilarityKernels.expWeights(scores, n, 0.0, 1.0, weights, sums);
        }
        double total = sums[0];
        double sumSq = sums[1];
        WeightedQuantile.shortestIntervalRanked(residuals.sortedValues(), weights, residuals.sortedSlots(), n, alpha,
                total, tail, out);
        out[3] = total * total / sumSq;
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
