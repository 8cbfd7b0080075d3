package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Hessenberg QR eigenvalues against EJML's general eigen-decomposition and exact cases. */
class HessenbergEigenvaluesTest {

    /** Random upper Hessenberg matrices (the shape of an Arnoldi H_m), some with tiny subdiagonals. */
    @ParameterizedTest(name = "m={0} seed={1} tiny={2}")
    @CsvSource({"1,1,false", "2,2,false", "3,3,false", "7,4,false", "30,5,false", "90,6,false", "90,7,true",
        "120,8,false", "61,9,true"})
    void matchEjmlOnRandomHessenbergMatrices(int m, long seed, boolean tiny) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] h = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = Math.max(0, i - 1); j < m; j++) {
                h[i][j] = rnd.nextGaussian();
            }
            if (tiny && i > 0 && i % 7 == 0) {
                h[i][i - 1] = 1e-18; // nearly decoupled blocks, as a converged Arnoldi factorization has
            }
        }
        double[][] ours = HessenbergEigenvalues.of(h, m);
        DMatrixRMaj a = new DMatrixRMaj(h);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, false);
        assertTrue(eig.decompose(a));
        double scale = 0;
        for (double[] row : h) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        boolean[] used = new boolean[m];
        for (int i = 0; i < m; i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            int best = -1;
            double dist = Double.POSITIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double d = Math.hypot(ours[0][j] - c.real, ours[1][j] - c.imaginary);
                if (!used[j] && d < dist) {
                    dist = d;
                    best = j;
                }
            }
            used[best] = true;
            assertTrue(dist < 1e-9 * scale * m, "eigenvalue " + c + " nearest " + ours[0][best] + " + " + ours[1][best]
                    + "i at " + dist);
        }
        for (int j = 0; j + 1 < m; j++) { // conjugate pairs: adjacent, positive imaginary part first, same real part
            if (ours[1][j] > 0) {
                assertEquals(ours[0][j], ours[0][j + 1], 0.0);
                assertEquals(-ours[1][j], ours[1][j + 1], 0.0);
                j++;
            } else {
                assertEquals(0.0, ours[1][j], 0.0, "a negative imaginary part must follow its conjugate");
            }
        }
    }

    /** Exact cases: a rotation block (+-i), a triangular matrix (its diagonal), a companion matrix (its roots). */
    @Test
    void exactCases() {
        double[][] rot = {{0, -1}, {1, 0}};
        double[][] e = HessenbergEigenvalues.of(rot, 2);
        assertEquals(0.0, e[0][0], 0.0);
        assertEquals(1.0, e[1][0], 1e-15);
        assertEquals(-1.0, e[1][1], 1e-15);
        double[][] tri = {{3, 1, 2}, {0, -2, 5}, {0, 0, 0.5}};
        double[][] t = HessenbergEigenvalues.of(tri, 3);
        double[] sorted = t[0].clone();
        java.util.Arrays.sort(sorted);
        assertEquals(-2.0, sorted[0], 0.0);
        assertEquals(0.5, sorted[1], 0.0);
        assertEquals(3.0, sorted[2], 0.0);
        // companion matrix of (z - 1)(z - 2)(z - 3)(z - 4) = z^4 - 10 z^3 + 35 z^2 - 50 z + 24 (upper Hessenberg form)
        double[][] comp = {{10, -35, 50, -24}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}};
        double[][] c = HessenbergEigenvalues.of(comp, 4);
        double[] roots = c[0].clone();
        java.util.Arrays.sort(roots);
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1.0, roots[i], 1e-12);
            assertEquals(0.0, c[1][i], 0.0);
        }
    }
}
