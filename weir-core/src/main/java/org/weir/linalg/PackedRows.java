package org.weir.linalg;

/**
 * Writes streamed rows into the packed panel layout of {@link GramKernels#gramUpdateUpperPacked}, shifted by a
 * vector and with their column sums accumulated, in one pass (the shifted-data accumulation of the ridge
 * statistics, Chan, Golub and LeVeque 1979). Vectorized when the Vector API is in use; both paths give the same
 * bits (one subtraction and one addition per value).
 */
public final class PackedRows {
    private static final int W = GramKernels.NR;

    private PackedRows() {
    }

    /**
     * For {@code j < len}: {@code v = x[j] - shift[j]}, stored at {@code pk[(j / W) * stride + rowOffset + j % W]}
     * ({@code W = GramKernels.PANEL_WIDTH}), and {@code sum[j] += v}.
     *
     * @param x the row (first {@code len} values read)
     * @param shift subtracted from the row
     * @param sum column sums of the shifted values (modified)
     * @param pk packed chunk (modified)
     * @param rowOffset {@code row * PANEL_WIDTH} for the chunk row being written
     * @param stride values per panel ({@code chunkRows * PANEL_WIDTH})
     */
    public static void putShifted(double[] x, double[] shift, double[] sum, int len, double[] pk, int rowOffset,
            int stride) {
        long last = len == 0 ? -1 : (long) ((len - 1) / W) * stride + rowOffset + (len - 1) % W;
        if (len < 0 || x.length < len || shift.length < len || sum.length < len || rowOffset < 0
                || rowOffset + W > stride || last >= pk.length) {
            throw new IllegalArgumentException("packed row of " + len + " values at offset " + rowOffset + " (stride "
                    + stride + ") does not fit the arrays");
        }
        if (VectorSupport.ENABLED && PackedRowsVector.USABLE) {
            PackedRowsVector.putShifted(x, shift, sum, len, pk, rowOffset, stride);
        } else {
            putShiftedScalar(x, shift, sum, 0, len, pk, rowOffset, stride);
        }
    }

    /** The scalar twin, for columns {@code [from, len)} with {@code from} a multiple of the panel width. */
    static void putShiftedScalar(double[] x, double[] shift, double[] sum, int from, int len, double[] pk,
            int rowOffset, int stride) {
        int off = (from / W) * stride + rowOffset;
        for (int c0 = from; c0 < len; c0 += W, off += stride) {
            int w = Math.min(W, len - c0);
            for (int q = 0; q < w; q++) {
                double v = x[c0 + q] - shift[c0 + q];
                pk[off + q] = v;
                sum[c0 + q] += v;
            }
        }
    }
}
