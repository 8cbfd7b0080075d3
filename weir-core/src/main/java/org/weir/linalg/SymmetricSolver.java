package org.weir.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Solves {@code A X = B} for symmetric positive semi-definite A (normal equations). Cholesky
 * ({@code A = L L^T}) first; when it fails or the estimated condition number exceeds 1e14 (ridge 0 on
 * collinear features), falls back to the symmetric eigen-decomposition {@code A = Q diag(s) Q^T} with
 * eigenvalues below {@code 1e-14 max(s)} treated as zero: the minimum-norm least-squares solution.
 */
public final class SymmetricSolver {
    /** Condition number above which Cholesky's answer is not trusted. */
    public static final double MAX_CONDITION = 1e14;

    private SymmetricSolver() {
    }

    /**
     * The result of a solve.
     *
     * @param solution X, n x k row-major
     * @param method "cholesky" or "eigen"
     * @param conditionEstimate estimated condition number of A (exact for the eigen path)
     */
    public record Result(double[] solution, String method, double conditionEstimate) {
    }

    /**
     * @param a symmetric n x n row-major (not modified)
     * @param b n x k row-major (not modified)
     */
    public static Result solve(double[] a, int n, double[] b, int k) {
        if (a.length != n * n || b.length != n * k) {
            throw new IllegalArgumentException("system shapes do not match: A " + a.length + " for n=" + n
                    + ", B " + b.length + " for k=" + k);
        }
        for (double v : a) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the normal equations hold a non-finite value: check the features "
                        + "for NaN or overflow");
            }
        }
        if (n == 0) {
            return new Result(new double[0], "cholesky", 1.0);
        }
        double[] l = a.clone();
        if (Cholesky.factorUpper(l, n)) {
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (int i = 0; i < n; i++) {
                double v = Math.abs(l[i * n + i]);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double cond = min > 0 ? (max / min) * (max / min) : Double.POSITIVE_INFINITY;
            if (cond <= MAX_CONDITION) {
                double[] x = b.clone();
                Cholesky.solveUpper(l, n, x, k);
                return new Result(x, "cholesky", cond);
            }
        }
        return eigenSolve(a, n, b, k);
    }

    private static Result eigenSolve(double[] a, int n, double[] b, int k) {
        DMatrixRMaj am = DMatrixRMaj.wrap(n, n, a.clone());
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(am)) {
            throw new ArithmeticException("the normal equations could not be solved: the symmetric "
                    + "eigen-decomposition did not converge (increase the ridge parameter)");
        }
        double smax = 0;
        for (int i = 0; i < n; i++) {
            smax = Math.max(smax, Math.abs(eig.getEigenvalue(i).real));
        }
        double cut = 1e-14 * smax;
        double smin = Double.POSITIVE_INFINITY;
        DMatrixRMaj bm = DMatrixRMaj.wrap(n, k, b);
        DMatrixRMaj x = new DMatrixRMaj(n, k);
        DMatrixRMaj qtb = new DMatrixRMaj(1, k);
        for (int i = 0; i < n; i++) {
            double s = eig.getEigenvalue(i).real;
            if (s <= cut) {
                continue;
            }
            smin = Math.min(smin, s);
            DMatrixRMaj q = eig.getEigenVector(i);
            CommonOps_DDRM.multTransA(q, bm, qtb);
            for (int r = 0; r < n; r++) {
                double qr = q.get(r, 0) / s;
                for (int c = 0; c < k; c++) {
                    x.data[r * k + c] += qr * qtb.data[c];
                }
            }
        }
        double cond = smin == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : smax / smin;
        return new Result(x.data, "eigen", cond);
    }
}
