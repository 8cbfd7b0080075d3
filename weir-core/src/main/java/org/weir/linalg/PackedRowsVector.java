package org.weir.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** Vector twin of {@link PackedRows#putShiftedScalar}; loaded only when {@link VectorSupport#ENABLED}. */
final class PackedRowsVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int W = GramKernels.NR;
    /** The panel width is a whole number of vectors. */
    static final boolean USABLE = W % S.length() == 0;

    private PackedRowsVector() {
    }

    static void putShifted(double[] x, double[] shift, double[] sum, int len, double[] pk, int rowOffset, int stride) {
        int l = S.length();
        int c0 = 0;
        int off = rowOffset;
        for (; c0 + W <= len; c0 += W, off += stride) {
            for (int q = 0; q < W; q += l) {
                DoubleVector v = DoubleVector.fromArray(S, x, c0 + q).sub(DoubleVector.fromArray(S, shift, c0 + q));
                v.intoArray(pk, off + q);
                DoubleVector.fromArray(S, sum, c0 + q).add(v).intoArray(sum, c0 + q);
            }
        }
        PackedRows.putShiftedScalar(x, shift, sum, c0, len, pk, rowOffset, stride);
    }
}
