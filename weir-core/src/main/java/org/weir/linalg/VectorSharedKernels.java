package org.weir.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector kernels of the sliced-ELL product for slices whose eight rows share their columns
 * ({@link EllMatrix#sharedColumns()}): per stored column, one scalar {@code x[j]} broadcast and one eight-lane
 * fused multiply-add against the slice's eight weights, with no gather. Four slices of equal width advance in
 * lock step so four independent accumulator chains hide the fused multiply-add latency. Every row is still one
 * fused multiply-add chain over its entries in column order starting from 0, so the results are bit-identical
 * to {@link EllMatrix#multiplyScalarUnrolled}. Loaded only when {@link VectorSupport#ENABLED} and the preferred
 * double vector has eight lanes ({@link #USABLE}).
 */
final class VectorSharedKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    /** True when the preferred double vector is 512 bits (eight lanes, one per row of a slice). */
    static final boolean USABLE = DoubleVector.SPECIES_PREFERRED.length() == EllMatrix.C;

    private VectorSharedKernels() {
    }

    /**
     * Rows of full slices {@code [s0, s1)} of {@code y = A x}; {@code cols[sliceStart[s]/8 + k]} is column k of
     * slice s, {@code values[sliceStart[s] + 8k + l]} the weight of its row l.
     */
    static void multiply(int s0, int s1, int[] sliceStart, int[] cols, double[] values, double[] x, double[] y) {
        int s = s0;
        for (; s + 4 <= s1; s += 4) {
            int q0 = sliceStart[s];
            int q1 = sliceStart[s + 1];
            int q2 = sliceStart[s + 2];
            int q3 = sliceStart[s + 3];
            int w = q1 - q0;
            if (q2 - q1 != w || q3 - q2 != w || sliceStart[s + 4] - q3 != w) {
                break; // unequal widths: the rest one slice at a time
            }
            DoubleVector a0 = DoubleVector.zero(D), a1 = a0, a2 = a0, a3 = a0;
            int c0 = q0 >> 3, c1 = q1 >> 3, c2 = q2 >> 3, c3 = q3 >> 3;
            int k8 = w >> 3;
            for (int k = 0; k < k8; k++) {
                int o = k << 3;
                a0 = DoubleVector.fromArray(D, values, q0 + o).fma(DoubleVector.broadcast(D, x[cols[c0 + k]]), a0);
                a1 = DoubleVector.fromArray(D, values, q1 + o).fma(DoubleVector.broadcast(D, x[cols[c1 + k]]), a1);
                a2 = DoubleVector.fromArray(D, values, q2 + o).fma(DoubleVector.broadcast(D, x[cols[c2 + k]]), a2);
                a3 = DoubleVector.fromArray(D, values, q3 + o).fma(DoubleVector.broadcast(D, x[cols[c3 + k]]), a3);
            }
            a0.intoArray(y, s << 3);
            a1.intoArray(y, (s + 1) << 3);
            a2.intoArray(y, (s + 2) << 3);
            a3.intoArray(y, (s + 3) << 3);
        }
        for (; s < s1; s++) {
            int q0 = sliceStart[s];
            int c0 = q0 >> 3;
            int k8 = (sliceStart[s + 1] - q0) >> 3;
            DoubleVector a0 = DoubleVector.zero(D);
            for (int k = 0; k < k8; k++) {
                a0 = DoubleVector.fromArray(D, values, q0 + (k << 3)).fma(DoubleVector.broadcast(D, x[cols[c0 + k]]), a0);
            }
            a0.intoArray(y, s << 3);
        }
    }

    /** {@link #multiply} over single-precision weights, each widened exactly to double before its fused multiply-add. */
    static void multiplyNarrow(int s0, int s1, int[] sliceStart, int[] cols, float[] values, double[] x, double[] y) {
        int s = s0;
        for (; s + 4 <= s1; s += 4) {
            int q0 = sliceStart[s];
            int q1 = sliceStart[s + 1];
            int q2 = sliceStart[s + 2];
            int q3 = sliceStart[s + 3];
            int w = q1 - q0;
            if (q2 - q1 != w || q3 - q2 != w || sliceStart[s + 4] - q3 != w) {
                break;
            }
            DoubleVector a0 = DoubleVector.zero(D), a1 = a0, a2 = a0, a3 = a0;
            int c0 = q0 >> 3, c1 = q1 >> 3, c2 = q2 >> 3, c3 = q3 >> 3;
            int k8 = w >> 3;
            for (int k = 0; k < k8; k++) {
                int o = k << 3;
                a0 = widen(values, q0 + o).fma(DoubleVector.broadcast(D, x[cols[c0 + k]]), a0);
                a1 = widen(values, q1 + o).fma(DoubleVector.broadcast(D, x[cols[c1 + k]]), a1);
                a2 = widen(values, q2 + o).fma(DoubleVector.broadcast(D, x[cols[c2 + k]]), a2);
                a3 = widen(values, q3 + o).fma(DoubleVector.broadcast(D, x[cols[c3 + k]]), a3);
            }
            a0.intoArray(y, s << 3);
            a1.intoArray(y, (s + 1) << 3);
            a2.intoArray(y, (s + 2) << 3);
            a3.intoArray(y, (s + 3) << 3);
        }
        for (; s < s1; s++) {
            int q0 = sliceStart[s];
            int c0 = q0 >> 3;
            int k8 = (sliceStart[s + 1] - q0) >> 3;
            DoubleVector a0 = DoubleVector.zero(D);
            for (int k = 0; k < k8; k++) {
                a0 = widen(values, q0 + (k << 3)).fma(DoubleVector.broadcast(D, x[cols[c0 + k]]), a0);
            }
            a0.intoArray(y, s << 3);
        }
    }

    private static DoubleVector widen(float[] values, int q) {
        return (DoubleVector) FloatVector.fromArray(F, values, q).convertShape(VectorOperators.F2D, D, 0);
    }
}
