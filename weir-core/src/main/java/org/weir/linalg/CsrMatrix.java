package org.weir.linalg;

import java.util.Arrays;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) form: the non-zeros of row {@code i} are
 * {@code values[rowPtr[i] .. rowPtr[i+1])} at columns {@code colIdx[...]}, columns sorted within a row.
 *
 * <p>The product {@code y = A x} is the hot operation of every reservoir update; it is delegated to
 * {@link Kernels#csrMultiply}, the one place where that loop is written.
 */
public final class CsrMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] values;

    private CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
    }

    /**
     * Builds a CSR matrix from (row, col, value) triplets. Duplicated positions are summed; explicit
     * zeros are kept (they do not change any product).
     *
     * @param rows number of rows, at least 0
     * @param cols number of columns, at least 0
     * @param r row of each triplet (not modified)
     * @param c column of each triplet (not modified)
     * @param v value of each triplet (not modified)
     */
    public static CsrMatrix fromTriplets(int rows, int cols, int[] r, int[] c, double[] v) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "x" + cols);
        }
        if (r.length != c.length || r.length != v.length) {
            throw new IllegalArgumentException("triplet arrays differ in length: rows " + r.length
                    + ", cols " + c.length + ", values " + v.length);
        }
        int n = r.length;
        int[] count = new int[rows + 1];
        for (int k = 0; k < n; k++) {
            if (r[k] < 0 || r[k] >= rows || c[k] < 0 || c[k] >= cols) {
                throw new IllegalArgumentException("triplet " + k + " at (" + r[k] + ", " + c[k]
                        + ") lies outside a " + rows + "x" + cols + " matrix");
            }
            count[r[k] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            count[i + 1] += count[i];
        }
        int[] next = Arrays.copyOf(count, rows);
        int[] ci = new int[n];
        double[] cv = new double[n];
        for (int k = 0; k < n; k++) {
            int p = next[r[k]]++;
            ci[p] = c[k];
            cv[p] = v[k];
        }
        // sort each row by column (ties in triplet order: the key holds the position) and merge duplicates
        int[] outPtr = new int[rows + 1];
        int out = 0;
        long[] keys = new long[0];
        int[] rowCols = new int[0];
        double[] rowVals = new double[0];
        for (int i = 0; i < rows; i++) {
            int a = count[i];
            int b = count[i + 1];
            int len = b - a;
            if (keys.length < len) {
                keys = new long[len];
                rowCols = new int[len];
                rowVals = new double[len];
            }
            for (int k = 0; k < len; k++) {
                keys[k] = ((long) ci[a + k] << 32) | k;
            }
            Arrays.sort(keys, 0, len);
            int m = 0;
            for (int k = 0; k < len; k++) {
                int p = a + (int) keys[k];
                if (m > 0 && rowCols[m - 1] == ci[p]) {
                    rowVals[m - 1] += cv[p];
                } else {
                    rowCols[m] = ci[p];
                    rowVals[m] = cv[p];
                    m++;
                }
            }
            System.arraycopy(rowCols, 0, ci, out, m);
            System.arraycopy(rowVals, 0, cv, out, m);
            out += m;
            outPtr[i + 1] = out;
        }
        return new CsrMatrix(rows, cols, outPtr, Arrays.copyOf(ci, out), Arrays.copyOf(cv, out));
    }

    /** Builds a CSR matrix holding the non-zero entries of a dense row-major matrix. */
    public static CsrMatrix fromDense(double[][] a) {
        int rows = a.length;
        int cols = rows == 0 ? 0 : a[0].length;
        int nnz = 0;
        for (double[] row : a) {
            if (row.length != cols) {
                throw new IllegalArgumentException("ragged dense matrix: rows of length " + cols + " and " + row.length);
            }
            for (double x : row) {
                if (x != 0.0) {
                    nnz++;
                }
            }
        }
        int[] ptr = new int[rows + 1];
        int[] ci = new int[nnz];
        double[] cv = new double[nnz];
        int p = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (a[i][j] != 0.0) {
                    ci[p] = j;
                    cv[p] = a[i][j];
                    p++;
                }
            }
            ptr[i + 1] = p;
        }
        return new CsrMatrix(rows, cols, ptr, ci, cv);
    }

    /** Reassembles a matrix from its raw CSR arrays (copied), checking that they are consistent. */
    public static CsrMatrix fromCsr(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        if (rowPtr.length != rows + 1 || rowPtr[0] != 0 || rowPtr[rows] != colIdx.length
                || colIdx.length != values.length) {
            throw new IllegalArgumentException("inconsistent CSR arrays for a " + rows + "x" + cols + " matrix");
        }
        for (int i = 0; i < rows; i++) {
            if (rowPtr[i + 1] < rowPtr[i]) {
                throw new IllegalArgumentException("CSR row pointer decreases at row " + i);
            }
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                if (colIdx[p] < 0 || colIdx[p] >= cols || (p > rowPtr[i] && colIdx[p] <= colIdx[p - 1])) {
                    throw new IllegalArgumentException("CSR column index out of order or range at row " + i);
                }
            }
        }
        return new CsrMatrix(rows, cols, rowPtr.clone(), colIdx.clone(), values.clone());
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of stored entries. */
    public int nnz() {
        return values.length;
    }

    /** Copy of the row pointer array (length rows+1). */
    public int[] rowPtr() {
        return rowPtr.clone();
    }

    /** Copy of the column index array. */
    public int[] colIdx() {
        return colIdx.clone();
    }

    /** Copy of the value array. */
    public double[] values() {
        return values.clone();
    }

    // Shared, not copied, with other immutable formats of this package (never modified there).
    int[] rowPtrShared() {
        return rowPtr;
    }

    int[] colIdxShared() {
        return colIdx;
    }

    double[] valuesShared() {
        return values;
    }

    /** Entry (i, j), zero where nothing is stored. */
    public double get(int i, int j) {
        int a = rowPtr[i];
        int b = rowPtr[i + 1];
        int k = Arrays.binarySearch(colIdx, a, b, j);
        return k >= 0 ? values[k] : 0.0;
    }

    /**
     * {@code y = A x}.
     *
     * @param x input vector of length cols (not modified)
     * @param y output vector of length rows (modified); must not alias x
     */
    public void multiply(double[] x, double[] y) {
        Kernels.csrMultiply(rows, rowPtr, colIdx, values, x, y);
    }

    /** {@code y = A^T x}, with x of length rows and y of length cols (modified, must not alias x). */
    public void multiplyTransposed(double[] x, double[] y) {
        Arrays.fill(y, 0, cols, 0.0);
        for (int i = 0; i < rows; i++) {
            double xi = x[i];
            if (xi == 0.0) {
                continue;
            }
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                y[colIdx[p]] += values[p] * xi;
            }
        }
    }

    /** A new matrix {@code s A}. */
    public CsrMatrix scale(double s) {
        double[] v = values.clone();
        for (int k = 0; k < v.length; k++) {
            v[k] *= s;
        }
        return new CsrMatrix(rows, cols, rowPtr, colIdx, v);
    }

    /** A new matrix with every value rounded to the nearest single-precision float (stored as double). */
    public CsrMatrix roundedToFloat() {
        double[] v = values.clone();
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) v[k];
        }
        return new CsrMatrix(rows, cols, rowPtr, colIdx, v);
    }

    /** True when every value is exactly representable in single precision. */
    public boolean isFloatExact() {
        for (double v : values) {
            if ((double) (float) v != v) {
                return false;
            }
        }
        return true;
    }

    /** Dense row-major copy. */
    public double[][] toDense() {
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                d[i][colIdx[p]] = values[p];
            }
        }
        return d;
    }

    /** Largest number of stored entries in one row. */
    public int maxRowLength() {
        int m = 0;
        for (int i = 0; i < rows; i++) {
            m = Math.max(m, rowPtr[i + 1] - rowPtr[i]);
        }
        return m;
    }

    /** Squared Frobenius norm, the sum of squares of all entries. */
    public double frobeniusSquared() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return s;
    }

    @Override
    public String toString() {
        return "CsrMatrix[" + rows + "x" + cols + ", nnz=" + values.length + "]";
    }
}
