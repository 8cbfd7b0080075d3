package org.weir.linalg;

/**
 * Blocked Cholesky factorization {@code A = L L^T} of a symmetric positive definite matrix, in place
 * (right-looking, as LAPACK's {@code dpotrf}; Golub and Van Loan, Matrix Computations, sec. 4.2.9): for each
 * block column of width {@value #BLOCK}, the diagonal block is factored unblocked, the panel below it is solved
 * row by row against it, and the trailing matrix is downdated by {@code L21 L21^T} with the vectorized,
 * multi-threaded Gram kernel ({@link Kernels#gramUpdateUpper}), which carries almost all of the {@code n^3/3}
 * multiply-adds.
 */
public final class Cholesky {
    /** Width of a block column. */
    static final int BLOCK = 64;
    /** Width of a block row of {@link #factorUpper}. */
    static final int UPPER_BLOCK = 32;

    private Cholesky() {
    }

    /**
     * Overwrites the upper triangle (with the diagonal) of the row-major n x n {@code a} with U, {@code A = U^T U}
     * ({@code U = L^T}). Right-looking by block rows of width {@value #BLOCK}: each block row is finished row by row
     * with contiguous row operations (its diagonal block and the panel to its right together), then the trailing
     * upper triangle is downdated by {@code U12^T U12} straight from the rows of U through the packed Gram kernel
     * (no copy of the panel, no mirror). Reads only the upper triangle of A; the lower triangle is left with
     * unspecified values (scratch).
     *
     * @return false when A is not (numerically) positive definite: a pivot was not positive or not finite
     */
    public static boolean factorUpper(double[] a, int n) {
        return factorUpper(a, n, GramKernels.defaultThreads());
    }

    static boolean factorUpper(double[] a, int n, int threads) {
        return factorUpper(a, n, threads, UPPER_BLOCK);
    }

    static boolean factorUpper(double[] a, int n, int threads, int blockRows) {
        if (n < 0 || a.length < (long) n * n) {
            throw new IllegalArgumentException("matrix has " + a.length + " values, needs n*n = " + (long) n * n);
        }
        for (int k = 0; k < n; k += blockRows) {
            int b = Math.min(blockRows, n - k);
            for (int p = k; p < k + b; p++) {
                int rp = p * n;
                // row p of the block row: A[p][p..n) - sum_{k <= q < p} U[q][p] U[q][p..n), then / U[p][p]
                for (int q = k; q < p; q++) {
                    int rq = q * n;
                    double u = a[rq + p];
                    for (int j = p; j < n; j++) {
                        a[rp + j] -= u * a[rq + j];
                    }
                }
                double d = a[rp + p];
                if (!(d > 0) || !Double.isFinite(d)) {
                    return false;
                }
                double upp = Math.sqrt(d);
                a[rp + p] = upp;
                for (int j = p + 1; j < n; j++) {
                    a[rp + j] /= upp;
                }
            }
            int m = n - k - b;
            if (m > 0) {
                // A22 -= U12^T U12, U12 the b x m block of rows k.., columns k+b..
                GramKernels.syrkUpperSubtract(a, k * n + k + b, n, b, m, a, (k + b) * n + k + b, n, threads);
            }
        }
        return true;
    }

    /**
     * Solves {@code U^T U X = B} in place with the factor from {@link #factorUpper}: forward substitution with
     * {@code U^T} and backward with {@code U}, by rows of U (contiguous), for the n x k row-major B.
     */
    public static void solveUpper(double[] u, int n, double[] b, int k) {
        byColumns(n, b, k, col -> {
            // U^T y = b: y_i = b_i / U_ii, then b_j -= U_ij y_i for j > i
            for (int i = 0; i < n; i++) {
                int ri = i * n;
                double yi = col[i] / u[ri + i];
                col[i] = yi;
                for (int j = i + 1; j < n; j++) {
                    col[j] -= u[ri + j] * yi;
                }
            }
            // U x = y
            for (int i = n - 1; i >= 0; i--) {
                int ri = i * n;
                col[i] = (col[i] - Kernels.dot(u, ri + i + 1, col, i + 1, n - i - 1)) / u[ri + i];
            }
        });
    }

    /**
     * Overwrites the lower triangle (with the diagonal) of the row-major n x n {@code a} with L. The upper
     * triangle is not read and is left with unspecified values.
     *
     * @return false when A is not (numerically) positive definite: a pivot was not positive or not finite
     */
    public static boolean factor(double[] a, int n) {
        if (a.length < (long) n * n) {
            throw new IllegalArgumentException("matrix has " + a.length + " values, needs n*n = " + (long) n * n);
        }
        double[] panel = new double[0];
        double[] update = new double[0];
        for (int k = 0; k < n; k += BLOCK) {
            int b = Math.min(BLOCK, n - k);
            if (!factorDiagonalBlock(a, n, k, b)) {
                return false;
            }
            int m = n - k - b;
            if (m == 0) {
                break;
            }
            // panel: L21 = A21 L11^{-T}, one row at a time (rows are independent)
            for (int i = k + b; i < n; i++) {
                int ri = i * n;
                for (int j = k; j < k + b; j++) {
                    int rj = j * n;
                    double s = a[ri + j] - Kernels.dot(a, ri + k, a, rj + k, j - k);
                    a[ri + j] = s / a[rj + j];
                }
            }
            // trailing update A22 -= L21 L21^T through the Gram kernel on M = L21^T (b x m, row-major)
            if (panel.length < b * m) {
                panel = new double[b * m];
            }
            for (int i = 0; i < m; i++) {
                int ri = (k + b + i) * n + k;
                for (int p = 0; p < b; p++) {
                    panel[p * m + i] = a[ri + p];
                }
            }
            if (update.length < m * m) {
                update = new double[m * m];
            }
            java.util.Arrays.fill(update, 0, m * m, 0.0);
            Kernels.gramUpdateUpper(panel, b, m, update);
            // A22[i][j] -= U[j][i] for j <= i (U's upper triangle), in 32 x 32 tiles so both sides stay in cache
            for (int i0 = 0; i0 < m; i0 += 32) {
                int i1 = Math.min(m, i0 + 32);
                for (int j0 = 0; j0 <= i0; j0 += 32) {
                    for (int i = i0; i < i1; i++) {
                        int ri = (k + b + i) * n + k + b;
                        int jEnd = Math.min(j0 + 32, i + 1);
                        for (int j = j0; j < jEnd; j++) {
                            a[ri + j] -= update[j * m + i];
                        }
                    }
                }
            }
        }
        return true;
    }

    /** Unblocked Cholesky of the b x b diagonal block at (k, k), whose earlier columns are already applied. */
    private static boolean factorDiagonalBlock(double[] a, int n, int k, int b) {
        for (int j = k; j < k + b; j++) {
            int rj = j * n;
            double d = a[rj + j] - Kernels.dot(a, rj + k, a, rj + k, j - k);
            if (!(d > 0) || !Double.isFinite(d)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            a[rj + j] = ljj;
            for (int i = j + 1; i < k + b; i++) {
                int ri = i * n;
                a[ri + j] = (a[ri + j] - Kernels.dot(a, ri + k, a, rj + k, j - k)) / ljj;
            }
        }
        return true;
    }

    /**
     * Solves {@code L L^T X = B} in place with the factor from {@link #factor}: forward then backward
     * substitution, column by column of the n x k row-major B.
     */
    public static void solve(double[] l, int n, double[] b, int k) {
        byColumns(n, b, k, col -> {
            for (int i = 0; i < n; i++) {
                int ri = i * n;
                col[i] = (col[i] - Kernels.dot(l, ri, col, 0, i)) / l[ri + i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = col[i];
                for (int j = i + 1; j < n; j++) {
                    s -= l[j * n + i] * col[j];
                }
                col[i] = s / l[i * n + i];
            }
        });
    }

    /** Runs {@code solver} on each column of the n x k row-major B in turn (copied out, solved in place, copied back). */
    private static void byColumns(int n, double[] b, int k, java.util.function.Consumer<double[]> solver) {
        if (b.length < (long) n * k) {
            throw new IllegalArgumentException("right-hand side has " + b.length + " values, needs n*k = " + (long) n * k);
        }
        double[] col = new double[n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                col[i] = b[i * k + c];
            }
            solver.accept(col);
            for (int i = 0; i < n; i++) {
                b[i * k + c] = col[i];
            }
        }
    }
}
