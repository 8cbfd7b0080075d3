package org.weir.linalg;

/**
 * Eigenvalues of a real upper Hessenberg matrix by the Francis double-shift QR algorithm with deflation (the
 * EISPACK routine {@code hqr}: Martin, Peters and Wilkinson, "The QR algorithm for real Hessenberg matrices", Numer.
 * Math. 14, 1970; with the exceptional shifts of JAMA's {@code hqr2}). Only the active diagonal block is updated
 * (no Schur vectors, no full Schur form), so an m x m matrix costs about {@code 10 m^3} flops at most: the Ritz
 * values of an Arnoldi factorization ({@link SpectralRadius}) in a fraction of a millisecond at m = 90, where a
 * general eigen-decomposition that first reduces to Hessenberg form and keeps the whole matrix took several.
 */
final class HessenbergEigenvalues {
    /** QR sweeps allowed per eigenvalue before giving up (EISPACK allows 30 per eigenvalue too). */
    private static final int MAX_SWEEPS_PER_EIGENVALUE = 30;

    private HessenbergEigenvalues() {
    }

    /**
     * The eigenvalues of the leading m x m block of {@code h} (upper Hessenberg: entries below the first
     * subdiagonal are ignored).
     *
     * @param h the matrix, rows of length at least m (not modified)
     * @param m order, at least 1
     * @return {real parts, imaginary parts}; complex-conjugate pairs are adjacent, the one with positive imaginary
     *     part first, with bit-identical real parts and opposite imaginary parts
     * @throws ArithmeticException if the iteration does not converge
     */
    static double[][] of(double[][] h, int m) {
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = Math.max(0, i - 1); j < m; j++) {
                a[i][j] = h[i][j];
            }
        }
        double[] re = new double[m];
        double[] im = new double[m];
        solve(a, m, re, im);
        return new double[][] {re, im};
    }

    /** EISPACK hqr on {@code a} (destroyed), eigenvalues into re/im. */
    private static void solve(double[][] a, int nn, double[] re, double[] im) {
        final double eps = Math.ulp(1.0);
        double norm = 0.0;
        for (int i = 0; i < nn; i++) {
            for (int j = Math.max(i - 1, 0); j < nn; j++) {
                norm += Math.abs(a[i][j]);
            }
        }
        int n = nn - 1;
        double exshift = 0.0;
        int iter = 0;
        int total = 0;
        double p = 0;
        double q = 0;
        double r = 0;
        double s;
        double z = 0;
        double w;
        double x;
        double y;
        while (n >= 0) {
            // look for a single small subdiagonal element
            int l = n;
            while (l > 0) {
                s = Math.abs(a[l - 1][l - 1]) + Math.abs(a[l][l]);
                if (s == 0.0) {
                    s = norm;
                }
                if (Math.abs(a[l][l - 1]) < eps * s) {
                    break;
                }
                l--;
            }
            if (l == n) { // one root
                re[n] = a[n][n] + exshift;
                im[n] = 0.0;
                n--;
                iter = 0;
            } else if (l == n - 1) { // two roots
                w = a[n][n - 1] * a[n - 1][n];
                p = (a[n - 1][n - 1] - a[n][n]) / 2.0;
                q = p * p + w;
                z = Math.sqrt(Math.abs(q));
                x = a[n][n] + exshift;
                if (q >= 0) { // a real pair
                    z = p >= 0 ? p + z : p - z;
                    re[n - 1] = x + z;
                    re[n] = z != 0.0 ? x - w / z : x + z;
                    im[n - 1] = 0.0;
                    im[n] = 0.0;
                } else { // a complex-conjugate pair
                    re[n - 1] = x + p;
                    re[n] = x + p;
                    im[n - 1] = z;
                    im[n] = -z;
                }
                n -= 2;
                iter = 0;
            } else {
                if (++total > MAX_SWEEPS_PER_EIGENVALUE * nn) {
                    throw new ArithmeticException("Hessenberg QR did not converge at order " + nn);
                }
                // form the shift
                x = a[n][n];
                y = a[n - 1][n - 1];
                w = a[n][n - 1] * a[n - 1][n];
                if (iter == 10) { // Wilkinson's exceptional shift
                    exshift += x; // the whole remaining diagonal moves, so that exshift restores every later root
                    for (int i = 0; i <= n; i++) {
                        a[i][i] -= x;
                    }
                    s = Math.abs(a[n][n - 1]) + Math.abs(a[n - 1][n - 2]);
                    x = 0.75 * s;
                    y = x;
                    w = -0.4375 * s * s;
                }
                if (iter == 30) { // MATLAB's exceptional shift
                    s = (y - x) / 2.0;
                    s = s * s + w;
                    if (s > 0) {
                        s = Math.sqrt(s);
                        if (y < x) {
                            s = -s;
                        }
                        s = x - w / ((y - x) / 2.0 + s);
                        for (int i = 0; i <= n; i++) {
                            a[i][i] -= s;
                        }
                        exshift += s;
                        x = 0.964;
                        y = x;
                        w = x;
                    }
                }
                iter++;
                // look for two consecutive small subdiagonal elements
                int m = n - 2;
                while (m >= l) {
                    z = a[m][m];
                    r = x - z;
                    s = y - z;
                    p = (r * s - w) / a[m + 1][m] + a[m][m + 1];
                    q = a[m + 1][m + 1] - z - r - s;
                    r = a[m + 2][m + 1];
                    s = Math.abs(p) + Math.abs(q) + Math.abs(r);
                    p /= s;
                    q /= s;
                    r /= s;
                    if (m == l) {
                        break;
                    }
                    if (Math.abs(a[m][m - 1]) * (Math.abs(q) + Math.abs(r)) < eps * (Math.abs(p)
                            * (Math.abs(a[m - 1][m - 1]) + Math.abs(z) + Math.abs(a[m + 1][m + 1])))) {
                        break;
                    }
                    m--;
                }
                for (int i = m + 2; i <= n; i++) {
                    a[i][i - 2] = 0.0;
                    if (i > m + 2) {
                        a[i][i - 3] = 0.0;
                    }
                }
                // double QR step on rows l..n and columns m..n of the active block
                for (int k = m; k <= n - 1; k++) {
                    boolean notLast = k != n - 1;
                    if (k != m) {
                        p = a[k][k - 1];
                        q = a[k + 1][k - 1];
                        r = notLast ? a[k + 2][k - 1] : 0.0;
                        x = Math.abs(p) + Math.abs(q) + Math.abs(r);
                        if (x == 0.0) {
                            continue;
                        }
                        p /= x;
                        q /= x;
                        r /= x;
                    }
                    s = Math.sqrt(p * p + q * q + r * r);
                    if (p < 0) {
                        s = -s;
                    }
                    if (s != 0) {
                        if (k != m) {
                            a[k][k - 1] = -s * x;
                        } else if (l != m) {
                            a[k][k - 1] = -a[k][k - 1];
                        }
                        p += s;
                        x = p / s;
                        y = q / s;
                        z = r / s;
                        q /= p;
                        r /= p;
                        for (int j = k; j <= n; j++) { // rows k, k+1, k+2
                            p = a[k][j] + q * a[k + 1][j];
                            if (notLast) {
                                p += r * a[k + 2][j];
                                a[k + 2][j] -= p * z;
                            }
                            a[k][j] -= p * x;
                            a[k + 1][j] -= p * y;
                        }
                        int iEnd = Math.min(n, k + 3);
                        for (int i = l; i <= iEnd; i++) { // columns k, k+1, k+2
                            p = x * a[i][k] + y * a[i][k + 1];
                            if (notLast) {
                                p += z * a[i][k + 2];
                                a[i][k + 2] -= p * r;
                            }
                            a[i][k] -= p;
                            a[i][k + 1] -= p * q;
                        }
                    }
                }
            }
        }
    }
}
