package org.weir.linalg;

/**
 * The hot loops of Weir over primitive arrays: sparse mat-vec, dense mat-vec, dot, activation over
 * arrays, Gram and cross-product accumulation. Every other package calls these; none writes its own copy.
 *
 * <p>Where the Java Vector API is present ({@code --add-modules jdk.incubator.vector}, see
 * {@link VectorSupport}) the vectorized kernels of {@code VectorKernels} run; otherwise scalar twins run.
 * tanh and the Gram/cross micro-kernels give bit-identical results on both paths; dot and dense mat-vec
 * differ only by summation order (tested against the plain loops with forward-error bounds).
 * Sparse formats that vectorize better than CSR, and batched products, are in {@link EllMatrix}.
 */
public final class Kernels {
    private Kernels() {
    }

    /**
     * {@code y[i] = sum_p values[p] x[colIdx[p]]} for p in row i. Each row is summed in four interleaved
     * partial sums (entries p, p+4, ... go to the same one), combined as {@code (s0+s1)+(s2+s3)} plus the
     * leftover entries in order: this breaks the floating-point add dependency chain (1.1-1.4x faster than
     * the one-accumulator loop at N=1000, 10 % density; see SpmvBench) and changes results only by rounding.
     *
     * @param rows number of rows
     * @param rowPtr CSR row pointers (not modified)
     * @param colIdx CSR column indices (not modified)
     * @param values CSR values (not modified)
     * @param x input (not modified)
     * @param y output of length at least rows (modified); must not alias x
     */
    public static void csrMultiply(int rows, int[] rowPtr, int[] colIdx, double[] values, double[] x, double[] y) {
        csrMultiply4(rows, rowPtr, colIdx, values, x, y);
    }

    /** The plain one-accumulator CSR loop: the reference the fast kernels are tested against. */
    static void csrMultiplyReference(int rows, int[] rowPtr, int[] colIdx, double[] values, double[] x, double[] y) {
        for (int i = 0; i < rows; i++) {
            double s = 0.0;
            int end = rowPtr[i + 1];
            for (int p = rowPtr[i]; p < end; p++) {
                s += values[p] * x[colIdx[p]];
            }
            y[i] = s;
        }
    }

    /**
     * {@code y += A x} for a dense row-major matrix {@code A} (rows x cols) stored flat.
     *
     * @param a flat row-major matrix (not modified)
     * @param x input of length cols (not modified)
     * @param y accumulated output of length rows (modified)
     */
    public static void denseMultiplyAdd(double[] a, int rows, int cols, double[] x, double[] y) {
        if (VectorSupport.ENABLED && cols >= VECTOR_DOT_MIN) {
            for (int i = 0; i < rows; i++) {
                y[i] += VectorKernels.dot(a, i * cols, x, 0, cols);
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            double s = 0.0;
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                s += a[off + j] * x[j];
            }
            y[i] += s;
        }
    }

    /** Shortest length for which the vectorized dot product is used. */
    static final int VECTOR_DOT_MIN = 32;

    /**
     * Dot product of {@code a[aOff..aOff+n)} and {@code b[bOff..bOff+n)}: vectorized (four vector
     * partial sums, a lane reduction, then the tail) from {@value #VECTOR_DOT_MIN} elements on,
     * else one scalar sum in index order.
     */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        if (VectorSupport.ENABLED && n >= VECTOR_DOT_MIN) {
            return VectorKernels.dot(a, aOff, b, bOff, n);
        }
        return dotScalar(a, aOff, b, bOff, n);
    }

    static double dotScalar(double[] a, int aOff, double[] b, int bOff, int n) {
        double s = 0.0;
        for (int k = 0; k < n; k++) {
            s += a[aOff + k] * b[bOff + k];
        }
        return s;
    }

    /**
     * {@code a[i] = tanh(a[i])} for i in [from, to), within 1 ulp of the correctly rounded value and of
     * {@link FastTanh#tanh(double)} bit for bit (vectorized when the Vector API is present); see
     * {@link FastTanh} for the method and the measured error.
     *
     * @param a values (modified)
     */
    public static void tanhInPlace(double[] a, int from, int to) {
        FastTanh.tanhInPlace(a, from, to);
    }

    /**
     * {@code G := sym(upper(G) + A^T A)}, which is {@code G += A^T A} for a symmetric {@code G}: the
     * Gram matrix accumulation of ridge regression. Blocked, vectorized and multi-threaded over output
     * tiles; bit-identical for any thread count. See {@link GramKernels#gramUpdate}.
     *
     * @param block {@code A}, row-major {@code rows x cols} (not modified)
     * @param gram {@code G}, row-major {@code cols x cols}, symmetric (modified; full symmetric result)
     */
    public static void gramUpdate(double[] block, int rows, int cols, double[] gram) {
        GramKernels.gramUpdate(block, rows, cols, gram);
    }

    /**
     * {@code upper(G) += upper(A^T A)}, the lower triangle left as scratch: for repeated accumulation, completed
     * once by {@link #mirrorUpper}. See {@link GramKernels#gramUpdateUpper}.
     */
    public static void gramUpdateUpper(double[] block, int rows, int cols, double[] gram) {
        GramKernels.gramUpdateUpper(block, rows, cols, gram);
    }

    /** Copies the strict upper triangle of the row-major {@code n x n} matrix {@code g} into its lower triangle. */
    public static void mirrorUpper(double[] g, int n) {
        GramKernels.mirrorUpper(g, n);
    }

    /**
     * {@code C += A^T B} with {@code A} row-major {@code rows x colsA}, {@code B} row-major
     * {@code rows x colsB} and {@code C} row-major {@code colsA x colsB}. See {@link GramKernels#crossUpdate}.
     *
     * @param a not modified
     * @param b not modified
     * @param c modified
     */
    public static void crossUpdate(double[] a, int rows, int colsA, double[] b, int colsB, double[] c) {
        GramKernels.crossUpdate(a, rows, colsA, b, colsB, c);
    }

    /** CSR product with four partial sums per row (breaks the add dependency chain). */
    static void csrMultiply4(int rows, int[] rowPtr, int[] colIdx, double[] values, double[] x, double[] y) {
        for (int i = 0; i < rows; i++) {
            int p = rowPtr[i];
            int end = rowPtr[i + 1];
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            for (; p + 3 < end; p += 4) {
                s0 += values[p] * x[colIdx[p]];
                s1 += values[p + 1] * x[colIdx[p + 1]];
                s2 += values[p + 2] * x[colIdx[p + 2]];
                s3 += values[p + 3] * x[colIdx[p + 3]];
            }
            double s = (s0 + s1) + (s2 + s3);
            for (; p < end; p++) {
                s += values[p] * x[colIdx[p]];
            }
            y[i] = s;
        }
    }
}
