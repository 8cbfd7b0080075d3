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
 * matrix {@code H_m} (Ritz values) approximate the outer eigenvalues of A. The basis is grown (no
 * Arnoldi factorization of 90 steps is restarted from a start vector filtered by the exact-shift polynomial
 * {@code prod_j (A - theta_j I)} over the unwanted Ritz values (the explicit form of Sorensen's 1992
 * implicitly restarted Arnoldi, as in ARPACK), until the Ritz pair of largest modulus has a residual
 * {@code |h_{m+1,m}| |e_m^T y| <= tol |theta|}. Small matrices (and a Krylov space that
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
        int m = Math.min(n, BASIS);
        int wanted = Math.max(2, m / 5);
        double[][] v = new double[m + 1][n];
        double[][] h = new double[m + 1][m];
        double[] start = new double[n];
        double[] w = new double[n];
        double[] tmp = new double[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            start[i] = rnd.nextDouble() - 0.5;
        }
        double last = Double.NaN;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            normalize(start);
            System.arraycopy(start, 0, v[0], 0, n);
            for (double[] row : h) {
                java.util.Arrays.fill(row, 0.0);
            }
            int steps = 0;
            boolean invariant = false;
            while (steps < m) {
                a.multiply(v[steps], w);
                // Gram-Schmidt, twice, for numerical orthogonality ("twice is enough", Giraud et al. 2005)
                for (int pass = 0; pass < 2; pass++) {
                    for (int j = 0; j <= steps; j++) {
                        double c = Kernels.dot(w, 0, v[j], 0, n);
                        h[j][steps] += c;
                        axpy(-c, v[j], w);
                    }
                }
                double beta = Math.sqrt(Kernels.dot(w, 0, w, 0, n));
                h[steps + 1][steps] = beta;
                steps++;
                if (beta <= 1e-14 * hessenbergNorm(h, steps)) {
                    invariant = true;
                    break;
                }
                System.arraycopy(w, 0, v[steps], 0, n);
                scale(1.0 / beta, v[steps]);
            }
            double[][] ritz = ritzValues(h, steps);
            RitzPair top = dominantRitz(h, steps, ritz[0][0], ritz[1][0]);
            double residual = invariant ? 0.0 : h[steps][steps - 1] * top.lastComponentModulus;
            last = top.modulus;
            if (residual <= tol * Math.max(top.modulus, Double.MIN_NORMAL)) {
                return top.modulus;
            }
            // Exact-shift polynomial filter (the explicit form of Sorensen's 1992 implicit restart): damp the
            // unwanted Ritz values (all but the `wanted` of largest modulus) in the start vector.
            int keep = Math.min(wanted, steps);
            if (keep < steps && ritz[1][keep] != 0 && ritz[1][keep] == -ritz[1][keep - 1]) {
                keep++; // do not split a complex-conjugate pair
            }
            for (int j = keep; j < steps; j++) {
                double re = ritz[0][j];
                double im = ritz[1][j];
                if (im < 0) {
                    continue; // handled with its conjugate
                }
                if (im == 0) {
                    a.multiply(start, w);
                    axpy(-re, start, w);
                } else {
                    // (A - theta I)(A - conj(theta) I) v = A^2 v - 2 Re(theta) A v + |theta|^2 v
                    a.multiply(start, tmp);
                    a.multiply(tmp, w);
                    axpy(-2 * re, tmp, w);
                    axpy(re * re + im * im, start, w);
                }
                double norm = Math.sqrt(Kernels.dot(w, 0, w, 0, n));
                if (!(norm > 0)) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    start[i] = w[i] / norm;
                }
            }
        }
        // Not converged: typical of many eigenvalues of (nearly) equal modulus, where no Ritz value is
        // dominant (a cycle, for instance). Up to DENSE_FALLBACK_LIMIT the dense solver settles it exactly;
        // beyond, the estimate (a Ritz value, in practice a slight under-estimate) is returned.
        if (n <= DENSE_FALLBACK_LIMIT) {
            return ofDense(a.toDense());
        }
        return last;
    }

    /** Eigenvalues of H_m as {real parts, imaginary parts}, sorted by decreasing modulus. */
    private static double[][] ritzValues(double[][] h, int m) {
        DMatrixRMaj hm = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                hm.set(i, j, h[i][j]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, false);
        if (!eig.decompose(hm)) {
            throw new ArithmeticException("Hessenberg eigen-decomposition did not converge at m=" + m);
        }
        int k = eig.getNumberOfEigenvalues();
        Integer[] order = new Integer[k];
        double[] re = new double[k];
        double[] im = new double[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
            re[i] = eig.getEigenvalue(i).real;
            im[i] = eig.getEigenvalue(i).imaginary;
        }
        java.util.Arrays.sort(order, (x, y) -> {
            int c = Double.compare(Math.hypot(re[y], im[y]), Math.hypot(re[x], im[x]));
            return c != 0 ? c : Double.compare(im[y], im[x]);
        });
        double[][] out = new double[2][k];
        for (int i = 0; i < k; i++) {
            out[0][i] = re[order[i]];
            out[1][i] = im[order[i]];
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

    private static void normalize(double[] x) {
        double s = Math.sqrt(Kernels.dot(x, 0, x, 0, x.length));
        if (s == 0) {
            x[0] = 1.0;
            return;
        }
        scale(1.0 / s, x);
    }

    private static void scale(double s, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private record RitzPair(double modulus, double[][] vector, double lastComponentModulus) {
    }
}
