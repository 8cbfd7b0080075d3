package org.weir.reservoir;

import java.util.SplittableRandom;

/** Random draws the research reservoirs need beyond uniform and normal (package-private helpers). */
final class RandomDraws {
    private RandomDraws() {
    }

    /**
     * Gamma(shape, 1) by Marsaglia and Tsang (2000), "A simple method for generating gamma variables";
     * shape below 1 uses {@code Gamma(shape+1) U^(1/shape)}.
     */
    static double gamma(double shape, SplittableRandom rnd) {
        if (shape < 1) {
            double u = rnd.nextDouble();
            return gamma(shape + 1.0, rnd) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = rnd.nextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rnd.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Beta(a, b) as {@code X / (X + Y)} with {@code X ~ Gamma(a)}, {@code Y ~ Gamma(b)}. */
    static double beta(double a, double b, SplittableRandom rnd) {
        double x = gamma(a, rnd);
        double y = gamma(b, rnd);
        return x / (x + y);
    }

    /**
     * A Haar-random orthogonal n x n matrix (row-major): the Q of a Gaussian matrix's QR decomposition with
     * R's diagonal positive (Mezzadri 2007, "How to generate random matrices from the classical compact
     * groups"), which Gram-Schmidt on the columns yields directly.
     */
    static double[] orthogonal(int n, SplittableRandom rnd) {
        double[][] cols = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                cols[j][i] = rnd.nextGaussian();
            }
        }
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += cols[j][i] * cols[k][i];
                    }
                    for (int i = 0; i < n; i++) {
                        cols[j][i] -= dot * cols[k][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += cols[j][i] * cols[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                cols[j][i] /= norm;
            }
        }
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i * n + j] = cols[j][i];
            }
        }
        return q;
    }

    /** Spectral radius of a dense row-major n x n matrix. */
    static double spectralRadius(double[] a, int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, m[i], 0, n);
        }
        return org.weir.linalg.SpectralRadius.ofDense(m);
    }
}
