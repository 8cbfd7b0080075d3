package org.weir.linalg;

import static org.weir.linalg.FastTanh.E0;
import static org.weir.linalg.FastTanh.E1;
import static org.weir.linalg.FastTanh.E10;
import static org.weir.linalg.FastTanh.E2;
import static org.weir.linalg.FastTanh.E3;
import static org.weir.linalg.FastTanh.E4;
import static org.weir.linalg.FastTanh.E5;
import static org.weir.linalg.FastTanh.E6;
import static org.weir.linalg.FastTanh.E7;
import static org.weir.linalg.FastTanh.E8;
import static org.weir.linalg.FastTanh.E9;
import static org.weir.linalg.FastTanh.INV_LN2;
import static org.weir.linalg.FastTanh.LN2_HI;
import static org.weir.linalg.FastTanh.LN2_LO;
import static org.weir.linalg.FastTanh.SHIFT;

/**
 * Kernels of a similarity search over a window of keys: the product {@code s = K q} of a (W x k) key matrix
 * with a query, and softmax-style weights {@code w_s = exp((x_s - m) c)} with their sum and sum of squares: the
 * per-step work of ResCP's similarity-weighted quantiles (Neglia et al., ICLR 2026, arXiv 2510.05060).
 *
 * <p>Keys are stored in <em>panels</em> of {@value #BLOCK} keys: element j of key s lives at
 * {@link #index(int, int, int) index(s, j, k)} {@code = (s / 8) 8k + 8j + s mod 8}, so the product runs over
 * contiguous memory with one broadcast query element per 8 keys and no horizontal sums (the layout of a packed
 * GEMM panel). Each score is the chain {@code s = fma(K[s][k-1], q[k-1], ... fma(K[s][0], q[0], 0))} in index
 * order, in double precision also for float keys, so the vectorized kernels ({@code jdk.incubator.vector},
 * see {@link VectorSupport}) and their scalar twins give bit-identical results on any vector width.
 *
 * <p>{@link #exp(double)} is {@code 2^k (1 + t)}, {@code z = k ln2 + r}, {@code |r| <= ln2/2},
 * {@code t = r + r^2 Q(r)} with the degree-10 polynomial of {@link FastTanh}; the scale {@code 2^k} is applied
 * in two halves so that subnormal results round once, as {@link Math#exp} does. Measured error against
 * {@link Math#exp} on {@code [-746, 0]}: at most 1 ulp for normal results, at most one subnormal ulp below
 * (see {@code SimilarityKernelsTest}); arguments below -746 give 0.
 */
public final class SimilarityKernels {
    /** Keys per panel. */
    public static final int BLOCK = 8;
    /** Below this argument exp rounds to 0 in double precision. */
    static final double EXP_LOW = -746.0;
    /** Above this argument exp overflows. */
    static final double EXP_HIGH = 709.0;
    static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);

    private SimilarityKernels() {
    }

    /** Length of a panel array holding {@code capacity} keys of length k (whole panels). */
    public static int panelLength(int capacity, int k) {
        return Math.multiplyExact(Math.multiplyExact((capacity + BLOCK - 1) / BLOCK, BLOCK), k);
    }

    /** Where element j of key s is stored in a panel array of keys of length k. */
    public static int index(int s, int j, int k) {
        return (s / BLOCK) * (BLOCK * k) + j * BLOCK + (s % BLOCK);
    }

    /**
     * {@code scores[s] = sum_j K[s][j] q[j]} for the keys s in {@code [0, n)} of a panel array (the whole last
     * panel is computed: scores must have room for {@code ceil(n/8)*8} entries), and the maximum over
     * {@code [0, n)}.
     *
     * @param panels keys in panel layout (not modified)
     * @param n number of keys, at least 1
     * @param k key length
     * @param q query of length k (not modified)
     * @param scores output (modified)
     * @return {@code max_{s < n} scores[s]}
     */
    public static double scores(double[] panels, int n, int k, double[] q, double[] scores) {
        if (VectorSupport.ENABLED && VectorSimilarityKernels.SUPPORTED) {
            return VectorSimilarityKernels.scores(panels, n, k, q, scores);
        }
        return scoresScalar(panels, n, k, q, scores);
    }

    /** As {@link #scores(double[], int, int, double[], double[])} for keys stored in float (products in double). */
    public static double scores(float[] panels, int n, int k, double[] q, double[] scores) {
        if (VectorSupport.ENABLED && VectorSimilarityKernels.SUPPORTED) {
            return VectorSimilarityKernels.scores(panels, n, k, q, scores);
        }
        return scoresScalar(panels, n, k, q, scores);
    }

    /**
     * Single-precision scores: {@code scores[s] = sum_j K[s][j] q[j]} accumulated in float (the chain
     * {@code fma(K[s][k-1], q[k-1], ... fma(K[s][0], q[0], 0f))}, the same on every path), and their maximum over
     * {@code [0, n)}. For unit-norm keys and query each score is within {@code k 2^-24 / (1 - k 2^-24)} of the
     * exact product of the stored floats (the standard bound for a recursive sum of k products).
     *
     * @param panels keys in panel layout (not modified)
     * @param n number of keys, at least 1
     * @param k key length
     * @param q query of length k (not modified)
     * @param scores output with room for {@code ceil(n/8)*8} entries (modified)
     * @return {@code max_{s < n} scores[s]}
     */
    public static float scores(float[] panels, int n, int k, float[] q, float[] scores) {
        if (VectorSupport.ENABLED && VectorSimilarityKernels.SUPPORTED) {
            return VectorSimilarityKernels.scores(panels, n, k, q, scores);
        }
        return scoresScalar(panels, n, k, q, scores);
    }

    static float scoresScalar(float[] panels, int n, int k, float[] q, float[] scores) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int base = b * BLOCK * k;
            for (int l = 0; l < BLOCK; l++) {
                float acc = 0f;
                for (int j = 0; j < k; j++) {
                    acc = Math.fma(panels[base + j * BLOCK + l], q[j], acc);
                }
                scores[b * BLOCK + l] = acc;
            }
        }
        float m = Float.NEGATIVE_INFINITY;
        for (int s = 0; s < n; s++) {
            if (scores[s] > m) {
                m = scores[s];
            }
        }
        return m;
    }

    /**
     * Single-precision weights {@code w[s] = expf((x[s] - shift) * scale)} (arguments and {@link #expf} in float,
     * weights widened to double, {@code shift >= x[s]} so that the arguments are at most 0) with their sum and sum of
     * squares accumulated in double exactly as {@link #expWeights} does: the same numbers on every path.
     *
     * @param x arguments (not modified)
     * @param w weights (modified)
     * @param sums receives {sum, sum of squares} (modified)
     */
    public static void expWeights(float[] x, int n, float shift, float scale, double[] w, double[] sums) {
        if (VectorSupport.ENABLED && VectorSimilarityKernels.SUPPORTED) {
            VectorSimilarityKernels.expWeights(x, n, shift, scale, w, sums);
        } else {
            expWeightsScalar(x, n, shift, scale, w, sums);
        }
    }

    static void expWeightsScalar(float[] x, int n, float shift, float scale, double[] w, double[] sums) {
        for (int s = 0; s < n; s++) {
            w[s] = expf((x[s] - shift) * scale);
        }
        partialSums(w, n, sums);
    }

    /** Below this argument {@link #expf} returns 0, as {@code Math.exp} does in double precision. */
    static final float EXPF_ZERO = -745.2f;
    /** Arguments in {@code [EXPF_ZERO, EXPF_LOW)} are raised to this, the smallest with a normal float result. */
    static final float EXPF_LOW = -87.33f;
    static final float LOG2E_F = 1.44269504f;
    /** ln 2 split so that {@code k LN2_HI_F} is exact for |k| < 2^7. */
    static final float LN2_HI_F = 0.693145751953125f;
    static final float LN2_LO_F = 1.428606765330187e-06f;
    static final float SHIFT_F = 0x1.8p23f;
    static final int SHIFT_F_BITS = Float.floatToRawIntBits(SHIFT_F);
    static final float F2 = 1f / 2;
    static final float F3 = 1f / 6;
    static final float F4 = 1f / 24;
    static final float F5 = 1f / 120;
    static final float F6 = 1f / 720;
    static final float F7 = 1f / 5040;

    /**
     * e^z in single precision for {@code z <= 0}: {@code 2^k (1 + t)}, {@code z = k ln2 + r}, {@code |r| <= ln2/2},
     * {@code t = r + r^2 (1/2 + r/6 + ... + r^5/5040)} (Taylor remainder below 0.1 ulp). Relative error against
     * {@link Math#exp} at most 2 float ulps ({@code 2^-22}) for z in {@code [-87.33, 0]} (see
     * {@code SimilarityKernelsTest}); below that the result is held at {@code e^-87.33 ~ 1.2e-38} so that it stays
     * positive wherever the double-precision weight is, and it is 0 below -745.2 where {@link Math#exp} underflows.
     */
    public static float expf(float z) {
        float x = Math.max(z, EXPF_LOW);
        float kf = Math.fma(x, LOG2E_F, SHIFT_F);
        int k = Float.floatToRawIntBits(kf) - SHIFT_F_BITS;
        kf = kf - SHIFT_F;
        float r = Math.fma(-kf, LN2_HI_F, x);
        r = Math.fma(-kf, LN2_LO_F, r);
        float q = Math.fma(r, F7, F6);
        q = Math.fma(r, q, F5);
        q = Math.fma(r, q, F4);
        q = Math.fma(r, q, F3);
        q = Math.fma(r, q, F2);
        float t = Math.fma(r * r, q, r);
        float v = (1f + t) * Float.intBitsToFloat((k + 127) << 23);
        return z < EXPF_ZERO ? 0f : v;
    }

    static double scoresScalar(double[] panels, int n, int k, double[] q, double[] scores) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int base = b * BLOCK * k;
            for (int l = 0; l < BLOCK; l++) {
                double acc = 0.0;
                for (int j = 0; j < k; j++) {
                    acc = Math.fma(panels[base + j * BLOCK + l], q[j], acc);
                }
                scores[b * BLOCK + l] = acc;
            }
        }
        return max(scores, n);
    }

    static double scoresScalar(float[] panels, int n, int k, double[] q, double[] scores) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        for (int b = 0; b < blocks; b++) {
            int base = b * BLOCK * k;
            for (int l = 0; l < BLOCK; l++) {
                double acc = 0.0;
                for (int j = 0; j < k; j++) {
                    acc = Math.fma(panels[base + j * BLOCK + l], q[j], acc);
                }
                scores[b * BLOCK + l] = acc;
            }
        }
        return max(scores, n);
    }

    static double max(double[] x, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < n; s++) {
            if (x[s] > m) {
                m = x[s];
            }
        }
        return m;
    }

    /**
     * {@code w[s] = exp((x[s] - shift) * scale)} for s in {@code [0, n)} with {@link #exp(double)}, and
     * {@code sums = {sum_s w[s], sum_s w[s]^2}}, each summed in 8 partial sums by {@code s mod 8} over the
     * whole panels, combined as {@code ((p0+p1)+(p2+p3))+((p4+p5)+(p6+p7))}, then the leftover entries in
     * order: the same numbers on every path.
     *
     * @param x arguments (not modified; may alias w)
     * @param w weights (modified)
     * @param sums receives {sum, sum of squares} (modified)
     */
    public static void expWeights(double[] x, int n, double shift, double scale, double[] w, double[] sums) {
        if (VectorSupport.ENABLED && VectorSimilarityKernels.SUPPORTED) {
            VectorSimilarityKernels.expWeights(x, n, shift, scale, w, sums);
        } else {
            expWeightsScalar(x, n, shift, scale, w, sums);
        }
    }

    /**
     * {@code w[i] = exp((x[index[i]] - shift) * scale)} for i in {@code [0, n)}: {@link #expWeights} with the
     * arguments gathered through an index (e.g. scores by slot, weights wanted in sorted order), with the same
     * partial sums.
     *
     * @param x arguments (not modified; must not alias w)
     * @param index positions in x, first n used (not modified)
     * @param w weights in index order (modified)
     * @param sums receives {sum, sum of squares} (modified)
     */
    public static void expWeightsGathered(double[] x, int[] index, int n, double shift, double scale, double[] w,
            double[] sums) {
        if (VectorSupport.ENABLED && VectorSimilarityKernels.SUPPORTED) {
            VectorSimilarityKernels.expWeightsGathered(x, index, n, shift, scale, w, sums);
        } else {
            expWeightsGatheredScalar(x, index, n, shift, scale, w, sums);
        }
    }

    static void expWeightsGatheredScalar(double[] x, int[] index, int n, double shift, double scale, double[] w,
            double[] sums) {
        for (int i = 0; i < n; i++) {
            w[i] = exp((x[index[i]] - shift) * scale);
        }
        partialSums(w, n, sums);
    }

    static void expWeightsScalar(double[] x, int n, double shift, double scale, double[] w, double[] sums) {
        for (int s = 0; s < n; s++) {
            w[s] = exp((x[s] - shift) * scale);
        }
        partialSums(w, n, sums);
    }

    /** The sum and sum of squares of w[0..n) in the fixed order of {@link #expWeights}. */
    static void partialSums(double[] w, int n, double[] sums) {
        int full = n / BLOCK * BLOCK;
        double total = 0;
        double sq = 0;
        if (full > 0) {
            total = ((laneSum(w, 0, full) + laneSum(w, 1, full)) + (laneSum(w, 2, full) + laneSum(w, 3, full)))
                    + ((laneSum(w, 4, full) + laneSum(w, 5, full)) + (laneSum(w, 6, full) + laneSum(w, 7, full)));
            sq = ((laneSquares(w, 0, full) + laneSquares(w, 1, full))
                    + (laneSquares(w, 2, full) + laneSquares(w, 3, full)))
                    + ((laneSquares(w, 4, full) + laneSquares(w, 5, full))
                    + (laneSquares(w, 6, full) + laneSquares(w, 7, full)));
        }
        for (int s = full; s < n; s++) {
            total += w[s];
            sq = Math.fma(w[s], w[s], sq);
        }
        sums[0] = total;
        sums[1] = sq;
    }

    /** Sum of w[s] over s = lane, lane + 8, ... below full, in order. */
    private static double laneSum(double[] w, int lane, int full) {
        double acc = 0;
        for (int s = lane; s < full; s += BLOCK) {
            acc += w[s];
        }
        return acc;
    }

    /** Sum of w[s]^2 (fused multiply-adds) over s = lane, lane + 8, ... below full, in order. */
    private static double laneSquares(double[] w, int lane, int full) {
        double acc = 0;
        for (int s = lane; s < full; s += BLOCK) {
            acc = Math.fma(w[s], w[s], acc);
        }
        return acc;
    }

    /**
     * e^z within 1 ulp of {@link Math#exp} for z in [-746, 709] (0 below, NaN for NaN); the same operations as
     * the vectorized {@link #expWeights}, so results are bit-identical to it.
     */
    public static double exp(double z) {
        double x = Math.min(Math.max(z, EXP_LOW), EXP_HIGH);
        double kd = Math.fma(x, INV_LN2, SHIFT);
        long k = Double.doubleToRawLongBits(kd) - SHIFT_BITS;
        kd = kd - SHIFT;
        double r = Math.fma(-kd, LN2_HI, x);
        r = Math.fma(-kd, LN2_LO, r);
        double q = Math.fma(r, E10, E9);
        q = Math.fma(r, q, E8);
        q = Math.fma(r, q, E7);
        q = Math.fma(r, q, E6);
        q = Math.fma(r, q, E5);
        q = Math.fma(r, q, E4);
        q = Math.fma(r, q, E3);
        q = Math.fma(r, q, E2);
        q = Math.fma(r, q, E1);
        q = Math.fma(r, q, E0);
        double t = Math.fma(r * r, q, r);
        long k1 = k >> 1;
        long k2 = k - k1;
        double s1 = Double.longBitsToDouble((k1 + 1023) << 52);
        double s2 = Double.longBitsToDouble((k2 + 1023) << 52);
        return ((1.0 + t) * s1) * s2;
    }
}
