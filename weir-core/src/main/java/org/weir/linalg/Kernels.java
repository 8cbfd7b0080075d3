package org.weir.linalg;

/**
 * The hot loops of Weir over primitive arrays: sparse mat-vec, dense mat-vec, activation over
 * arrays. Every other package calls these; none writes its own copy. Scalar reference versions;
 * vectorized variants are chosen here at start-up where they are proven equal within tested bounds.
 */
public final class Kernels {
    private Kernels() {
    }

    /**
     * {@code y[i] = sum_p values[p] x[colIdx[p]]} for p in row i.
     *
     * @param rows number of rows
     * @param rowPtr CSR row pointers (not modified)
     * @param colIdx CSR column indices (not modified)
     * @param values CSR values (not modified)
     * @param x input (not modified)
     * @param y output of length at least rows (modified); must not alias x
     */
    public static void csrMultiply(int rows, int[] rowPtr, int[] colIdx, double[] values, double[] x, double[] y) {
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
        for (int i = 0; i < rows; i++) {
            double s = 0.0;
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                s += a[off + j] * x[j];
            }
            y[i] += s;
        }
    }

    /** Dot product of {@code a[aOff..aOff+n)} and {@code b[bOff..bOff+n)}. */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double s = 0.0;
        for (int k = 0; k < n; k++) {
            s += a[aOff + k] * b[bOff + k];
        }
        return s;
    }

    /** {@code a[i] = tanh(a[i])} for i in [from, to), to within 1 ulp of {@link Math#tanh}. */
    public static void tanhInPlace(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = Math.tanh(a[i]);
        }
    }

    /**
     * {@code gram += block^T block}: the Gram update of a row-major block (rows x cols) into a full
     * symmetric cols x cols row-major matrix.
     *
     * @param block row-major data (not modified)
     * @param gram accumulated Gram matrix (modified)
     */
    public static void gramUpdate(double[] block, int rows, int cols, double[] gram) {
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            for (int i = 0; i < cols; i++) {
                double xi = block[off + i];
                if (xi == 0.0) {
                    continue;
                }
                int g = i * cols;
                for (int j = i; j < cols; j++) {
                    gram[g + j] += xi * block[off + j];
                }
            }
        }
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < i; j++) {
                gram[i * cols + j] = gram[j * cols + i];
            }
        }
    }

    /**
     * {@code c += a^T b} with a (rows x colsA) and b (rows x colsB) row-major, c (colsA x colsB) row-major.
     *
     * @param a not modified
     * @param b not modified
     * @param c modified
     */
    public static void crossUpdate(double[] a, int rows, int colsA, double[] b, int colsB, double[] c) {
        for (int r = 0; r < rows; r++) {
            int offA = r * colsA;
            int offB = r * colsB;
            for (int i = 0; i < colsA; i++) {
                double ai = a[offA + i];
                int g = i * colsB;
                for (int j = 0; j < colsB; j++) {
                    c[g + j] += ai * b[offB + j];
                }
            }
        }
    }
}
