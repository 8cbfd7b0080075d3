package org.weir.linalg;

import static org.weir.linalg.FastTanh.*;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels written with the incubating Java Vector API. Loaded only when {@link VectorSupport#ENABLED}
 * (the module is present); every method here has a scalar twin elsewhere in this package that the
 * tests compare it with. Tails shorter than a vector run the scalar twin.
 */
final class VectorKernels {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private VectorKernels() {
    }

    /** Same operations as {@link FastTanh#tanh(double)}, lane-wise; bit-identical results. */
    static void tanh(double[] x, int from, int to) {
        int i = from;
        int upper = from + S.loopBound(to - from);
        DoubleVector t0 = DoubleVector.broadcast(S, T0), t1 = DoubleVector.broadcast(S, T1);
        DoubleVector t2 = DoubleVector.broadcast(S, T2), t3 = DoubleVector.broadcast(S, T3);
        DoubleVector t4 = DoubleVector.broadcast(S, T4), t5 = DoubleVector.broadcast(S, T5);
        DoubleVector t6 = DoubleVector.broadcast(S, T6), t7 = DoubleVector.broadcast(S, T7);
        DoubleVector t8 = DoubleVector.broadcast(S, T8), t9 = DoubleVector.broadcast(S, T9);
        DoubleVector t10 = DoubleVector.broadcast(S, T10);
        DoubleVector e0 = DoubleVector.broadcast(S, E0), e1 = DoubleVector.broadcast(S, E1);
        DoubleVector e2 = DoubleVector.broadcast(S, E2), e3 = DoubleVector.broadcast(S, E3);
        DoubleVector e4 = DoubleVector.broadcast(S, E4), e5 = DoubleVector.broadcast(S, E5);
        DoubleVector e6 = DoubleVector.broadcast(S, E6), e7 = DoubleVector.broadcast(S, E7);
        DoubleVector e8 = DoubleVector.broadcast(S, E8), e9 = DoubleVector.broadcast(S, E9);
        DoubleVector e10 = DoubleVector.broadcast(S, E10);
        DoubleVector invLn2 = DoubleVector.broadcast(S, INV_LN2);
        DoubleVector shift = DoubleVector.broadcast(S, SHIFT);
        DoubleVector mLn2Hi = DoubleVector.broadcast(S, -LN2_HI);
        DoubleVector mLn2Lo = DoubleVector.broadcast(S, -LN2_LO);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector two = DoubleVector.broadcast(S, 2.0);
        for (; i < upper; i += L) {
            DoubleVector x0 = DoubleVector.fromArray(S, x, i);
            DoubleVector a = x0.abs();
            // small branch: a + a^3 P(a^2)
            DoubleVector s = a.mul(a);
            DoubleVector p = s.fma(t10, t9);
            p = s.fma(p, t8);
            p = s.fma(p, t7);
            p = s.fma(p, t6);
            p = s.fma(p, t5);
            p = s.fma(p, t4);
            p = s.fma(p, t3);
            p = s.fma(p, t2);
            p = s.fma(p, t1);
            p = s.fma(p, t0);
            DoubleVector small = a.mul(s).fma(p, a);
            VectorMask<Double> useSmall = a.compare(VectorOperators.LT, POLY_LIMIT);
            DoubleVector res = small;
            if (!useSmall.allTrue()) { // a reservoir's activations often all lie below: then skip this branch
                // large branch: 1 - 2/(e^{2a} + 1)
                DoubleVector ac = a.min(CLAMP);
                DoubleVector y = ac.add(ac);
                DoubleVector kd = y.fma(invLn2, shift);
                LongVector ki = kd.reinterpretAsLongs();
                kd = kd.sub(shift);
                DoubleVector r = kd.fma(mLn2Hi, y);
                r = kd.fma(mLn2Lo, r);
                DoubleVector q = r.fma(e10, e9);
                q = r.fma(q, e8);
                q = r.fma(q, e7);
                q = r.fma(q, e6);
                q = r.fma(q, e5);
                q = r.fma(q, e4);
                q = r.fma(q, e3);
                q = r.fma(q, e2);
                q = r.fma(q, e1);
                q = r.fma(q, e0);
                DoubleVector t = r.mul(r).fma(q, r);
                DoubleVector scale = ki.lanewise(VectorOperators.LSHL, 52).add(ONE_BITS).reinterpretAsDoubles();
                DoubleVector sp1 = scale.add(one);
                DoubleVector d = scale.fma(t, sp1);
                DoubleVector dErr = scale.fma(t, sp1.sub(d));
                DoubleVector quo = two.div(d);
                DoubleVector rem = quo.neg().fma(d, two).sub(quo.mul(dErr));
                quo = rem.fma(quo.mul(0.5), quo);
                DoubleVector large = one.sub(quo);
                res = large.blend(small, useSmall);
            }
            LongVector sign = x0.reinterpretAsLongs().and(SIGN_BIT);
            res.reinterpretAsLongs().or(sign).reinterpretAsDoubles().intoArray(x, i);
        }
        FastTanh.tanhScalar(x, i, to);
    }

    /**
     * {@code tmp[i*24 + j] = sum_{r<kc} pi[iOff + 24r + i] * pj[jOff + 24r + j]}, i < 8, j < 24 (Gram: both operands in 24-wide panels).
     * Register-blocked 8 x 24 tile (three 8-lane vectors per row, 24 accumulators). Requires L == 8.
     * Same fused multiply-add chain per element as {@link GramKernels#scalarTile}. Row strides are
     * constants so that the JIT can remove the bounds checks from the loop.
     */
    static void gramTile8x24(double[] pi, int iOff, double[] pj, int jOff, int kc, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S), c02 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S), c12 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S), c22 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S), c32 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S), c42 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S), c52 = DoubleVector.zero(S);
        DoubleVector c60 = DoubleVector.zero(S), c61 = DoubleVector.zero(S), c62 = DoubleVector.zero(S);
        DoubleVector c70 = DoubleVector.zero(S), c71 = DoubleVector.zero(S), c72 = DoubleVector.zero(S);
        for (int r = 0; r < kc; r++) {
            int jb = jOff + r * 24;
            int ib = iOff + r * 24;
            DoubleVector b0 = DoubleVector.fromArray(S, pj, jb);
            DoubleVector b1 = DoubleVector.fromArray(S, pj, jb + 8);
            DoubleVector b2 = DoubleVector.fromArray(S, pj, jb + 16);
            DoubleVector a;
            a = DoubleVector.broadcast(S, pi[ib + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            a = DoubleVector.broadcast(S, pi[ib + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            a = DoubleVector.broadcast(S, pi[ib + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            a = DoubleVector.broadcast(S, pi[ib + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            a = DoubleVector.broadcast(S, pi[ib + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            c42 = a.fma(b2, c42);
            a = DoubleVector.broadcast(S, pi[ib + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            c52 = a.fma(b2, c52);
            a = DoubleVector.broadcast(S, pi[ib + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            c62 = a.fma(b2, c62);
            a = DoubleVector.broadcast(S, pi[ib + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            c72 = a.fma(b2, c72);
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, 8);
        c02.intoArray(tmp, 16);
        c10.intoArray(tmp, 24);
        c11.intoArray(tmp, 32);
        c12.intoArray(tmp, 40);
        c20.intoArray(tmp, 48);
        c21.intoArray(tmp, 56);
        c22.intoArray(tmp, 64);
        c30.intoArray(tmp, 72);
        c31.intoArray(tmp, 80);
        c32.intoArray(tmp, 88);
        c40.intoArray(tmp, 96);
        c41.intoArray(tmp, 104);
        c42.intoArray(tmp, 112);
        c50.intoArray(tmp, 120);
        c51.intoArray(tmp, 128);
        c52.intoArray(tmp, 136);
        c60.intoArray(tmp, 144);
        c61.intoArray(tmp, 152);
        c62.intoArray(tmp, 160);
        c70.intoArray(tmp, 168);
        c71.intoArray(tmp, 176);
        c72.intoArray(tmp, 184);
    }

    /**
     * {@code tmp[i*24 + j] = sum_{r<kc} pi[iOff + 8r + i] * pj[jOff + 24r + j]}, i < 8, j < 24 (cross product: broadcast operand in 8-wide panels).
     * Register-blocked 8 x 24 tile (three 8-lane vectors per row, 24 accumulators). Requires L == 8.
     * Same fused multiply-add chain per element as {@link GramKernels#scalarTile}. Row strides are
     * constants so that the JIT can remove the bounds checks from the loop.
     */
    static void crossTile8x24(double[] pi, int iOff, double[] pj, int jOff, int kc, double[] tmp) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S), c02 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S), c12 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S), c22 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S), c32 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S), c42 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S), c52 = DoubleVector.zero(S);
        DoubleVector c60 = DoubleVector.zero(S), c61 = DoubleVector.zero(S), c62 = DoubleVector.zero(S);
        DoubleVector c70 = DoubleVector.zero(S), c71 = DoubleVector.zero(S), c72 = DoubleVector.zero(S);
        for (int r = 0; r < kc; r++) {
            int jb = jOff + r * 24;
            int ib = iOff + r * 8;
            DoubleVector b0 = DoubleVector.fromArray(S, pj, jb);
            DoubleVector b1 = DoubleVector.fromArray(S, pj, jb + 8);
            DoubleVector b2 = DoubleVector.fromArray(S, pj, jb + 16);
            DoubleVector a;
            a = DoubleVector.broadcast(S, pi[ib + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            a = DoubleVector.broadcast(S, pi[ib + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            a = DoubleVector.broadcast(S, pi[ib + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            a = DoubleVector.broadcast(S, pi[ib + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            a = DoubleVector.broadcast(S, pi[ib + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            c42 = a.fma(b2, c42);
            a = DoubleVector.broadcast(S, pi[ib + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            c52 = a.fma(b2, c52);
            a = DoubleVector.broadcast(S, pi[ib + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            c62 = a.fma(b2, c62);
            a = DoubleVector.broadcast(S, pi[ib + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            c72 = a.fma(b2, c72);
        }
        c00.intoArray(tmp, 0);
        c01.intoArray(tmp, 8);
        c02.intoArray(tmp, 16);
        c10.intoArray(tmp, 24);
        c11.intoArray(tmp, 32);
        c12.intoArray(tmp, 40);
        c20.intoArray(tmp, 48);
        c21.intoArray(tmp, 56);
        c22.intoArray(tmp, 64);
        c30.intoArray(tmp, 72);
        c31.intoArray(tmp, 80);
        c32.intoArray(tmp, 88);
        c40.intoArray(tmp, 96);
        c41.intoArray(tmp, 104);
        c42.intoArray(tmp, 112);
        c50.intoArray(tmp, 120);
        c51.intoArray(tmp, 128);
        c52.intoArray(tmp, 136);
        c60.intoArray(tmp, 144);
        c61.intoArray(tmp, 152);
        c62.intoArray(tmp, 160);
        c70.intoArray(tmp, 168);
        c71.intoArray(tmp, 176);
        c72.intoArray(tmp, 184);
    }

    /** Sliced ELL product with C == L: one lane per row; see {@link EllMatrix#multiplyScalar}. */
    static void sellMultiply(int rows, int[] sliceStart, int[] colIdx, double[] values, double[] x, double[] y) {
        int slices = sliceStart.length - 1;
        int full = rows / L;
        for (int s = 0; s < slices; s++) {
            DoubleVector acc = DoubleVector.zero(S);
            int end = sliceStart[s + 1];
            for (int q = sliceStart[s]; q < end; q += L) {
                DoubleVector v = DoubleVector.fromArray(S, values, q);
                DoubleVector xv = DoubleVector.fromArray(S, x, 0, colIdx, q);
                acc = v.fma(xv, acc);
            }
            if (s < full) {
                acc.intoArray(y, s * L);
            } else {
                acc.intoArray(y, s * L, S.indexInRange(s * L, rows));
            }
        }
    }

    /**
     * Batched CSR product on interleaved blocks for lanes [from, to) in whole vectors; returns the first
     * lane left for the scalar code. Per output: fused multiply-add chain over the row in column order.
     */
    static int csrMultiplyBatch(int rows, int[] rowPtr, int[] col, double[] val, double[] x, double[] y,
            int batch, int from, int to) {
        int b = from;
        for (; b + 4 * L <= to; b += 4 * L) {
            for (int i = 0; i < rows; i++) {
                DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                int end = rowPtr[i + 1];
                for (int p = rowPtr[i]; p < end; p++) {
                    DoubleVector v = DoubleVector.broadcast(S, val[p]);
                    int o = col[p] * batch + b;
                    a0 = v.fma(DoubleVector.fromArray(S, x, o), a0);
                    a1 = v.fma(DoubleVector.fromArray(S, x, o + L), a1);
                    a2 = v.fma(DoubleVector.fromArray(S, x, o + 2 * L), a2);
                    a3 = v.fma(DoubleVector.fromArray(S, x, o + 3 * L), a3);
                }
                int yo = i * batch + b;
                a0.intoArray(y, yo);
                a1.intoArray(y, yo + L);
                a2.intoArray(y, yo + 2 * L);
                a3.intoArray(y, yo + 3 * L);
            }
        }
        for (; b + L <= to; b += L) {
            for (int i = 0; i < rows; i++) {
                DoubleVector a0 = DoubleVector.zero(S);
                int end = rowPtr[i + 1];
                for (int p = rowPtr[i]; p < end; p++) {
                    a0 = DoubleVector.broadcast(S, val[p]).fma(DoubleVector.fromArray(S, x, col[p] * batch + b), a0);
                }
                a0.intoArray(y, i * batch + b);
            }
        }
        return b;
    }

    /** CSR product, one row at a time: gathers of L entries into a vector accumulator, then a reduction. */
    static void csrMultiply(int rows, int[] rowPtr, int[] colIdx, double[] values, double[] x, double[] y) {
        for (int i = 0; i < rows; i++) {
            int p = rowPtr[i];
            int end = rowPtr[i + 1];
            double s = 0.0;
            if (end - p >= L) {
                DoubleVector acc = DoubleVector.fromArray(S, values, p).mul(DoubleVector.fromArray(S, x, 0, colIdx, p));
                for (p += L; p + L <= end; p += L) {
                    acc = DoubleVector.fromArray(S, values, p).fma(DoubleVector.fromArray(S, x, 0, colIdx, p), acc);
                }
                s = acc.reduceLanes(VectorOperators.ADD);
            }
            for (; p < end; p++) {
                s += values[p] * x[colIdx[p]];
            }
            y[i] = s;
        }
    }

    /** Dot product with four vector accumulators, then a lane reduction, then the tail. */
    static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int k = 0;
        for (; k + 4 * L <= n; k += 4 * L) {
            s0 = DoubleVector.fromArray(S, a, aOff + k).fma(DoubleVector.fromArray(S, b, bOff + k), s0);
            s1 = DoubleVector.fromArray(S, a, aOff + k + L).fma(DoubleVector.fromArray(S, b, bOff + k + L), s1);
            s2 = DoubleVector.fromArray(S, a, aOff + k + 2 * L).fma(DoubleVector.fromArray(S, b, bOff + k + 2 * L), s2);
            s3 = DoubleVector.fromArray(S, a, aOff + k + 3 * L).fma(DoubleVector.fromArray(S, b, bOff + k + 3 * L), s3);
        }
        for (; k + L <= n; k += L) {
            s0 = DoubleVector.fromArray(S, a, aOff + k).fma(DoubleVector.fromArray(S, b, bOff + k), s0);
        }
        double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; k < n; k++) {
            s = Math.fma(a[aOff + k], b[bOff + k], s);
        }
        return s;
    }

    /**
     * Batched product over a column-blocked CSR ({@code blocks} blocks of columns, block {@code c}'s row
     * pointers at {@code ptr[c*(rows+1) ..]}): for each group of 8L (then 4L, then L) lanes, the blocks are visited in
     * column order and each row's outputs are carried in registers through the block and stored in y
     * between blocks, so the part of x a block reads stays in the L1 cache. Same fused multiply-add chain
     * per output as {@link #csrMultiplyBatch}. Returns the first lane left for the scalar code.
     */
    static int blockedMultiplyBatch(int rows, int blocks, int[] ptr, int[] col, double[] val, double[] x,
            double[] y, int batch, int from, int to) {
        int b = from;
        int stride = rows + 1;
        for (; b + 8 * L <= to; b += 8 * L) {
            for (int c = 0; c < blocks; c++) {
                int pb = c * stride;
                for (int i = 0; i < rows; i++) {
                    int p = ptr[pb + i];
                    int end = ptr[pb + i + 1];
                    int yo = i * batch + b;
                    DoubleVector a0, a1, a2, a3, a4, a5, a6, a7;
                    if (c == 0) {
                        a0 = DoubleVector.zero(S);
                        a1 = a0;
                        a2 = a0;
                        a3 = a0;
                        a4 = a0;
                        a5 = a0;
                        a6 = a0;
                        a7 = a0;
                    } else {
                        if (p == end) {
                            continue;
                        }
                        a0 = DoubleVector.fromArray(S, y, yo);
                        a1 = DoubleVector.fromArray(S, y, yo + L);
                        a2 = DoubleVector.fromArray(S, y, yo + 2 * L);
                        a3 = DoubleVector.fromArray(S, y, yo + 3 * L);
                        a4 = DoubleVector.fromArray(S, y, yo + 4 * L);
                        a5 = DoubleVector.fromArray(S, y, yo + 5 * L);
                        a6 = DoubleVector.fromArray(S, y, yo + 6 * L);
                        a7 = DoubleVector.fromArray(S, y, yo + 7 * L);
                    }
                    for (; p < end; p++) {
                        DoubleVector v = DoubleVector.broadcast(S, val[p]);
                        int o = col[p] * batch + b;
                        a0 = v.fma(DoubleVector.fromArray(S, x, o), a0);
                        a1 = v.fma(DoubleVector.fromArray(S, x, o + L), a1);
                        a2 = v.fma(DoubleVector.fromArray(S, x, o + 2 * L), a2);
                        a3 = v.fma(DoubleVector.fromArray(S, x, o + 3 * L), a3);
                        a4 = v.fma(DoubleVector.fromArray(S, x, o + 4 * L), a4);
                        a5 = v.fma(DoubleVector.fromArray(S, x, o + 5 * L), a5);
                        a6 = v.fma(DoubleVector.fromArray(S, x, o + 6 * L), a6);
                        a7 = v.fma(DoubleVector.fromArray(S, x, o + 7 * L), a7);
                    }
                    a0.intoArray(y, yo);
                    a1.intoArray(y, yo + L);
                    a2.intoArray(y, yo + 2 * L);
                    a3.intoArray(y, yo + 3 * L);
                    a4.intoArray(y, yo + 4 * L);
                    a5.intoArray(y, yo + 5 * L);
                    a6.intoArray(y, yo + 6 * L);
                    a7.intoArray(y, yo + 7 * L);
                }
            }
        }
        for (; b + 4 * L <= to; b += 4 * L) {
            for (int c = 0; c < blocks; c++) {
                int pb = c * stride;
                for (int i = 0; i < rows; i++) {
                    int p = ptr[pb + i];
                    int end = ptr[pb + i + 1];
                    int yo = i * batch + b;
                    DoubleVector a0, a1, a2, a3;
                    if (c == 0) {
                        a0 = DoubleVector.zero(S);
                        a1 = a0;
                        a2 = a0;
                        a3 = a0;
                    } else {
                        if (p == end) {
                            continue;
                        }
                        a0 = DoubleVector.fromArray(S, y, yo);
                        a1 = DoubleVector.fromArray(S, y, yo + L);
                        a2 = DoubleVector.fromArray(S, y, yo + 2 * L);
                        a3 = DoubleVector.fromArray(S, y, yo + 3 * L);
                    }
                    for (; p < end; p++) {
                        DoubleVector v = DoubleVector.broadcast(S, val[p]);
                        int o = col[p] * batch + b;
                        a0 = v.fma(DoubleVector.fromArray(S, x, o), a0);
                        a1 = v.fma(DoubleVector.fromArray(S, x, o + L), a1);
                        a2 = v.fma(DoubleVector.fromArray(S, x, o + 2 * L), a2);
                        a3 = v.fma(DoubleVector.fromArray(S, x, o + 3 * L), a3);
                    }
                    a0.intoArray(y, yo);
                    a1.intoArray(y, yo + L);
                    a2.intoArray(y, yo + 2 * L);
                    a3.intoArray(y, yo + 3 * L);
                }
            }
        }
        for (; b + L <= to; b += L) {
            for (int c = 0; c < blocks; c++) {
                int pb = c * stride;
                for (int i = 0; i < rows; i++) {
                    int p = ptr[pb + i];
                    int end = ptr[pb + i + 1];
                    int yo = i * batch + b;
                    DoubleVector a0;
                    if (c == 0) {
                        a0 = DoubleVector.zero(S);
                    } else {
                        if (p == end) {
                            continue;
                        }
                        a0 = DoubleVector.fromArray(S, y, yo);
                    }
                    for (; p < end; p++) {
                        a0 = DoubleVector.broadcast(S, val[p]).fma(DoubleVector.fromArray(S, x, col[p] * batch + b), a0);
                    }
                    a0.intoArray(y, yo);
                }
            }
        }
        return b;
    }
}
