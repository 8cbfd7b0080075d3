package org.weir.linalg;

/**
 * An immutable sparse matrix in sliced ELLPACK form (SELL-C with C = {@value #C}, rows kept in their
 * order; Kreutzer et al., "A unified sparse matrix data format for efficient general sparse
 * matrix-vector multiplication on modern processors with wide SIMD units", SIAM J. Sci. Comput. 2014).
 *
 * <p>Rows are grouped in slices of {@code C} consecutive rows. Slice {@code s} is padded to the length
 * {@code w_s} of its longest row and stored column-major: entry {@code k} of row {@code s*C + l} is at
 * {@code sliceStart[s] + k*C + l}. Padding entries hold the value 0 and repeat a column of their row (or
 * column 0 for an empty row), so for finite {@code x} they add exactly nothing. One vector lane then
 * serves one row: {@code y[slice] += values[k] * x[cols[k]]} is a gather and a fused multiply-add, with
 * no horizontal reduction.
 *
 * <p>Every row's sum is a fused multiply-add chain over its entries in increasing column order, the
 * same in the vectorized (gather) and in the scalar code, so all give bit-identical results (on this
 * machine the scalar code with eight rows in registers is the faster and is the one used); they differ from
 * {@link Kernels#csrMultiply} (separate multiply and add) only by rounding.
 *
 * <p>{@link #multiplyBatch} multiplies a block of {@code B} vectors stored interleaved
 * ({@code x[j*B + b]} is component {@code j} of vector {@code b}): B sequences advancing together read
 * each matrix entry once for all of them, with contiguous loads and no gathers.
 */
public final class EllMatrix {
    /** Slice height: rows per slice. */
    public static final int C = 8;

    private final int rows;
    private final int cols;
    private final int[] sliceStart; // length slices+1
    private final int[] colIdx;
    private final double[] values;
    // single-precision copy of values with 16-bit column indices (Precision.FLOAT32, cols <= 65536), else null
    private final float[] valuesF;
    private final char[] colIdxC;
    // when every full slice's eight rows share their columns: column k of slice s at sliceStart[s]/C + k, else null
    private final int[] sharedCols;
    // the CSR arrays of the source matrix, shared (immutable), for the scalar batched product
    private final int[] rowPtr;
    private final int[] csrCol;
    private final double[] csrVal;
    // column-blocked CSR for the batched product, built on first use (single-sequence users never pay for it)
    private volatile BlockedLayout blocked;

    /** The CSR entries regrouped by blocks of {@link #BATCH_COLUMN_BLOCK} columns. */
    private static final class BlockedLayout {
        final int blocks;
        final int[] blockPtr;
        final int[] blockCol;
        final double[] blockVal;

        BlockedLayout(int rows, int cols, int[] rowPtr, int[] csrCol, double[] csrVal) {
            this.blocks = Math.max(1, (cols + BATCH_COLUMN_BLOCK - 1) / BATCH_COLUMN_BLOCK);
            int stride = rows + 1;
            this.blockPtr = new int[blocks * stride];
            this.blockCol = new int[csrCol.length];
            this.blockVal = new double[csrVal.length];
            int q = 0;
            int[] cursor = rowPtr.clone();
            for (int c = 0; c < blocks; c++) {
                int limit = (c + 1) * BATCH_COLUMN_BLOCK;
                for (int i = 0; i < rows; i++) {
                    blockPtr[c * stride + i] = q;
                    while (cursor[i] < rowPtr[i + 1] && csrCol[cursor[i]] < limit) {
                        blockCol[q] = csrCol[cursor[i]];
                        blockVal[q] = csrVal[cursor[i]];
                        q++;
                        cursor[i]++;
                    }
                }
                blockPtr[c * stride + rows] = q;
            }
        }
    }

    private BlockedLayout blocked() {
        BlockedLayout b = blocked;
        if (b == null) {
            synchronized (this) {
                b = blocked;
                if (b == null) {
                    b = new BlockedLayout(rows, cols, rowPtr, csrCol, csrVal);
                    blocked = b;
                }
            }
        }
        return b;
    }

    /** Columns per block of the batched product: 64 columns of 64 lanes of x fill a 32 KiB L1 cache. */
    static final int BATCH_COLUMN_BLOCK = 64;

    private EllMatrix(int rows, int cols, int[] sliceStart, int[] colIdx, double[] values, float[] valuesF,
            char[] colIdxC, int[] rowPtr, int[] csrCol, double[] csrVal) {
        this.rows = rows;
        this.cols = cols;
        this.sliceStart = sliceStart;
        this.colIdx = colIdx;
        this.values = values;
        this.valuesF = valuesF;
        this.colIdxC = colIdxC;
        this.sharedCols = sharedColumns(rows, sliceStart, colIdx);
        this.rowPtr = rowPtr;
        this.csrCol = csrCol;
        this.csrVal = csrVal;
    }

    /** The same matrix as {@code csr}, in sliced ELL form. */
    public static EllMatrix of(CsrMatrix csr) {
        return of(csr, Precision.FLOAT64);
    }

    /**
     * The same matrix as {@code csr}, in sliced ELL form. With {@link Precision#FLOAT32} the values must
     * already be single-precision numbers ({@link CsrMatrix#roundedToFloat()}); they are then also kept as
     * 4-byte floats with 2-byte column indices (when there are at most 65536 columns), and
     * {@link #multiply} reads those: 6 bytes per stored entry instead of 12, with bit-identical results.
     *
     * @throws IllegalArgumentException for FLOAT32 when a value is not exactly a float
     */
    public static EllMatrix of(CsrMatrix csr, Precision precision) {
        if (precision == Precision.FLOAT32 && !csr.isFloatExact()) {
            throw new IllegalArgumentException("a FLOAT32 matrix needs single-precision values; round them first"
                    + " (CsrMatrix.roundedToFloat)");
        }
        int rows = csr.rows();
        int[] ptr = csr.rowPtrShared();
        int[] ci = csr.colIdxShared();
        double[] cv = csr.valuesShared();
        int slices = (rows + C - 1) / C;
        int[] start = new int[slices + 1];
        for (int s = 0; s < slices; s++) {
            int w = 0;
            for (int i = s * C; i < Math.min(rows, s * C + C); i++) {
                w = Math.max(w, ptr[i + 1] - ptr[i]);
            }
            start[s + 1] = start[s] + w * C;
        }
        int[] idx = new int[start[slices]];
        double[] val = new double[start[slices]];
        for (int s = 0; s < slices; s++) {
            int w = (start[s + 1] - start[s]) / C;
            for (int l = 0; l < C; l++) {
                int i = s * C + l;
                int len = i < rows ? ptr[i + 1] - ptr[i] : 0;
                int pad = len > 0 ? ci[ptr[i] + len - 1] : 0;
                for (int k = 0; k < w; k++) {
                    int q = start[s] + k * C + l;
                    if (k < len) {
                        idx[q] = ci[ptr[i] + k];
                        val[q] = cv[ptr[i] + k];
                    } else {
                        idx[q] = pad;
                        val[q] = 0.0;
                    }
                }
            }
        }
        float[] valF = null;
        char[] idxC = null;
        if (precision == Precision.FLOAT32 && csr.cols() <= NARROW_INDEX_LIMIT) {
            valF = new float[val.length];
            idxC = new char[idx.length];
            for (int q = 0; q < val.length; q++) {
                valF[q] = (float) val[q];
                idxC[q] = (char) idx[q];
            }
        }
        return new EllMatrix(rows, csr.cols(), start, idx, val, valF, idxC, ptr, ci, cv);
    }

    /**
     * The shared column lists when every full slice's {@value #C} rows have the same columns (as
     * {@code Topology.BLOCK_RANDOM} builds them), else null.
     */
    private static int[] sharedColumns(int rows, int[] sliceStart, int[] colIdx) {
        int full = rows / C;
        if (full == 0) {
            return null;
        }
        int[] cols = new int[sliceStart[full] / C];
        for (int s = 0; s < full; s++) {
            for (int q = sliceStart[s]; q < sliceStart[s + 1]; q += C) {
                int c = colIdx[q];
                for (int l = 1; l < C; l++) {
                    if (colIdx[q + l] != c) {
                        return null;
                    }
                }
                cols[q / C] = c;
            }
        }
        return cols;
    }

    /**
     * True when every full slice's {@value #C} rows have the same columns: {@link #multiply} then reads each
     * {@code x[j]} once per slice and multiplies the slice's eight weights with one vector fused multiply-add
     * (bit-identical results).
     */
    public boolean sharedColumns() {
        return sharedCols != null;
    }

    /** Largest column count whose indices fit the 16-bit unsigned indices of the FLOAT32 layout. */
    public static final int NARROW_INDEX_LIMIT = 1 << 16;

    /** The precision {@link #multiply} reads: FLOAT32 when the narrow single-precision layout is held. */
    public Precision precision() {
        return valuesF != null ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of non-zeros of the matrix (without padding). */
    public int nnz() {
        return csrVal.length;
    }

    /** Stored entries including padding: {@code sum_s C * w_s}. */
    public int storedEntries() {
        return values.length;
    }

    /**
     * {@code y = A x}.
     *
     * @param x input of length cols (not modified)
     * @param y output of length rows (modified); must not alias x
     */
    public void multiply(double[] x, double[] y) {
        if (x.length < cols || y.length < rows) {
            throw new IllegalArgumentException("x has length " + x.length + " (needs " + cols + "), y has length "
                    + y.length + " (needs " + rows + ")");
        }
        // The scalar kernel with the slice's eight rows in eight registers measured faster than the
        // Vector API gather (multiplyGather) on AMD Zen 4 with JDK 17 (SpmvBench); both give the same bits.
        multiplyRange(x, y, 0, slices());
    }

    private void multiplyRange(double[] x, double[] y, int sliceFrom, int sliceTo) {
        if (sharedCols != null && SHARED_KERNEL) {
            int mid = Math.max(sliceFrom, Math.min(sliceTo, rows / C));
            if (valuesF != null) {
                VectorSharedKernels.multiplyNarrow(sliceFrom, mid, sliceStart, sharedCols, valuesF, x, y);
            } else {
                VectorSharedKernels.multiply(sliceFrom, mid, sliceStart, sharedCols, values, x, y);
            }
            sliceFrom = mid;
        }
        if (valuesF != null) {
            multiplyNarrowUnrolled(x, y, sliceFrom, sliceTo);
        } else {
            multiplyScalarUnrolled(x, y, sliceFrom, sliceTo);
        }
    }

    /** Whether the shared-column vector kernel may run (vector module present, eight double lanes). */
    private static final boolean SHARED_KERNEL = VectorSupport.ENABLED && VectorSharedKernels.USABLE;

    /** Number of slices of {@value #C} rows. */
    public int slices() {
        return sliceStart.length - 1;
    }

    /** Stored entries (with padding) of slices {@code [0, slice)}: a cost measure for splitting work. */
    public int storedEntriesBefore(int slice) {
        return sliceStart[slice];
    }

    /**
     * Rows {@code [sliceFrom*C, min(rows, sliceTo*C))} of {@code y = A x}, with exactly the operations of
     * {@link #multiply} (bit-identical rows); other rows of y are not touched. Threads owning disjoint slice
     * ranges may call this concurrently.
     */
    public void multiplySlices(double[] x, double[] y, int sliceFrom, int sliceTo) {
        if (sliceFrom < 0 || sliceTo > slices() || sliceFrom > sliceTo) {
            throw new IllegalArgumentException("slices [" + sliceFrom + ", " + sliceTo + ") must lie in [0, "
                    + slices() + ")");
        }
        multiplyRange(x, y, sliceFrom, sliceTo);
    }

    /**
     * {@link #multiplyScalarUnrolled} over the single-precision values and 16-bit indices: each float widens
     * exactly to double before the fused multiply-add, so the result is bit-identical.
     */
    void multiplyNarrowUnrolled(double[] x, double[] y) {
        multiplyNarrowUnrolled(x, y, 0, sliceStart.length - 1);
    }

    private void multiplyNarrowUnrolled(double[] x, double[] y, int sliceFrom, int sliceTo) {
        float[] v = valuesF;
        char[] ci = colIdxC;
        int full = rows / C;
        for (int s = sliceFrom; s < sliceTo; s++) {
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            int end = sliceStart[s + 1];
            for (int q = sliceStart[s]; q < end; q += C) {
                a0 = Math.fma(v[q], x[ci[q]], a0);
                a1 = Math.fma(v[q + 1], x[ci[q + 1]], a1);
                a2 = Math.fma(v[q + 2], x[ci[q + 2]], a2);
                a3 = Math.fma(v[q + 3], x[ci[q + 3]], a3);
                a4 = Math.fma(v[q + 4], x[ci[q + 4]], a4);
                a5 = Math.fma(v[q + 5], x[ci[q + 5]], a5);
                a6 = Math.fma(v[q + 6], x[ci[q + 6]], a6);
                a7 = Math.fma(v[q + 7], x[ci[q + 7]], a7);
            }
            store(y, s * C, s < full, a0, a1, a2, a3, a4, a5, a6, a7);
        }
    }

    /** Writes a slice's eight sums (only the rows that exist, for the last partial slice). */
    private void store(double[] y, int o, boolean fullSlice, double a0, double a1, double a2, double a3, double a4,
            double a5, double a6, double a7) {
        if (fullSlice) {
            y[o] = a0;
            y[o + 1] = a1;
            y[o + 2] = a2;
            y[o + 3] = a3;
            y[o + 4] = a4;
            y[o + 5] = a5;
            y[o + 6] = a6;
            y[o + 7] = a7;
            return;
        }
        int n = rows - o;
        // partial last slice: at most seven rows, written without a temporary array
        y[o] = a0;
        if (n > 1) y[o + 1] = a1;
        if (n > 2) y[o + 2] = a2;
        if (n > 3) y[o + 3] = a3;
        if (n > 4) y[o + 4] = a4;
        if (n > 5) y[o + 5] = a5;
        if (n > 6) y[o + 6] = a6;
    }

    /** The vectorized (gather) twin of {@link #multiply}; bit-identical. Falls back to the scalar loop. */
    void multiplyGather(double[] x, double[] y) {
        if (VectorSupport.ENABLED && VectorKernels.L == C) {
            VectorKernels.sellMultiply(rows, sliceStart, colIdx, values, x, y);
        } else {
            multiplyScalar(x, y);
        }
    }

    /** Plain reference loop of the sliced-ELL product; bit-identical to the other two. */
    void multiplyScalar(double[] x, double[] y) {
        int slices = sliceStart.length - 1;
        double[] acc = new double[C];
        for (int s = 0; s < slices; s++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int q = sliceStart[s]; q < sliceStart[s + 1]; q += C) {
                for (int l = 0; l < C; l++) {
                    acc[l] = Math.fma(values[q + l], x[colIdx[q + l]], acc[l]);
                }
            }
            int n = Math.min(C, rows - s * C);
            System.arraycopy(acc, 0, y, s * C, n);
        }
    }

    /** Sliced-ELL product with the eight rows of a slice in eight local accumulators. */
    void multiplyScalarUnrolled(double[] x, double[] y) {
        multiplyScalarUnrolled(x, y, 0, sliceStart.length - 1);
    }

    private void multiplyScalarUnrolled(double[] x, double[] y, int sliceFrom, int sliceTo) {
        int full = rows / C;
        for (int s = sliceFrom; s < sliceTo; s++) {
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            int end = sliceStart[s + 1];
            for (int q = sliceStart[s]; q < end; q += C) {
                a0 = Math.fma(values[q], x[colIdx[q]], a0);
                a1 = Math.fma(values[q + 1], x[colIdx[q + 1]], a1);
                a2 = Math.fma(values[q + 2], x[colIdx[q + 2]], a2);
                a3 = Math.fma(values[q + 3], x[colIdx[q + 3]], a3);
                a4 = Math.fma(values[q + 4], x[colIdx[q + 4]], a4);
                a5 = Math.fma(values[q + 5], x[colIdx[q + 5]], a5);
                a6 = Math.fma(values[q + 6], x[colIdx[q + 6]], a6);
                a7 = Math.fma(values[q + 7], x[colIdx[q + 7]], a7);
            }
            store(y, s * C, s < full, a0, a1, a2, a3, a4, a5, a6, a7);
        }
    }

    /**
     * {@code Y = A X} for a block of {@code batch} vectors stored interleaved: {@code x[j*batch + b]},
     * {@code y[i*batch + b]}. Each output is a fused multiply-add chain over the row's entries in column
     * order (bit-identical to {@link #multiplyBatch(double[], double[], int, int, int)} on any lane range).
     *
     * @param x input block, length at least cols*batch (not modified)
     * @param y output block, length at least rows*batch (modified); must not alias x
     * @param batch number of vectors B, at least 1
     */
    public void multiplyBatch(double[] x, double[] y, int batch) {
        multiplyBatch(x, y, batch, 0, batch);
    }

    /**
     * As {@link #multiplyBatch(double[], double[], int)} for the vectors {@code b} in
     * {@code [laneFrom, laneTo)} only; other lanes of {@code y} are not touched. Threads that own disjoint
     * lane ranges may call this concurrently: B independent sequences then advance on many cores with no
     * synchronisation between them.
     */
    public void multiplyBatch(double[] x, double[] y, int batch, int laneFrom, int laneTo) {
        if (batch < 1 || laneFrom < 0 || laneTo > batch || laneFrom > laneTo) {
            throw new IllegalArgumentException("lanes [" + laneFrom + ", " + laneTo + ") must lie in [0, batch="
                    + batch + "), batch >= 1");
        }
        if (x.length < (long) cols * batch || y.length < (long) rows * batch) {
            throw new IllegalArgumentException("x has length " + x.length + " (needs cols*batch = "
                    + (long) cols * batch + "), y has length " + y.length + " (needs rows*batch = "
                    + (long) rows * batch + ")");
        }
        int b = laneFrom;
        if (VectorSupport.ENABLED) {
            BlockedLayout l = blocked();
            b = VectorKernels.blockedMultiplyBatch(rows, l.blocks, l.blockPtr, l.blockCol, l.blockVal, x, y, batch,
                    laneFrom, laneTo);
        }
        if (b < laneTo) {
            multiplyBatchScalar(x, y, batch, b, laneTo);
        }
    }

    /** The batched product without column blocking (row by row over the whole of x); same bits. */
    void multiplyBatchRowwise(double[] x, double[] y, int batch) {
        int b = 0;
        if (VectorSupport.ENABLED) {
            b = VectorKernels.csrMultiplyBatch(rows, rowPtr, csrCol, csrVal, x, y, batch, 0, batch);
        }
        if (b < batch) {
            multiplyBatchScalar(x, y, batch, b, batch);
        }
    }

    void multiplyBatchScalar(double[] x, double[] y, int batch, int laneFrom, int laneTo) {
        for (int i = 0; i < rows; i++) {
            int yo = i * batch;
            for (int b = laneFrom; b < laneTo; b++) {
                double s = 0.0;
                for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                    s = Math.fma(csrVal[p], x[csrCol[p] * batch + b], s);
                }
                y[yo + b] = s;
            }
        }
    }

    @Override
    public String toString() {
        return "EllMatrix[" + rows + "x" + cols + ", nnz=" + nnz() + ", stored=" + values.length + "]";
    }
}
