package org.weir.linalg;

/**
 * Single-precision kernels for many sequences ("lanes") of one echo state network advancing together. States
 * are interleaved, {@code x[i*lanes + b]} is unit i of lane b, so one pass over the sparse recurrent matrix
 * serves every lane with contiguous vector loads (no gathers), and a float vector holds twice the lanes of a
 * double one: twice the multiply-adds per instruction and half the bytes of state per step.
 *
 * <p>Each method uses the vectorized twin ({@link VectorFloatKernels}) when available; both do the same IEEE-754
 * single-precision operations in the same order, so results are bit-identical either way.
 */
public final class FloatLaneKernels {
    private FloatLaneKernels() {
    }

    /**
     * {@code pre[i, b] = bias_i + sum_j Win[i, j] u[j, b] + sum_p W[i, col_p] x[col_p, b]} for the lanes b in
     * [from, to): one fused multiply-add chain per output, in that order (bias, then the inputs in order, then
     * the row's non-zeros in storage order). W is in CSR form ({@code rowPtr}, {@code col}, {@code val});
     * {@code win} is row-major {@code rows x d}; {@code u} and {@code x} are interleaved with stride
     * {@code lanes}. Other lanes of {@code pre} are not touched, so threads owning disjoint lane ranges may call
     * this concurrently.
     */
    public static void preactivation(int rows, int[] rowPtr, int[] col, float[] val, int d, float[] win,
            float[] bias, float[] u, float[] x, float[] pre, int lanes, int from, int to) {
        preactivation(rows, rowPtr, col, val, d, win, bias, u, x, 0, pre, lanes, from, to);
    }

    /**
     * {@link #preactivation(int, int[], int[], float[], int, float[], float[], float[], float[], float[], int, int,
     * int)} with the state block starting at {@code x[xOff]} (unit i of lane b at {@code x[xOff + i*lanes + b]}):
     * lets a caller place the block where the vector loads are cache-line aligned.
     */
    public static void preactivation(int rows, int[] rowPtr, int[] col, float[] val, int d, float[] win,
            float[] bias, float[] u, float[] x, int xOff, float[] pre, int lanes, int from, int to) {
        preactivation(rows, rowPtr, col, val, d, win, bias, u, x, xOff, pre, lanes, from, to, null);
    }

    /**
     * The pre-activation as above, with {@code quads[q]} true when rows {@code 4q..4q+3} exist and have the same
     * columns ({@link #sharedQuads}): those four rows then read each state row once for all four (bit-identical
     * results). {@code quads} may be null.
     */
    public static void preactivation(int rows, int[] rowPtr, int[] col, float[] val, int d, float[] win,
            float[] bias, float[] u, float[] x, int xOff, float[] pre, int lanes, int from, int to, boolean[] quads) {
        if (from < 0 || to > lanes || from > to) {
            throw new IllegalArgumentException("lanes [" + from + ", " + to + ") must lie in [0, " + lanes + "]");
        }
        if (quads != null && quads.length != (rows + 3) / 4) {
            throw new IllegalArgumentException("quads has " + quads.length + " flags for " + rows + " rows (needs "
                    + (rows + 3) / 4 + ")");
        }
        int b = from;
        if (VectorSupport.ENABLED && quads != null) {
            b = VectorFloatQuadKernels.preactivation(rows, rowPtr, col, val, d, win, bias, u, x, xOff, pre, lanes, b,
                    to, quads);
        }
        if (VectorSupport.ENABLED) {
            b = VectorFloatKernels.preactivation(rows, rowPtr, col, val, d, win, bias, u, x, xOff, pre, lanes, b, to);
        }
        for (; b < to; b++) {
            for (int i = 0; i < rows; i++) {
                float s = bias[i];
                for (int j = 0; j < d; j++) {
                    s = Math.fma(win[i * d + j], u[j * lanes + b], s);
                }
                for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                    s = Math.fma(val[p], x[xOff + col[p] * lanes + b], s);
                }
                pre[i * lanes + b] = s;
            }
        }
    }

    /**
     * Flags for {@link #preactivation}: {@code quads[q]} is true when rows {@code 4q..4q+3} all exist and have the
     * same column lists in a CSR matrix; null when no quad shares.
     */
    public static boolean[] sharedQuads(int rows, int[] rowPtr, int[] col) {
        boolean[] q = new boolean[(rows + 3) / 4];
        boolean any = false;
        for (int g = 0; g < rows / 4; g++) {
            int i = 4 * g;
            int len = rowPtr[i + 1] - rowPtr[i];
            boolean same = true;
            for (int r = 1; r < 4 && same; r++) {
                same = rowPtr[i + r + 1] - rowPtr[i + r] == len
                        && java.util.Arrays.equals(col, rowPtr[i], rowPtr[i] + len, col, rowPtr[i + r], rowPtr[i + r] + len);
            }
            q[g] = same;
            any |= same;
        }
        return any ? q : null;
    }

    /** {@code x[k] = keep * x[k] + leak * f[k]} (one product, then one fused multiply-add) for k in [from, to). */
    public static void leak(float[] x, float[] f, int from, int to, float keep, float leak) {
        leak(x, 0, f, from, to, keep, leak);
    }

    /** {@code x[xOff + k] = keep * x[xOff + k] + leak * f[k]} for k in [from, to). */
    public static void leak(float[] x, int xOff, float[] f, int from, int to, float keep, float leak) {
        int k = from;
        if (VectorSupport.ENABLED) {
            k = VectorFloatKernels.leak(x, xOff, f, from, to, keep, leak);
        }
        for (; k < to; k++) {
            x[xOff + k] = Math.fma(f[k], leak, x[xOff + k] * keep);
        }
    }
}
