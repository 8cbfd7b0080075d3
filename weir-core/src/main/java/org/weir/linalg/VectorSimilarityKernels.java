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
import static org.weir.linalg.SimilarityKernels.BLOCK;
import static org.weir.linalg.SimilarityKernels.EXPF_LOW;
import static org.weir.linalg.SimilarityKernels.EXPF_ZERO;
import static org.weir.linalg.SimilarityKernels.F2;
import static org.weir.linalg.SimilarityKernels.F3;
import static org.weir.linalg.SimilarityKernels.F4;
import static org.weir.linalg.SimilarityKernels.F5;
import static org.weir.linalg.SimilarityKernels.F6;
import static org.weir.linalg.SimilarityKernels.F7;
import static org.weir.linalg.SimilarityKernels.LN2_HI_F;
import static org.weir.linalg.SimilarityKernels.LN2_LO_F;
import static org.weir.linalg.SimilarityKernels.LOG2E_F;
import static org.weir.linalg.SimilarityKernels.SHIFT_F;
import static org.weir.linalg.SimilarityKernels.SHIFT_F_BITS;
import static org.weir.linalg.SimilarityKernels.EXP_HIGH;
import static org.weir.linalg.SimilarityKernels.EXP_LOW;
import static org.weir.linalg.SimilarityKernels.SHIFT_BITS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of the {@link SimilarityKernels} loops (loaded only when {@link VectorSupport#ENABLED}):
 * the same fused multiply-add chains per score and the same partial sums, so results are bit-identical to
 * the scalar code. A panel of 8 keys is one vector of 8 doubles (AVX-512) or two of 4 (AVX2); four lane groups
 * are processed together so that each broadcast query element feeds four independent accumulators.
 */
final class VectorSimilarityKernels {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Vectors per panel: 1 (8 lanes) or 2 (4 lanes); 0 for other widths, which run the scalar kernels. */
    static final int V = L == BLOCK ? 1 : L == BLOCK / 2 ? 2 : 0;
    static final boolean SUPPORTED = V > 0;
    static final VectorSpecies<Float> FS = SUPPORTED
            ? VectorSpecies.of(float.class, VectorShape.forBitSize(L * Float.SIZE)) : null;

    private VectorSimilarityKernels() {
    }

    /** Offset in the panel array of lane group g (L consecutive keys) at key element 0. */
    private static int groupBase(int g, int k) {
        return (g / V) * (BLOCK * k) + (g % V) * L;
    }

    static double scores(double[] panels, int n, int k, double[] q, double[] scores) {
        int groups = (n + BLOCK - 1) / BLOCK * V;
        int fullGroups = n / L;
        DoubleVector maxv = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        int g = 0;
        for (; g + 3 < groups; g += 4) {
            int b0 = groupBase(g, k);
            int b1 = groupBase(g + 1, k);
            int b2 = groupBase(g + 2, k);
            int b3 = groupBase(g + 3, k);
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int j = 0; j < k; j++) {
                DoubleVector qj = DoubleVector.broadcast(S, q[j]);
                int o = j * BLOCK;
                a0 = DoubleVector.fromArray(S, panels, b0 + o).fma(qj, a0);
                a1 = DoubleVector.fromArray(S, panels, b1 + o).fma(qj, a1);
                a2 = DoubleVector.fromArray(S, panels, b2 + o).fma(qj, a2);
                a3 = DoubleVector.fromArray(S, panels, b3 + o).fma(qj, a3);
            }
            a0.intoArray(scores, g * L);
            a1.intoArray(scores, (g + 1) * L);
            a2.intoArray(scores, (g + 2) * L);
            a3.intoArray(scores, (g + 3) * L);
            if (g + 3 < fullGroups) {
                maxv = maxv.max(a0).max(a1).max(a2.max(a3));
            }
        }
        for (; g < groups; g++) {
            int b0 = groupBase(g, k);
            DoubleVector a0 = DoubleVector.zero(S);
            for (int j = 0; j < k; j++) {
                a0 = DoubleVector.fromArray(S, panels, b0 + j * BLOCK).fma(DoubleVector.broadcast(S, q[j]), a0);
            }
            a0.intoArray(scores, g * L);
        }
        return finishMax(maxv, scores, n, fullGroups);
    }

    static double scores(float[] panels, int n, int k, double[] q, double[] scores) {
        int groups = (n + BLOCK - 1) / BLOCK * V;
        int fullGroups = n / L;
        DoubleVector maxv = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        int g = 0;
        for (; g + 3 < groups; g += 4) {
            int b0 = groupBase(g, k);
            int b1 = groupBase(g + 1, k);
            int b2 = groupBase(g + 2, k);
            int b3 = groupBase(g + 3, k);
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int j = 0; j < k; j++) {
                DoubleVector qj = DoubleVector.broadcast(S, q[j]);
                int o = j * BLOCK;
                a0 = widen(panels, b0 + o).fma(qj, a0);
                a1 = widen(panels, b1 + o).fma(qj, a1);
                a2 = widen(panels, b2 + o).fma(qj, a2);
                a3 = widen(panels, b3 + o).fma(qj, a3);
            }
            a0.intoArray(scores, g * L);
            a1.intoArray(scores, (g + 1) * L);
            a2.intoArray(scores, (g + 2) * L);
            a3.intoArray(scores, (g + 3) * L);
            if (g + 3 < fullGroups) {
                maxv = maxv.max(a0).max(a1).max(a2.max(a3));
            }
        }
        for (; g < groups; g++) {
            int b0 = groupBase(g, k);
            DoubleVector a0 = DoubleVector.zero(S);
            for (int j = 0; j < k; j++) {
                a0 = widen(panels, b0 + j * BLOCK).fma(DoubleVector.broadcast(S, q[j]), a0);
            }
            a0.intoArray(scores, g * L);
        }
        return finishMax(maxv, scores, n, fullGroups);
    }

    static float scores(float[] panels, int n, int k, float[] q, float[] scores) {
        int groups = (n + BLOCK - 1) / BLOCK * V;
        int fullGroups = n / L;
        FloatVector maxv = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
        int g = 0;
        for (; g + 3 < groups; g += 4) {
            int b0 = groupBase(g, k);
            int b1 = groupBase(g + 1, k);
            int b2 = groupBase(g + 2, k);
            int b3 = groupBase(g + 3, k);
            FloatVector a0 = FloatVector.zero(FS);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int j = 0; j < k; j++) {
                FloatVector qj = FloatVector.broadcast(FS, q[j]);
                int o = j * BLOCK;
                a0 = FloatVector.fromArray(FS, panels, b0 + o).fma(qj, a0);
                a1 = FloatVector.fromArray(FS, panels, b1 + o).fma(qj, a1);
                a2 = FloatVector.fromArray(FS, panels, b2 + o).fma(qj, a2);
                a3 = FloatVector.fromArray(FS, panels, b3 + o).fma(qj, a3);
            }
            a0.intoArray(scores, g * L);
            a1.intoArray(scores, (g + 1) * L);
            a2.intoArray(scores, (g + 2) * L);
            a3.intoArray(scores, (g + 3) * L);
            if (g + 3 < fullGroups) {
                maxv = maxv.max(a0).max(a1).max(a2.max(a3));
            }
        }
        for (; g < groups; g++) {
            int b0 = groupBase(g, k);
            FloatVector a0 = FloatVector.zero(FS);
            for (int j = 0; j < k; j++) {
                a0 = FloatVector.fromArray(FS, panels, b0 + j * BLOCK).fma(FloatVector.broadcast(FS, q[j]), a0);
            }
            a0.intoArray(scores, g * L);
        }
        float m = maxv.reduceLanes(VectorOperators.MAX);
        for (int s = fullGroups / 4 * 4 * L; s < n; s++) {
            if (scores[s] > m) {
                m = scores[s];
            }
        }
        return m;
    }

    static void expWeights(float[] x, int n, float shift, float scale, double[] w, double[] sums) {
        FloatVector vShift = FloatVector.broadcast(FS, shift);
        FloatVector vScale = FloatVector.broadcast(FS, scale);
        FloatVector lo = FloatVector.broadcast(FS, EXPF_LOW);
        FloatVector zero = FloatVector.broadcast(FS, EXPF_ZERO);
        FloatVector log2e = FloatVector.broadcast(FS, LOG2E_F);
        FloatVector shiftC = FloatVector.broadcast(FS, SHIFT_F);
        FloatVector mLn2Hi = FloatVector.broadcast(FS, -LN2_HI_F);
        FloatVector mLn2Lo = FloatVector.broadcast(FS, -LN2_LO_F);
        FloatVector f2 = FloatVector.broadcast(FS, F2);
        FloatVector f3 = FloatVector.broadcast(FS, F3);
        FloatVector f4 = FloatVector.broadcast(FS, F4);
        FloatVector f5 = FloatVector.broadcast(FS, F5);
        FloatVector f6 = FloatVector.broadcast(FS, F6);
        FloatVector f7 = FloatVector.broadcast(FS, F7);
        FloatVector one = FloatVector.broadcast(FS, 1f);
        DoubleVector p0 = DoubleVector.zero(S);
        DoubleVector p1 = p0;
        DoubleVector q0 = p0;
        DoubleVector q1 = p0;
        int full = n / BLOCK * BLOCK;
        int g = 0;
        for (int s = 0; s < full; s += L, g++) {
            FloatVector z = FloatVector.fromArray(FS, x, s).sub(vShift).mul(vScale);
            FloatVector xc = z.max(lo);
            FloatVector kf = xc.fma(log2e, shiftC);
            IntVector k = kf.reinterpretAsInts().sub(SHIFT_F_BITS);
            kf = kf.sub(shiftC);
            FloatVector r = kf.fma(mLn2Hi, xc);
            r = kf.fma(mLn2Lo, r);
            FloatVector q = r.fma(f7, f6);
            q = r.fma(q, f5);
            q = r.fma(q, f4);
            q = r.fma(q, f3);
            q = r.fma(q, f2);
            FloatVector t = r.mul(r).fma(q, r);
            FloatVector scaleK = k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = t.add(one).mul(scaleK);
            VectorMask<Float> under = z.compare(VectorOperators.LT, zero);
            e = e.blend(0f, under);
            DoubleVector v = (DoubleVector) e.convertShape(VectorOperators.F2D, S, 0);
            v.intoArray(w, s);
            if (V == 1 || (g & 1) == 0) {
                p0 = p0.add(v);
                q0 = v.fma(v, q0);
            } else {
                p1 = p1.add(v);
                q1 = v.fma(v, q1);
            }
        }
        double total = 0;
        double sq = 0;
        if (full > 0) {
            total = combine(p0, p1);
            sq = combine(q0, q1);
        }
        for (int s = full; s < n; s++) {
            double v = SimilarityKernels.expf((x[s] - shift) * scale);
            w[s] = v;
            total += v;
            sq = Math.fma(v, v, sq);
        }
        sums[0] = total;
        sums[1] = sq;
    }

    private static DoubleVector widen(float[] a, int off) {
        return (DoubleVector) FloatVector.fromArray(FS, a, off).convertShape(VectorOperators.F2D, S, 0);
    }

    /** Max of the vector lanes (groups below a multiple of 4 that are full) and of the scores left over. */
    private static double finishMax(DoubleVector maxv, double[] scores, int n, int fullGroups) {
        double m = maxv.reduceLanes(VectorOperators.MAX);
        int from = fullGroups / 4 * 4 * L;
        for (int s = from; s < n; s++) {
            if (scores[s] > m) {
                m = scores[s];
            }
        }
        return m;
    }

    static void expWeights(double[] x, int n, double shift, double scale, double[] w, double[] sums) {
        DoubleVector vShift = DoubleVector.broadcast(S, shift);
        DoubleVector vScale = DoubleVector.broadcast(S, scale);
        DoubleVector lo = DoubleVector.broadcast(S, EXP_LOW);
        DoubleVector hi = DoubleVector.broadcast(S, EXP_HIGH);
        DoubleVector invLn2 = DoubleVector.broadcast(S, INV_LN2);
        DoubleVector shiftC = DoubleVector.broadcast(S, SHIFT);
        DoubleVector mLn2Hi = DoubleVector.broadcast(S, -LN2_HI);
        DoubleVector mLn2Lo = DoubleVector.broadcast(S, -LN2_LO);
        DoubleVector e0 = DoubleVector.broadcast(S, E0);
        DoubleVector e1 = DoubleVector.broadcast(S, E1);
        DoubleVector e2 = DoubleVector.broadcast(S, E2);
        DoubleVector e3 = DoubleVector.broadcast(S, E3);
        DoubleVector e4 = DoubleVector.broadcast(S, E4);
        DoubleVector e5 = DoubleVector.broadcast(S, E5);
        DoubleVector e6 = DoubleVector.broadcast(S, E6);
        DoubleVector e7 = DoubleVector.broadcast(S, E7);
        DoubleVector e8 = DoubleVector.broadcast(S, E8);
        DoubleVector e9 = DoubleVector.broadcast(S, E9);
        DoubleVector e10 = DoubleVector.broadcast(S, E10);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector p0 = DoubleVector.zero(S);
        DoubleVector p1 = p0;
        DoubleVector q0 = p0;
        DoubleVector q1 = p0;
        int full = n / BLOCK * BLOCK;
        int g = 0;
        for (int s = 0; s < full; s += L, g++) {
            DoubleVector z = DoubleVector.fromArray(S, x, s).sub(vShift).mul(vScale).max(lo).min(hi);
            DoubleVector kd = z.fma(invLn2, shiftC);
            LongVector k = kd.reinterpretAsLongs().sub(SHIFT_BITS);
            kd = kd.sub(shiftC);
            DoubleVector r = kd.fma(mLn2Hi, z);
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
            LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
            LongVector k2 = k.sub(k1);
            DoubleVector s1 = k1.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = k2.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector v = t.add(one).mul(s1).mul(s2);
            v.intoArray(w, s);
            if (V == 1 || (g & 1) == 0) {
                p0 = p0.add(v);
                q0 = v.fma(v, q0);
            } else {
                p1 = p1.add(v);
                q1 = v.fma(v, q1);
            }
        }
        double total = 0;
        double sq = 0;
        if (full > 0) {
            total = combine(p0, p1);
            sq = combine(q0, q1);
        }
        for (int s = full; s < n; s++) {
            double v = SimilarityKernels.exp((x[s] - shift) * scale);
            w[s] = v;
            total += v;
            sq = Math.fma(v, v, sq);
        }
        sums[0] = total;
        sums[1] = sq;
    }

    static void expWeightsGathered(double[] x, int[] index, int n, double shift, double scale, double[] w,
            double[] sums) {
        DoubleVector vShift = DoubleVector.broadcast(S, shift);
        DoubleVector vScale = DoubleVector.broadcast(S, scale);
        DoubleVector lo = DoubleVector.broadcast(S, EXP_LOW);
        DoubleVector hi = DoubleVector.broadcast(S, EXP_HIGH);
        DoubleVector invLn2 = DoubleVector.broadcast(S, INV_LN2);
        DoubleVector shiftC = DoubleVector.broadcast(S, SHIFT);
        DoubleVector mLn2Hi = DoubleVector.broadcast(S, -LN2_HI);
        DoubleVector mLn2Lo = DoubleVector.broadcast(S, -LN2_LO);
        DoubleVector e0 = DoubleVector.broadcast(S, E0);
        DoubleVector e1 = DoubleVector.broadcast(S, E1);
        DoubleVector e2 = DoubleVector.broadcast(S, E2);
        DoubleVector e3 = DoubleVector.broadcast(S, E3);
        DoubleVector e4 = DoubleVector.broadcast(S, E4);
        DoubleVector e5 = DoubleVector.broadcast(S, E5);
        DoubleVector e6 = DoubleVector.broadcast(S, E6);
        DoubleVector e7 = DoubleVector.broadcast(S, E7);
        DoubleVector e8 = DoubleVector.broadcast(S, E8);
        DoubleVector e9 = DoubleVector.broadcast(S, E9);
        DoubleVector e10 = DoubleVector.broadcast(S, E10);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector p0 = DoubleVector.zero(S);
        DoubleVector p1 = p0;
        DoubleVector q0 = p0;
        DoubleVector q1 = p0;
        int full = n / BLOCK * BLOCK;
        int g = 0;
        for (int s = 0; s < full; s += L, g++) {
            DoubleVector z = DoubleVector.fromArray(S, x, 0, index, s).sub(vShift).mul(vScale).max(lo).min(hi);
            DoubleVector kd = z.fma(invLn2, shiftC);
            LongVector k = kd.reinterpretAsLongs().sub(SHIFT_BITS);
            kd = kd.sub(shiftC);
            DoubleVector r = kd.fma(mLn2Hi, z);
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
            LongVector k1 = k.lanewise(VectorOperators.ASHR, 1);
            LongVector k2 = k.sub(k1);
            DoubleVector s1 = k1.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = k2.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector v = t.add(one).mul(s1).mul(s2);
            v.intoArray(w, s);
            if (V == 1 || (g & 1) == 0) {
                p0 = p0.add(v);
                q0 = v.fma(v, q0);
            } else {
                p1 = p1.add(v);
                q1 = v.fma(v, q1);
            }
        }
        double total = 0;
        double sq = 0;
        if (full > 0) {
            total = combine(p0, p1);
            sq = combine(q0, q1);
        }
        for (int s = full; s < n; s++) {
            double v = SimilarityKernels.exp((x[index[s]] - shift) * scale);
            w[s] = v;
            total += v;
            sq = Math.fma(v, v, sq);
        }
        sums[0] = total;
        sums[1] = sq;
    }

    /** ((p0+p1)+(p2+p3))+((p4+p5)+(p6+p7)) over the 8 partial sums held in one or two vectors. */
    private static double combine(DoubleVector a, DoubleVector b) {
        if (V == 1) {
            return ((a.lane(0) + a.lane(1)) + (a.lane(2) + a.lane(3))) + ((a.lane(4) + a.lane(5)) + (a.lane(6) + a.lane(7)));
        }
        if (V == 2) {
            return ((a.lane(0) + a.lane(1)) + (a.lane(2) + a.lane(3))) + ((b.lane(0) + b.lane(1)) + (b.lane(2) + b.lane(3)));
        }
        throw new IllegalStateException("unsupported vector length " + L); // SUPPORTED is false then
    }
}
