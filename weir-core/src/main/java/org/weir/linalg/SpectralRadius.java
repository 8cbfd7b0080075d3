package org.weir.linalg;

import java.util.SplittableRandom;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Spectral radius {@code rho(A) = max |lambda_i(A)|} of a square matrix.
 *
 * <p>Large sparse matrices use the Arnoldi process (Saad, "Numerical Methods for Large Eigenvalue
 * Problems", 2011, ch. 6): an orthonormal Krylov basis {@code V_m} of {@code span{v, Av, ..., A^{m-1}v}}
 * with {@code A V_m = V_m H_m + h_{m+1,m} v_{m+1} e_m^T}; the eigenvalues of the small Hessenberg
 * matrix {@code H_m} (Ritz values) approximate the outer eigenvalues of A. A factorization of 90 steps is
 * restarted implicitly (Sorensen 1992, as ARPACK does): the 60 unwanted Ritz values are applied as exact
 * shifts by implicit QR sweeps on {@code H_m} (Francis double shifts for complex pairs), which compresses the
 * factorization to the 30 steps that carry the wanted part of the spectrum with no product with A, and the
 * factorization is grown again, until the Ritz pair of largest modulus has a residual
 * {@code |h_{m+1,m}| |e_m^T y| <= tol |theta|}. The Ritz values come from {@link HessenbergEigenvalues} (EISPACK's
 * Hessenberg QR on the active block only): at m = 90 it takes a fraction of a millisecond where EJML's general
 * eigen-decomposition took 6-7 ms, which was half of the whole estimate at N=1000. Small matrices (and a Krylov space that
 * becomes invariant) are solved exactly with a dense eigen-decomposition.
 */
public final class SpectralRadius {
    /** Matrices up to this size are solved with the dense eigen-solver. */
    public static final int DENSE_LIMIT = 150;
    private static final int BASIS = 90;
    private static final int MAX_RESTARTS = 60;
    /** Largest size solved densely when the Arnoldi iteration does not converge. */
    public static final int DENSE_FALLBACK_LIMIT = 2000;

    private SpectralRadius() {
    }

    /** Spectral radius of a sparse square matrix: relative residual 1e-8 (eigenvalue error typically below 1e-10), deterministic. */
    public static double of(CsrMatrix a) {
        return of(a, 1e-8, 0x5EEDL);
    }

    /**
     * Spectral radius of a sparse square matrix.
     *
     * @param a the matrix (not modified)
     * @param tol relative residual tolerance of the dominant Ritz pair, in (0, 1)
     * @param seed seed of the random start vector
     */
    public static double of(CsrMatrix a, double tol, long seed) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("spectral radius needs a square matrix, got " + a.rows() + "x" + a.cols());
        }
        if (!(tol > 0 && tol < 1)) {
            throw new IllegalArgumentException("tol must be in (0, 1), got " + tol);
        }
        int n = a.rows();
        if (n == 0 || a.nnz() == 0) {
            return 0.0;
        }
        if (n <= DENSE_LIMIT) {
            return ofDense(a.toDense());
        }
        return arnoldi(a, tol, seed);
    }

    /** Spectral radius of a dense square matrix, exactly (up to rounding) by dense eigen-decomposition. */
    public static double ofDense(double[][] a) {
        int n = a.length;
        if (n == 0) {
            return 0.0;
        }
        DMatrixRMaj m = new DMatrixRMaj(a);
        return maxModulus(m);
    }

    private static double maxModulus(DMatrixRMaj m) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m.numRows, false);
        if (!eig.decompose(m.copy())) {
            throw new ArithmeticException("dense eigen-decomposition did not converge");
        }
        double best = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            best = Math.max(best, Math.hypot(c.real, c.imaginary));
        }
        return best;
    }

    private static double arnoldi(CsrMatrix a, double tol, long seed) {
        int n = a.rows();
        int m = Math.min(n - 1, BASIS);
        int wanted = Math.max(2, m / 3);
        EllMatrix ell = EllMatrix.of(a);
        double[] v = new double[(m + 1) * n]; // basis vectors v_0..v_m, row-major
        double[][] h = new double[m + 1][m];
        double[][] q = new double[m][m];
        double[] w = new double[n];
        double[] c = new double[m + 1];
        double[] f = new double[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble() - 0.5;
        }
        scaleRange(v, 0, n, 1.0 / Math.sqrt(Kernels.dot(v, 0, v, 0, n)));
        double last = Double.NaN;
        int k = 0; // length of the current Arnoldi factorization
        Halves halves = Halves.of(ell, n);
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            int steps = extend(ell, halves, v, h, n, k, m, w, c);
            if (steps < m) {
                // the Krylov space is invariant: the eigenvalues of H_steps are eigenvalues of A
                return ritzValues(h, steps)[2][0];
            }
            double[][] ritz = ritzValues(h, m);
            RitzPair top = dominantRitz(h, m, ritz[0][0], ritz[1][0]);
            double residual = h[m][m - 1] * top.lastComponentModulus;
            last = top.modulus;
            if (residual <= tol * Math.max(top.modulus, Double.MIN_NORMAL)) {
                return top.modulus;
            }
            int keep = Math.min(wanted, m - 1);
            if (ritz[1][keep] != 0 && ritz[1][keep] == -ritz[1][keep - 1]) {
                keep++; // do not split a complex-conjugate pair
            }
            implicitRestart(h, q, m, keep, ritz);
            // V_keep <- V_m Q[:, :keep]; residual f = v_keep+ beta_keep + v_m h_{m,m-1} sigma (Sorensen 1992)
            double beta = h[keep][keep - 1];
            double sigma = h[m][m - 1] * q[m - 1][keep - 1];
            java.util.Arrays.fill(f, 0.0);
            for (int j = 0; j < m; j++) {
                axpyRange(q[j][keep] * beta, v, j * n, f, n);
            }
            axpyRange(sigma, v, m * n, f, n);
            double[] nv = new double[keep * n];
            final int kept = keep;
            halves.run(() -> rotate(v, q, m, n, nv, 0, kept / 2), () -> rotate(v, q, m, n, nv, kept / 2, kept));
            System.arraycopy(nv, 0, v, 0, keep * n);
            double fn = Math.sqrt(Kernels.dot(f, 0, f, 0, n));
            for (int i = keep; i <= m; i++) {
                java.util.Arrays.fill(h[i], 0.0);
            }
            for (int i = 0; i < keep; i++) {
                java.util.Arrays.fill(h[i], keep, m, 0.0);
            }
            if (!(fn > 1e-14 * hessenbergNorm(h, keep))) {
                return ritzValues(h, keep)[2][0]; // the kept space is invariant
            }
            h[keep][keep - 1] = fn;
            for (int i = 0; i < n; i++) {
                v[keep * n + i] = f[i] / fn;
            }
            k = keep;
        }
        // Not converged: typical of many eigenvalues of (nearly) equal modulus, where no Ritz value is
        // dominant (a cycle, for instance). Up to DENSE_FALLBACK_LIMIT the dense solver settles it exactly;
        // beyond, the estimate (a Ritz value, in practice a slight under-estimate) is returned.
        if (n <= DENSE_FALLBACK_LIMIT) {
            return ofDense(a.toDense());
        }
        return last;
    }

    /**
     * Grows the Arnoldi factorization from length k to m (classical Gram-Schmidt with a second pass when the
     * first lost more than half of the norm, the DGKS criterion; "twice is enough", Giraud et al. 2005). Returns the length reached: less than m when the Krylov space became invariant.
     */
    private static int extend(EllMatrix a, Halves halves, double[] v, double[][] h, int n, int k, int m, double[] w,
            double[] c) {
        double[] x = new double[n];
        for (int j = k; j < m; j++) {
            System.arraycopy(v, j * n, x, 0, n);
            halves.multiply(a, x, w);
            double before = Kernels.dot(w, 0, w, 0, n);
            for (int pass = 0; pass < 2; pass++) {
                // a second pass only when the first cancelled much of w (Daniel, Gragg, Kaufman, Stewart 1976)
                if (pass == 1 && Kernels.dot(w, 0, w, 0, n) > 0.5 * before) {
                    break;
                }
                final int top = j;
                halves.run(() -> projections(w, v, n, c, 0, (top + 1) / 2), () -> projections(w, v, n, c, (top + 1) / 2, top + 1));
                for (int i = 0; i <= j; i++) {
                    h[i][j] += c[i];
                }
                int mid = halves.rowSplit;
                halves.run(() -> subtract(w, v, n, c, top, 0, mid), () -> subtract(w, v, n, c, top, mid, n));
            }
            double beta = Math.sqrt(Kernels.dot(w, 0, w, 0, n));
            h[j + 1][j] = beta;
            if (beta <= 1e-14 * hessenbergNorm(h, j + 1)) {
                return j + 1;
            }
            double inv = 1.0 / beta;
            int o = (j + 1) * n;
            for (int i = 0; i < n; i++) {
                v[o + i] = w[i] * inv;
            }
        }
        return m;
    }

    /** Columns [from, to) of {@code V_m Q}: {@code nv_col = sum_j q[j][col] v_j}, j in order. */
    private static void rotate(double[] v, double[][] q, int m, int n, double[] nv, int from, int to) {
        for (int j = 0; j < m; j++) {
            for (int col = from; col < to; col++) {
                double qc = q[j][col];
                if (qc != 0) {
                    axpyRange(qc, v, j * n, nv, col * n, n);
                }
            }
        }
    }

    /** {@code c[i] = w . v_i} for i in [from, to). */
    private static void projections(double[] w, double[] v, int n, double[] c, int from, int to) {
        for (int i = from; i < to; i++) {
            c[i] = Kernels.dot(w, 0, v, i * n, n);
        }
    }

    /** {@code w[r] -= sum_{i<=top} c[i] v_i[r]} for the rows r in [r0, r1), the basis vectors in order. */
    private static void subtract(double[] w, double[] v, int n, double[] c, int top, int r0, int r1) {
        for (int i = 0; i <= top; i++) {
            double ci = -c[i];
            int o = i * n;
            for (int r = r0; r < r1; r++) {
                w[r] += ci * v[o + r];
            }
        }
    }

    /**
     * Splits the work of each Arnoldi step in two halves, one for the calling thread and one for the common
     * fork-join pool, when the matrix is large enough for that to pay (every output is computed by the same
     * operations either way, so results do not depend on it): the product by slices of rows, the projections by
     * basis vectors, the update by rows.
     */
    private static final class Halves {
        /** Stored entries above which a product is split over two threads (~0.1 ms of work). */
        static final int PARALLEL_ENTRIES = 200_000;
        final boolean parallel;
        final int sliceSplit;
        final int rowSplit;

        private Halves(boolean parallel, int sliceSplit, int rowSplit) {
            this.parallel = parallel;
            this.sliceSplit = sliceSplit;
            this.rowSplit = rowSplit;
        }

        static Halves of(EllMatrix a, int n) {
            boolean parallel = a.storedEntries() >= PARALLEL_ENTRIES
                    && java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() > 0;
            // split the slices at half of the stored entries
            int slices = a.slices();
            int lo = 0;
            int hi = slices;
            long half = a.storedEntries() / 2;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a.storedEntriesBefore(mid) < half) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return new Halves(parallel, lo, n / 2);
        }

        void multiply(EllMatrix a, double[] x, double[] y) {
            if (!parallel) {
                a.multiply(x, y);
                return;
            }
            int slices = a.slices();
            run(() -> a.multiplySlices(x, y, 0, sliceSplit), () -> a.multiplySlices(x, y, sliceSplit, slices));
        }

        void run(Runnable first, Runnable second) {
            if (!parallel) {
                first.run();
                second.run();
                return;
            }
            java.util.concurrent.ForkJoinTask<?> other = java.util.concurrent.ForkJoinPool.commonPool().submit(second);
            first.run();
            other.join();
        }
    }

    /**
     * Applies the unwanted Ritz values {@code ritz[., keep..m)} as exact shifts to the m x m Hessenberg
     * {@code H} by implicit QR sweeps (Francis double shifts for complex-conjugate pairs, Givens sweeps for
     * real shifts): {@code H <- Q^T H Q}, with the orthogonal {@code Q} accumulated in {@code q}.
     */
    private static void implicitRestart(double[][] h, double[][] q, int m, int keep, double[][] ritz) {
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(q[i], 0.0);
            q[i][i] = 1.0;
        }
        for (int j = keep; j < m; j++) {
            double re = ritz[0][j];
            double im = ritz[1][j];
            if (im > 0 && j + 1 < m) {
                francisStep(h, q, m, 2 * re, re * re + im * im);
                j++; // its conjugate
            } else if (im == 0) {
                givensStep(h, q, m, re);
            } else {
                // a lone member of a conjugate pair (the other is wanted): shift by its real part
                givensStep(h, q, m, re);
            }
        }
        for (int i = 2; i < m; i++) {
            for (int j = 0; j < i - 1; j++) {
                h[i][j] = 0.0;
            }
        }
    }

    /** One implicit single-shift QR sweep with shift mu on the m x m Hessenberg h (bulge chasing). */
    private static void givensStep(double[][] h, double[][] q, int m, double mu) {
        double x = h[0][0] - mu;
        double y = h[1][0];
        for (int i = 0; i < m - 1; i++) {
            double r = Math.hypot(x, y);
            if (r == 0) {
                if (i < m - 2) {
                    x = h[i + 1][i];
                    y = h[i + 2][i];
                }
                continue;
            }
            double cs = x / r;
            double sn = y / r;
            for (int col = Math.max(0, i - 1); col < m; col++) {
                double t1 = h[i][col];
                double t2 = h[i + 1][col];
                h[i][col] = cs * t1 + sn * t2;
                h[i + 1][col] = -sn * t1 + cs * t2;
            }
            int rowEnd = Math.min(i + 2, m - 1);
            for (int row = 0; row <= rowEnd; row++) {
                double t1 = h[row][i];
                double t2 = h[row][i + 1];
                h[row][i] = cs * t1 + sn * t2;
                h[row][i + 1] = -sn * t1 + cs * t2;
            }
            for (int row = 0; row < m; row++) {
                double t1 = q[row][i];
                double t2 = q[row][i + 1];
                q[row][i] = cs * t1 + sn * t2;
                q[row][i + 1] = -sn * t1 + cs * t2;
            }
            if (i < m - 2) {
                x = h[i + 1][i];
                y = h[i + 2][i];
            }
        }
    }

    /**
     * One Francis double-shift sweep (Golub and Van Loan, Matrix Computations, Alg. 7.5.1) with the shifts
     * the roots of {@code z^2 - s z + t}: a real orthogonal similarity that applies a complex-conjugate pair.
     */
    private static void francisStep(double[][] h, double[][] q, int m, double s, double t) {
        double x = h[0][0] * h[0][0] + h[0][1] * h[1][0] - s * h[0][0] + t;
        double y = h[1][0] * (h[0][0] + h[1][1] - s);
        double z = h[1][0] * h[2][1];
        for (int k = 0; k < m - 2; k++) {
            double norm = Math.sqrt(x * x + y * y + z * z);
            if (norm > 0) {
                double alpha = x >= 0 ? -norm : norm;
                double v0 = x - alpha;
                double vv = v0 * v0 + y * y + z * z;
                double f2 = 2.0 / vv;
                for (int col = Math.max(0, k - 1); col < m; col++) {
                    double d = (v0 * h[k][col] + y * h[k + 1][col] + z * h[k + 2][col]) * f2;
                    h[k][col] -= d * v0;
                    h[k + 1][col] -= d * y;
                    h[k + 2][col] -= d * z;
                }
                int rowEnd = Math.min(k + 3, m - 1);
                for (int row = 0; row <= rowEnd; row++) {
                    double d = (h[row][k] * v0 + h[row][k + 1] * y + h[row][k + 2] * z) * f2;
                    h[row][k] -= d * v0;
                    h[row][k + 1] -= d * y;
                    h[row][k + 2] -= d * z;
                }
                for (int row = 0; row < m; row++) {
                    double d = (q[row][k] * v0 + q[row][k + 1] * y + q[row][k + 2] * z) * f2;
                    q[row][k] -= d * v0;
                    q[row][k + 1] -= d * y;
                    q[row][k + 2] -= d * z;
                }
            }
            x = h[k + 1][k];
            y = h[k + 2][k];
            if (k < m - 3) {
                z = h[k + 3][k];
            }
        }
        double r = Math.hypot(x, y);
        if (r > 0) {
            double cs = x / r;
            double sn = y / r;
            int i = m - 2;
            for (int col = Math.max(0, i - 1); col < m; col++) {
                double t1 = h[i][col];
                double t2 = h[i + 1][col];
                h[i][col] = cs * t1 + sn * t2;
                h[i + 1][col] = -sn * t1 + cs * t2;
            }
            for (int row = 0; row < m; row++) {
                double t1 = h[row][i];
                double t2 = h[row][i + 1];
                h[row][i] = cs * t1 + sn * t2;
                h[row][i + 1] = -sn * t1 + cs * t2;
                t1 = q[row][i];
                t2 = q[row][i + 1];
                q[row][i] = cs * t1 + sn * t2;
                q[row][i + 1] = -sn * t1 + cs * t2;
            }
        }
    }

    /** Eigenvalues of H_m as {real parts, imaginary parts, moduli}, sorted by decreasing modulus. */
    private static double[][] ritzValues(double[][] h, int m) {
        double[][] eig = HessenbergEigenvalues.of(h, m);
        double[] re = eig[0];
        double[] im = eig[1];
        int k = m;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> {
            int c = Double.compare(Math.hypot(re[y], im[y]), Math.hypot(re[x], im[x]));
            return c != 0 ? c : Double.compare(im[y], im[x]);
        });
        double[][] out = new double[3][k];
        for (int i = 0; i < k; i++) {
            out[0][i] = re[order[i]];
            out[1][i] = im[order[i]];
            out[2][i] = Math.hypot(out[0][i], out[1][i]);
        }
        return out;
    }

    private static double hessenbergNorm(double[][] h, int m) {
        double s = 0;
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j < m; j++) {
                s += h[i][j] * h[i][j];
            }
        }
        return Math.sqrt(s);
    }

    /** The Ritz pair for eigenvalue (re + i im) of H_m, with its normalized complex eigenvector. */
    private static RitzPair dominantRitz(double[][] h, int m, double re, double im) {
        double[][] y = inverseIteration(h, m, re, im);
        double lastComponent = Math.hypot(y[0][m - 1], y[1][m - 1]);
        return new RitzPair(Math.hypot(re, im), y, lastComponent);
    }

    /**
     * Eigenvector of the m x m upper Hessenberg H for the eigenvalue (re + i im), by two steps of
     * inverse iteration in complex arithmetic with Gaussian elimination (partial pivoting). Returned as
     * {real part, imaginary part}, normalized to unit 2-norm.
     */
    private static double[][] inverseIteration(double[][] h, int m, double re, double im) {
        double shiftRe = re + 1e-10 * Math.max(1.0, Math.hypot(re, im));
        double[] yr = new double[m];
        double[] yi = new double[m];
        java.util.Arrays.fill(yr, 1.0);
        for (int it = 0; it < 3; it++) {
            double[][] ar = new double[m][m];
            double[][] ai = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    ar[i][j] = h[i][j];
                }
                ar[i][i] -= shiftRe;
                ai[i][i] -= im;
            }
            double[] br = yr.clone();
            double[] bi = yi.clone();
            complexSolve(ar, ai, br, bi);
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += br[i] * br[i] + bi[i] * bi[i];
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0) || Double.isInfinite(norm)) {
                break;
            }
            for (int i = 0; i < m; i++) {
                yr[i] = br[i] / norm;
                yi[i] = bi[i] / norm;
            }
        }
        return new double[][] {yr, yi};
    }

    /**
     * Solves (A) y = b in place for an upper Hessenberg complex A = ar + i ai: Gaussian elimination with
     * partial pivoting between neighbouring rows keeps the triangular structure, so the cost is O(m^2).
     */
    private static void complexSolve(double[][] ar, double[][] ai, double[] br, double[] bi) {
        int m = br.length;
        for (int k = 0; k < m; k++) {
            int piv = k;
            double best = Math.hypot(ar[k][k], ai[k][k]);
            for (int i = k + 1; i < Math.min(m, k + 2); i++) {
                double mod = Math.hypot(ar[i][k], ai[i][k]);
                if (mod > best) {
                    best = mod;
                    piv = i;
                }
            }
            if (piv != k) {
                double[] t = ar[k]; ar[k] = ar[piv]; ar[piv] = t;
                t = ai[k]; ai[k] = ai[piv]; ai[piv] = t;
                double s = br[k]; br[k] = br[piv]; br[piv] = s;
                s = bi[k]; bi[k] = bi[piv]; bi[piv] = s;
            }
            double pr = ar[k][k];
            double pi = ai[k][k];
            if (pr == 0 && pi == 0) {
                pr = 1e-300;
            }
            double den = pr * pr + pi * pi;
            for (int i = k + 1; i < Math.min(m, k + 2); i++) {
                if (ar[i][k] == 0 && ai[i][k] == 0) {
                    continue;
                }
                // f = a[i][k] / a[k][k]
                double fr = (ar[i][k] * pr + ai[i][k] * pi) / den;
                double fi = (ai[i][k] * pr - ar[i][k] * pi) / den;
                for (int j = k; j < m; j++) {
                    ar[i][j] -= fr * ar[k][j] - fi * ai[k][j];
                    ai[i][j] -= fr * ai[k][j] + fi * ar[k][j];
                }
                br[i] -= fr * br[k] - fi * bi[k];
                bi[i] -= fr * bi[k] + fi * br[k];
            }
        }
        for (int k = m - 1; k >= 0; k--) {
            double sr = br[k];
            double si = bi[k];
            for (int j = k + 1; j < m; j++) {
                sr -= ar[k][j] * br[j] - ai[k][j] * bi[j];
                si -= ar[k][j] * bi[j] + ai[k][j] * br[j];
            }
            double pr = ar[k][k];
            double pi = ai[k][k];
            if (pr == 0 && pi == 0) {
                pr = 1e-300;
            }
            double den = pr * pr + pi * pi;
            br[k] = (sr * pr + si * pi) / den;
            bi[k] = (si * pr - sr * pi) / den;
        }
    }

    /** {@code y[0..n) += a x[xo..xo+n)}. */
    private static void axpyRange(double a, double[] x, int xo, double[] y, int n) {
        axpyRange(a, x, xo, y, 0, n);
    }

    /** {@code y[yo..yo+n) += a x[xo..xo+n)}. */
    private static void axpyRange(double a, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    private static void scaleRange(double[] x, int from, int n, double s) {
        for (int i = from; i < from + n; i++) {
            x[i] *= s;
        }
    }

    private record RitzPair(double modulus, double[][] vector, double lastComponentModulus) {
    }
}
