package org.weir.linalg;

import static org.weir.linalg.FloatTanh.*;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision kernels written with the incubating Java Vector API. Loaded only when
 * {@link VectorSupport#ENABLED}; each has a scalar twin ({@link FloatTanh}, {@link FloatLaneKernels}) with
 * bit-identical results, which the tests check.
 */
final class VectorFloatKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private VectorFloatKernels() {
    }

    /**
     * {@link FloatTanh#tanh} lane-wise over whole vectors of [from, to) (the same operations); returns the first
     * index left over. Kept short on purpose: a longer version (two branches blended, the sign restored through the
     * integer view) was compiled without some intrinsics in about one JVM run in three, 10x slower for that run.
     */
    static int tanh(float[] x, int from, int to) {
        FloatVector q0 = FloatVector.broadcast(S, Q0), q1 = FloatVector.broadcast(S, Q1);
        FloatVector q2 = FloatVector.broadcast(S, Q2), q3 = FloatVector.broadcast(S, Q3);
        FloatVector q4 = FloatVector.broadcast(S, Q4), q5 = FloatVector.broadcast(S, Q5);
        FloatVector invLn2 = FloatVector.broadcast(S, INV_LN2);
        FloatVector shift = FloatVector.broadcast(S, SHIFT);
        FloatVector mLn2Hi = FloatVector.broadcast(S, -LN2_HI);
        FloatVector mLn2Lo = FloatVector.broadcast(S, -LN2_LO);
        FloatVector one = FloatVector.broadcast(S, 1.0f);
        FloatVector two = FloatVector.broadcast(S, 2.0f);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector x0 = FloatVector.fromArray(S, x, i);
            FloatVector a = x0.abs().min(CLAMP);
            FloatVector y = a.add(a);
            FloatVector kd = y.fma(invLn2, shift);
            IntVector ki = kd.reinterpretAsInts();
            kd = kd.sub(shift);
            FloatVector r = kd.fma(mLn2Hi, y);
            r = kd.fma(mLn2Lo, r);
            FloatVector q = r.fma(q5, q4);
            q = r.fma(q, q3);
            q = r.fma(q, q2);
            q = r.fma(q, q1);
            q = r.fma(q, q0);
            FloatVector t = r.mul(r).fma(q, r);
            FloatVector scale = ki.lanewise(VectorOperators.LSHL, 23).add(ONE_BITS).reinterpretAsFloats();
            FloatVector m = scale.fma(t, scale.sub(one));
            FloatVector v = m.div(m.add(two));
            v = v.blend(v.neg(), x0.compare(VectorOperators.LT, 0f));
            v.blend(x0, x0.compare(VectorOperators.EQ, 0f)).intoArray(x, i);
        }
        return i;
    }

    /**
     * {@link FloatLaneKernels#preactivation} for lanes [from, to) in groups of 4, 2 and 1 vectors; returns the
     * first lane left for the scalar code.
     */
    static int preactivation(int rows, int[] rowPtr, int[] col, float[] val, int d, float[] win, float[] bias,
            float[] u, float[] x, int xOff, float[] pre, int lanes, int from, int to) {
        int b = from;
        for (; b + 4 * L <= to; b += 4 * L) {
            for (int i = 0; i < rows; i++) {
                row4(i, rowPtr, col, val, d, win, bias, u, x, xOff, pre, lanes, b);
            }
        }
        for (; b + 2 * L <= to; b += 2 * L) {
            for (int i = 0; i < rows; i++) {
                row2(i, rowPtr, col, val, d, win, bias, u, x, xOff, pre, lanes, b);
            }
        }
        for (; b + L <= to; b += L) {
            for (int i = 0; i < rows; i++) {
                FloatVector a0 = FloatVector.broadcast(S, bias[i]);
                for (int j = 0; j < d; j++) {
                    a0 = FloatVector.broadcast(S, win[i * d + j]).fma(FloatVector.fromArray(S, u, j * lanes + b), a0);
                }
                int end = rowPtr[i + 1];
                for (int p = rowPtr[i]; p < end; p++) {
                    a0 = FloatVector.broadcast(S, val[p]).fma(FloatVector.fromArray(S, x, xOff + col[p] * lanes + b), a0);
                }
                a0.intoArray(pre, i * lanes + b);
            }
        }
        return b;
    }

    /** Row i of the pre-activation for the lanes [b, b + 4L): one fused multiply-add chain per lane. */
    static void row4(int i, int[] rowPtr, int[] col, float[] val, int d, float[] win, float[] bias, float[] u,
            float[] x, int xOff, float[] pre, int lanes, int b) {
        FloatVector a0 = FloatVector.broadcast(S, bias[i]), a1 = a0, a2 = a0, a3 = a0;
        for (int j = 0; j < d; j++) {
            FloatVector w = FloatVector.broadcast(S, win[i * d + j]);
            int o = j * lanes + b;
            a0 = w.fma(FloatVector.fromArray(S, u, o), a0);
            a1 = w.fma(FloatVector.fromArray(S, u, o + L), a1);
            a2 = w.fma(FloatVector.fromArray(S, u, o + 2 * L), a2);
            a3 = w.fma(FloatVector.fromArray(S, u, o + 3 * L), a3);
        }
        int end = rowPtr[i + 1];
        for (int p = rowPtr[i]; p < end; p++) {
            FloatVector w = FloatVector.broadcast(S, val[p]);
            int o = xOff + col[p] * lanes + b;
            a0 = w.fma(FloatVector.fromArray(S, x, o), a0);
            a1 = w.fma(FloatVector.fromArray(S, x, o + L), a1);
            a2 = w.fma(FloatVector.fromArray(S, x, o + 2 * L), a2);
            a3 = w.fma(FloatVector.fromArray(S, x, o + 3 * L), a3);
        }
        int yo = i * lanes + b;
        a0.intoArray(pre, yo);
        a1.intoArray(pre, yo + L);
        a2.intoArray(pre, yo + 2 * L);
        a3.intoArray(pre, yo + 3 * L);
    }

    /** {@link #row4} over two lane vectors. */
    static void row2(int i, int[] rowPtr, int[] col, float[] val, int d, float[] win, float[] bias,
            float[] u, float[] x, int xOff, float[] pre, int lanes, int b) {
        FloatVector a0 = FloatVector.broadcast(S, bias[i]), a1 = a0;
        for (int j = 0; j < d; j++) {
            FloatVector w = FloatVector.broadcast(S, win[i * d + j]);
            int o = j * lanes + b;
            a0 = w.fma(FloatVector.fromArray(S, u, o), a0);
            a1 = w.fma(FloatVector.fromArray(S, u, o + L), a1);
        }
        int end = rowPtr[i + 1];
        for (int p = rowPtr[i]; p < end; p++) {
            FloatVector w = FloatVector.broadcast(S, val[p]);
            int o = xOff + col[p] * lanes + b;
            a0 = w.fma(FloatVector.fromArray(S, x, o), a0);
            a1 = w.fma(FloatVector.fromArray(S, x, o + L), a1);
        }
        int yo = i * lanes + b;
        a0.intoArray(pre, yo);
        a1.intoArray(pre, yo + L);
    }

    /** {@link FloatLaneKernels#leak} over whole vectors; returns the first index left over. */
    static int leak(float[] x, int xOff, float[] f, int from, int to, float keep, float leak) {
        int i = from;
        FloatVector lk = FloatVector.broadcast(S, leak);
        FloatVector kp = FloatVector.broadcast(S, keep);
        for (; i + L <= to; i += L) {
            FloatVector.fromArray(S, f, i).fma(lk, FloatVector.fromArray(S, x, xOff + i).mul(kp)).intoArray(x, xOff + i);
        }
        return i;
    }
}
