package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The blocked Cholesky against EJML's factorization and against the system it solves. */
class CholeskyTest {

    /** X^T X / rows + shift I for a random rows x n X: symmetric positive definite, condition set by the shift. */
    static double[] spd(int n, int rows, double shift, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[rows * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] a = new double[n * n];
        Kernels.gramUpdate(x, rows, n, a);
        for (int i = 0; i < a.length; i++) {
            a[i] /= rows;
        }
        for (int i = 0; i < n; i++) {
            a[i * n + i] += shift;
        }
        return a;
    }

    @ParameterizedTest(name = "n={0} shift={1} upper={2} threads={3}")
    @CsvSource({"1,1.0,false,1", "5,0.1,false,1", "63,1e-3,false,1", "64,1e-3,false,1", "65,1e-6,false,1",
        "130,1e-3,false,1", "300,1e-8,false,1", "257,1e-2,false,1",
        "1,1.0,true,1", "5,0.1,true,1", "63,1e-3,true,1", "64,1e-3,true,2", "65,1e-6,true,1", "130,1e-3,true,3",
        "300,1e-8,true,2", "257,1e-2,true,1", "700,1e-4,true,2"})
    void factorMatchesEjmlAndSolvesTheSystem(int n, double shift, boolean upper, int threads) {
        double[] a = spd(n, n + 20, shift, n);
        double[] l = a.clone();
        double[] factorU = null;
        if (upper) {
            // only the upper triangle may be read: garbage below it
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    l[i * n + j] = Double.NaN;
                }
            }
            assertTrue(Cholesky.factorUpper(l, n, threads));
            double[] lower = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    lower[i * n + j] = l[j * n + i];
                }
            }
            double[] u = l;
            l = lower;
            factorU = u;
        } else {
            assertTrue(Cholesky.factor(l, n));
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        assertTrue(chol.decompose(DMatrixRMaj.wrap(n, n, a.clone())));
        DMatrixRMaj ref = chol.getT(null);
        double maxL = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                maxL = Math.max(maxL, Math.abs(ref.get(i, j)));
            }
        }
        // the factor is well conditioned relative to A: entries agree to a multiple of eps * cond(A)^(1/2)
        double cond = 1 + 2 / shift;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                assertEquals(ref.get(i, j), l[i * n + j], 1e-13 * Math.sqrt(cond) * maxL * n, "L[" + i + "][" + j + "]");
            }
        }
        // backward error of the solve: |A x - b| <= c n eps |A| |x|
        SplittableRandom rnd = new SplittableRandom(7);
        int k = 3;
        double[] b = new double[n * k];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextGaussian();
        }
        double[] x = b.clone();
        if (upper) {
            Cholesky.solveUpper(factorU, n, x, k);
        } else {
            Cholesky.solve(l, n, x, k);
        }
        double normA = 0;
        for (double v : a) {
            normA = Math.max(normA, Math.abs(v));
        }
        for (int c = 0; c < k; c++) {
            double normX = 0;
            for (int i = 0; i < n; i++) {
                normX = Math.max(normX, Math.abs(x[i * k + c]));
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i * n + j] * x[j * k + c];
                }
                assertEquals(b[i * k + c], s, 64 * n * Math.ulp(1.0) * normA * normX, "row " + i + " col " + c);
            }
        }
    }

    @Test
    void refusesIndefiniteAndNonFiniteMatrices() {
        // eigenvalues 3 and -1
        assertFalse(Cholesky.factor(new double[] {1, 2, 2, 1}, 2));
        double[] a = spd(100, 120, 1e-3, 3);
        a[70 * 100 + 70] = -5; // breaks positive definiteness inside the second block
        assertFalse(Cholesky.factor(a.clone(), 100));
        double[] nan = spd(10, 20, 1e-3, 4);
        nan[3 * 10 + 3] = Double.NaN;
        assertFalse(Cholesky.factor(nan, 10));
        assertFalse(Cholesky.factorUpper(new double[] {1, 2, 2, 1}, 2));
        assertFalse(Cholesky.factorUpper(a.clone(), 100));
        double[] nanUpper = spd(10, 20, 1e-3, 4);
        nanUpper[3 * 10 + 7] = Double.NaN;
        assertFalse(Cholesky.factorUpper(nanUpper, 10));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2})
    void upperFactorBitIdenticalForAnyThreadCount(long seed) {
        int n = 600;
        double[] a = spd(n, n + 10, 1e-3, seed);
        double[] ref = a.clone();
        assertTrue(Cholesky.factorUpper(ref, n, 1));
        for (int threads : new int[] {2, 3}) {
            double[] u = a.clone();
            assertTrue(Cholesky.factorUpper(u, n, threads));
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    assertEquals(ref[i * n + j], u[i * n + j], 0.0, "U[" + i + "][" + j + "] with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void handComputedFactor() {
        // [[4, 2], [2, 3]] = L L^T with L = [[2, 0], [1, sqrt(2)]]
        double[] a = {4, 2, 2, 3};
        assertTrue(Cholesky.factor(a, 2));
        assertEquals(2.0, a[0], 0.0);
        assertEquals(1.0, a[2], 0.0);
        assertEquals(Math.sqrt(2), a[3], 1e-15);
        double[] b = {2, 1}; // A x = b for x = (0.5, 0)
        Cholesky.solve(a, 2, b, 1);
        assertEquals(0.5, b[0], 1e-15);
        assertEquals(0.0, b[1], 1e-15);
        // the same with U = L^T in the upper triangle
        double[] u = {4, 2, 2, 3};
        assertTrue(Cholesky.factorUpper(u, 2));
        assertEquals(2.0, u[0], 0.0);
        assertEquals(1.0, u[1], 0.0);
        assertEquals(Math.sqrt(2), u[3], 1e-15);
        double[] c = {2, 1};
        Cholesky.solveUpper(u, 2, c, 1);
        assertEquals(0.5, c[0], 1e-15);
        assertEquals(0.0, c[1], 1e-15);
    }
}
