package org.weir.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane-batched pre-activation ({@link FloatLaneKernels#preactivation}) for matrices whose rows come in quads
 * sharing their columns ({@code Topology.BLOCK_RANDOM} builds groups of eight): the four rows of a quad read each
 * state row {@code x[col_p, b..b+4L)} once for sixteen fused multiply-adds (four rows times four lane vectors),
 * a quarter of the state traffic of one row at a time. Each output is still one fused multiply-add chain (bias,
 * inputs in order, the row's non-zeros in storage order), so results are bit-identical to the row-by-row kernels.
 * Loaded only when {@link VectorSupport#ENABLED}.
 */
final class VectorFloatQuadKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorFloatQuadKernels() {
    }

    /**
     * Lanes {@code [from, to)} in whole blocks of {@code 4L} lanes, then at most one block of {@code 2L}; rows
     * {@code 4q..4q+3} with {@code quads[q]} go four at a time, the others one at a time. Returns the first lane
     * left over.
     */
    static int preactivation(int rows, int[] rowPtr, int[] col, float[] val, int d, float[] win, float[] bias,
            float[] u, float[] x, int xOff, float[] pre, int lanes, int from, int to, boolean[] quads) {
        int b = from;
        for (; b + 4 * L <= to; b += 4 * L) {
            int i = 0;
            while (i < rows) {
                if ((i & 3) == 0 && quads[i >> 2]) {
                    quad(i, rowPtr, col, val, d, win, bias, u, x, xOff, pre, lanes, b);
                    i += 4;
                } else {
                    VectorFloatKernels.row4(i, rowPtr, col, val, d, win, bias, u, x, xOff, pre, lanes, b);
                    i++;
                }
            }
        }
        if (b + 2 * L <= to) {
            int i = 0;
            while (i < rows) {
                if ((i & 3) == 0 && quads[i >> 2]) {
                    quadHalf(i, rowPtr, col, val, d, win, bias, u, x, xOff, pre, lanes, b);
                    i += 4;
                } else {
                    VectorFloatKernels.row2(i, rowPtr, col, val, d, win, bias, u, x, xOff, pre, lanes, b);
                    i++;
                }
            }
            b += 2 * L;
        }
        return b;
    }

    /** {@link #quad} over two lane vectors: each state row's two vectors serve eight fused multiply-adds. */
    private static void quadHalf(int i, int[] rowPtr, int[] col, float[] val, int d, float[] win, float[] bias,
            float[] u, float[] x, int xOff, float[] pre, int lanes, int b) {
        FloatVector a00 = FloatVector.broadcast(S, bias[i]), a01 = a00;
        FloatVector a10 = FloatVector.broadcast(S, bias[i + 1]), a11 = a10;
        FloatVector a20 = FloatVector.broadcast(S, bias[i + 2]), a21 = a20;
        FloatVector a30 = FloatVector.broadcast(S, bias[i + 3]), a31 = a30;
        for (int j = 0; j < d; j++) {
            int o = j * lanes + b;
            FloatVector x0 = FloatVector.fromArray(S, u, o);
            FloatVector x1 = FloatVector.fromArray(S, u, o + L);
            FloatVector w = FloatVector.broadcast(S, win[i * d + j]);
            a00 = w.fma(x0, a00);
            a01 = w.fma(x1, a01);
            w = FloatVector.broadcast(S, win[(i + 1) * d + j]);
            a10 = w.fma(x0, a10);
            a11 = w.fma(x1, a11);
            w = FloatVector.broadcast(S, win[(i + 2) * d + j]);
            a20 = w.fma(x0, a20);
            a21 = w.fma(x1, a21);
            w = FloatVector.broadcast(S, win[(i + 3) * d + j]);
            a30 = w.fma(x0, a30);
            a31 = w.fma(x1, a31);
        }
        int p0 = rowPtr[i];
        int p1 = rowPtr[i + 1];
        int p2 = rowPtr[i + 2];
        int p3 = rowPtr[i + 3];
        int len = p1 - p0;
        for (int k = 0; k < len; k++) {
            int o = xOff + col[p0 + k] * lanes + b;
            FloatVector x0 = FloatVector.fromArray(S, x, o);
            FloatVector x1 = FloatVector.fromArray(S, x, o + L);
            FloatVector w = FloatVector.broadcast(S, val[p0 + k]);
            a00 = w.fma(x0, a00);
            a01 = w.fma(x1, a01);
            w = FloatVector.broadcast(S, val[p1 + k]);
            a10 = w.fma(x0, a10);
            a11 = w.fma(x1, a11);
            w = FloatVector.broadcast(S, val[p2 + k]);
            a20 = w.fma(x0, a20);
            a21 = w.fma(x1, a21);
            w = FloatVector.broadcast(S, val[p3 + k]);
            a30 = w.fma(x0, a30);
            a31 = w.fma(x1, a31);
        }
        int yo = i * lanes + b;
        a00.intoArray(pre, yo);
        a01.intoArray(pre, yo + L);
        yo += lanes;
        a10.intoArray(pre, yo);
        a11.intoArray(pre, yo + L);
        yo += lanes;
        a20.intoArray(pre, yo);
        a21.intoArray(pre, yo + L);
        yo += lanes;
        a30.intoArray(pre, yo);
        a31.intoArray(pre, yo + L);
    }

    private static void quad(int i, int[] rowPtr, int[] col, float[] val, int d, float[] win, float[] bias, float[] u,
            float[] x, int xOff, float[] pre, int lanes, int b) {
        FloatVector a00 = FloatVector.broadcast(S, bias[i]), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = FloatVector.broadcast(S, bias[i + 1]), a11 = a10, a12 = a10, a13 = a10;
        FloatVector a20 = FloatVector.broadcast(S, bias[i + 2]), a21 = a20, a22 = a20, a23 = a20;
        FloatVector a30 = FloatVector.broadcast(S, bias[i + 3]), a31 = a30, a32 = a30, a33 = a30;
        for (int j = 0; j < d; j++) {
            int o = j * lanes + b;
            FloatVector x0 = FloatVector.fromArray(S, u, o);
            FloatVector x1 = FloatVector.fromArray(S, u, o + L);
            FloatVector x2 = FloatVector.fromArray(S, u, o + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, u, o + 3 * L);
            FloatVector w = FloatVector.broadcast(S, win[i * d + j]);
            a00 = w.fma(x0, a00);
            a01 = w.fma(x1, a01);
            a02 = w.fma(x2, a02);
            a03 = w.fma(x3, a03);
            w = FloatVector.broadcast(S, win[(i + 1) * d + j]);
            a10 = w.fma(x0, a10);
            a11 = w.fma(x1, a11);
            a12 = w.fma(x2, a12);
            a13 = w.fma(x3, a13);
            w = FloatVector.broadcast(S, win[(i + 2) * d + j]);
            a20 = w.fma(x0, a20);
            a21 = w.fma(x1, a21);
            a22 = w.fma(x2, a22);
            a23 = w.fma(x3, a23);
            w = FloatVector.broadcast(S, win[(i + 3) * d + j]);
            a30 = w.fma(x0, a30);
            a31 = w.fma(x1, a31);
            a32 = w.fma(x2, a32);
            a33 = w.fma(x3, a33);
        }
        int p0 = rowPtr[i];
        int p1 = rowPtr[i + 1];
        int p2 = rowPtr[i + 2];
        int p3 = rowPtr[i + 3];
        int len = p1 - p0;
        for (int k = 0; k < len; k++) {
            int o = xOff + col[p0 + k] * lanes + b;
            FloatVector x0 = FloatVector.fromArray(S, x, o);
            FloatVector x1 = FloatVector.fromArray(S, x, o + L);
            FloatVector x2 = FloatVector.fromArray(S, x, o + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, x, o + 3 * L);
            FloatVector w = FloatVector.broadcast(S, val[p0 + k]);
            a00 = w.fma(x0, a00);
            a01 = w.fma(x1, a01);
            a02 = w.fma(x2, a02);
            a03 = w.fma(x3, a03);
            w = FloatVector.broadcast(S, val[p1 + k]);
            a10 = w.fma(x0, a10);
            a11 = w.fma(x1, a11);
            a12 = w.fma(x2, a12);
            a13 = w.fma(x3, a13);
            w = FloatVector.broadcast(S, val[p2 + k]);
            a20 = w.fma(x0, a20);
            a21 = w.fma(x1, a21);
            a22 = w.fma(x2, a22);
            a23 = w.fma(x3, a23);
            w = FloatVector.broadcast(S, val[p3 + k]);
            a30 = w.fma(x0, a30);
            a31 = w.fma(x1, a31);
            a32 = w.fma(x2, a32);
            a33 = w.fma(x3, a33);
        }
        int yo = i * lanes + b;
        a00.intoArray(pre, yo);
        a01.intoArray(pre, yo + L);
        a02.intoArray(pre, yo + 2 * L);
        a03.intoArray(pre, yo + 3 * L);
        yo += lanes;
        a10.intoArray(pre, yo);
        a11.intoArray(pre, yo + L);
        a12.intoArray(pre, yo + 2 * L);
        a13.intoArray(pre, yo + 3 * L);
        yo += lanes;
        a20.intoArray(pre, yo);
        a21.intoArray(pre, yo + L);
        a22.intoArray(pre, yo + 2 * L);
        a23.intoArray(pre, yo + 3 * L);
        yo += lanes;
        a30.intoArray(pre, yo);
        a31.intoArray(pre, yo + L);
        a32.intoArray(pre, yo + 2 * L);
        a33.intoArray(pre, yo + 3 * L);
    }
}
