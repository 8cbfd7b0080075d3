package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast versions of the Kernels entry points against their plain references. */
class KernelsTest {

    @ParameterizedTest(name = "n {0}")
    @ValueSource(ints = {0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 100, 1000, 1003})
    void dotMatchesScalarWithinErrorBound(int n) {
        SplittableRandom rnd = new SplittableRandom(n + 11L);
        double[] a = new double[n + 3];
        double[] b = new double[n + 5];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextDouble(-1, 1);
        }
        double abs = 0;
        for (int k = 0; k < n; k++) {
            abs += Math.abs(a[3 + k] * b[5 + k]);
        }
        double got = Kernels.dot(a, 3, b, 5, n);
        double ref = Kernels.dotScalar(a, 3, b, 5, n);
        assertTrue(Math.abs(got - ref) <= 2.0 * (n + 1) * Math.ulp(1.0) * abs, "n=" + n + ": " + got + " vs " + ref);
        if (n < Kernels.VECTOR_DOT_MIN) {
            assertEquals(ref, got, 0.0, "short dots are the scalar loop");
        }
    }

    @Test
    void dotHandComputed() {
        double[] a = new double[40];
        double[] b = new double[40];
        for (int i = 0; i < 40; i++) {
            a[i] = i + 1;
            b[i] = 1.0 / (i + 1) * (i % 2 == 0 ? 1 : -1);
        }
        // sum of alternating +-1 over 40 terms = 0; integers exactly representable
        assertEquals(0.0, Kernels.dot(a, 0, b, 0, 40), 0.0);
        assertEquals(40 * 41 * 81 / 6.0, Kernels.dot(a, 0, a, 0, 40), 0.0);
    }

    @ParameterizedTest(name = "{0}x{1} seed {2}")
    @CsvSource({"0,4,1", "3,0,2", "1,1,3", "5,31,4", "7,32,5", "9,33,6", "50,100,7", "3,1001,8"})
    void denseMultiplyAddMatchesNaive(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = new double[rows * cols];
        double[] x = new double[cols];
        double[] y = new double[rows];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < cols; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextDouble(-1, 1);
        }
        double[] got = y.clone();
        Kernels.denseMultiplyAdd(a, rows, cols, x, got);
        for (int i = 0; i < rows; i++) {
            double s = 0;
            double abs = Math.abs(y[i]);
            for (int j = 0; j < cols; j++) {
                s += a[i * cols + j] * x[j];
                abs += Math.abs(a[i * cols + j] * x[j]);
            }
            assertEquals(y[i] + s, got[i], 2.0 * (cols + 2) * Math.ulp(1.0) * abs, "seed " + seed + " row " + i);
        }
    }

    @ParameterizedTest(name = "{0}x{1} density {2} seed {3}")
    @CsvSource({"0,3,0.5,1", "1,1,1.0,2", "7,7,0.5,3", "13,40,0.3,4", "100,100,0.1,5", "1000,1000,0.1,6",
        "50,9,1.0,7"})
    void csrMultiplyMatchesReference(int rows, int cols, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        CsrMatrix m = EllMatrixTest.randomCsr(rnd, rows, cols, density);
        double[] x = EllMatrixTest.randomVector(rnd, cols);
        double[] y = new double[rows];
        m.multiply(x, y);
        EllMatrixTest.assertProduct(m.toDense(), x, y, 0, 1, "csr seed " + seed);
        double[] yr = new double[rows];
        Kernels.csrMultiplyReference(rows, m.rowPtr(), m.colIdx(), m.values(), x, yr);
        for (int i = 0; i < rows; i++) {
            assertEquals(yr[i], y[i], 1e-13, "row " + i);
        }
        if (VectorSupport.ENABLED) {
            double[] yg = new double[rows];
            VectorKernels.csrMultiply(rows, m.rowPtr(), m.colIdx(), m.values(), x, yg);
            EllMatrixTest.assertProduct(m.toDense(), x, yg, 0, 1, "csr gather seed " + seed);
        }
    }
}
