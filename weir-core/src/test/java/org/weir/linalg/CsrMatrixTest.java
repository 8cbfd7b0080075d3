package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsrMatrixTest {

    @Test
    void handComputedProduct() {
        // [[1 0 2], [0 0 0], [0 3 0]] * [1 2 3] = [7 0 6]
        CsrMatrix a = CsrMatrix.fromTriplets(3, 3, new int[] {2, 0, 0}, new int[] {1, 2, 0}, new double[] {3, 2, 1});
        double[] y = new double[3];
        a.multiply(new double[] {1, 2, 3}, y);
        assertArrayEquals(new double[] {7, 0, 6}, y, 0.0);
        assertEquals(3, a.nnz());
        assertEquals(2.0, a.get(0, 2));
        assertEquals(0.0, a.get(1, 1));
        double[] z = new double[3];
        a.multiplyTransposed(new double[] {1, 1, 1}, z);
        assertArrayEquals(new double[] {1, 3, 2}, z, 0.0);
    }

    @Test
    void duplicatesAreSummed() {
        CsrMatrix a = CsrMatrix.fromTriplets(2, 2, new int[] {0, 0, 1}, new int[] {1, 1, 0}, new double[] {1, 2, 5});
        assertEquals(3.0, a.get(0, 1));
        assertEquals(2, a.nnz());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomShapesMatchDenseReference(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = r.nextInt(0, 40);
        int cols = r.nextInt(1, 40);
        double[][] d = new double[rows][cols];
        for (double[] row : d) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextDouble() < 0.3 ? r.nextGaussian() : 0.0;
            }
        }
        CsrMatrix a = CsrMatrix.fromDense(d);
        double[] x = r.doubles(cols).toArray();
        double[] y = new double[rows];
        a.multiply(x, y);
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += d[i][j] * x[j];
            }
            assertEquals(s, y[i], 1e-12, "seed " + seed + " row " + i);
        }
        assertTrue(java.util.Arrays.deepEquals(d, a.toDense()));
        CsrMatrix back = CsrMatrix.fromCsr(rows, cols, a.rowPtr(), a.colIdx(), a.values());
        assertTrue(java.util.Arrays.deepEquals(d, back.toDense()));
    }

    @Test
    void invalidInputsAreRejectedWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsrMatrix.fromTriplets(2, 2, new int[] {2}, new int[] {0}, new double[] {1}));
        assertTrue(e.getMessage().contains("outside a 2x2 matrix"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CsrMatrix.fromCsr(2, 2, new int[] {0, 2, 1}, new int[] {0, 1}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> CsrMatrix.fromCsr(1, 2, new int[] {0, 2}, new int[] {1, 0}, new double[] {1, 1}));
    }
}
