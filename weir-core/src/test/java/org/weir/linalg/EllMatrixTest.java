package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EllMatrixTest {

    /** Random sparse matrix with Bernoulli(density) pattern and normal values (rows may be empty). */
    static CsrMatrix randomCsr(SplittableRandom rnd, int rows, int cols, double density) {
        List<int[]> pos = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (rnd.nextDouble() < density) {
                    pos.add(new int[] {i, j});
                }
            }
        }
        return withNormalValues(rnd, rows, cols, pos);
    }

    /** The matrix with non-zeros at {@code pos} ({row, col} pairs), values standard normal in that order. */
    static CsrMatrix withNormalValues(SplittableRandom rnd, int rows, int cols, List<int[]> pos) {
        int[] r = new int[pos.size()];
        int[] c = new int[pos.size()];
        double[] v = new double[pos.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = pos.get(k)[0];
            c[k] = pos.get(k)[1];
            v[k] = rnd.nextGaussian();
        }
        return CsrMatrix.fromTriplets(rows, cols, r, c, v);
    }

    static double[] randomVector(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        return x;
    }

    /** y vs the dense product, within 2 (len+1) eps sum|a_ij x_j| per row. */
    static void assertProduct(double[][] dense, double[] x, double[] y, int yOff, int stride, String what) {
        for (int i = 0; i < dense.length; i++) {
            double s = 0;
            double abs = 0;
            for (int j = 0; j < x.length; j++) {
                s += dense[i][j] * x[j];
                abs += Math.abs(dense[i][j] * x[j]);
            }
            double tol = 2.0 * (x.length + 1) * Math.ulp(1.0) * abs;
            double got = y[yOff + i * stride];
            assertTrue(Math.abs(got - s) <= tol, what + ": row " + i + " got " + got + ", dense " + s);
        }
    }

    @ParameterizedTest(name = "{0}x{1} density {2} seed {3}")
    @CsvSource({"0,0,0.5,1", "0,5,0.5,1", "5,0,0.5,1", "1,1,1.0,2", "1,7,0.5,3", "7,1,0.5,4", "7,7,0.3,5",
        "8,8,0.3,6", "9,13,0.4,7", "17,17,0.0,8", "100,100,0.1,9", "1000,1000,0.1,10", "301,257,0.05,11",
        "64,500,0.02,12"})
    void multiplyMatchesDenseAndScalarTwinBitForBit(int rows, int cols, double density, long seed) {
        System.out.println("ell " + rows + "x" + cols + " density " + density + " seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        CsrMatrix csr = randomCsr(rnd, rows, cols, density);
        EllMatrix ell = EllMatrix.of(csr);
        assertEquals(csr.nnz(), ell.nnz());
        assertTrue(ell.storedEntries() >= ell.nnz());
        double[] x = randomVector(rnd, cols);
        double[] y = new double[rows + 3];
        java.util.Arrays.fill(y, 42.0);
        ell.multiply(x, y);
        assertProduct(csr.toDense(), x, y, 0, 1, "seed " + seed);
        for (int k = rows; k < y.length; k++) {
            assertEquals(42.0, y[k], 0.0, "no write past rows");
        }
        double[] ys = new double[rows + 3];
        java.util.Arrays.fill(ys, 42.0);
        ell.multiplyScalar(x, ys);
        assertArrayEquals(ys, y, 0.0, "unrolled and plain ELL agree bit for bit");
        double[] yg = new double[rows + 3];
        java.util.Arrays.fill(yg, 42.0);
        ell.multiplyGather(x, yg);
        assertArrayEquals(ys, yg, 0.0, "gather and plain ELL agree bit for bit");
        double[] yc = new double[rows];
        csr.multiply(x, yc);
        assertProduct(csr.toDense(), x, yc, 0, 1, "csr seed " + seed);

        // FLOAT32: the narrow layout (float values, 16-bit indices) of the rounded matrix gives exactly the
        // double-precision product of the rounded matrix, and no write past the rows
        CsrMatrix rounded = csr.roundedToFloat();
        assertTrue(rounded.isFloatExact());
        EllMatrix narrow = EllMatrix.of(rounded, Precision.FLOAT32);
        assertEquals(Precision.FLOAT32, narrow.precision());
        double[] yn = new double[rows + 3];
        java.util.Arrays.fill(yn, 42.0);
        narrow.multiply(x, yn);
        double[] yr = new double[rows + 3];
        java.util.Arrays.fill(yr, 42.0);
        EllMatrix.of(rounded).multiplyScalar(x, yr);
        assertArrayEquals(yr, yn, 0.0, "float32 layout vs double kernel on the rounded matrix, bit for bit");
        assertProduct(rounded.toDense(), x, yn, 0, 1, "float32 seed " + seed);
    }

    /**
     * Rows in groups of eight sharing their columns, group g with {@code widths[g % widths.length]} columns (so
     * both the four-slices-in-lock-step path and the one-slice path run), and a partial last group.
     */
    static CsrMatrix sharedColumnCsr(SplittableRandom rnd, int rows, int cols, int[] widths) {
        List<int[]> pos = new ArrayList<>();
        for (int g = 0; g * EllMatrix.C < rows; g++) {
            int w = Math.min(cols, widths[g % widths.length]);
            int[] pick = rnd.ints(0, cols).distinct().limit(w).sorted().toArray();
            for (int i = g * EllMatrix.C; i < Math.min(rows, (g + 1) * EllMatrix.C); i++) {
                for (int j : pick) {
                    pos.add(new int[] {i, j});
                }
            }
        }
        return withNormalValues(rnd, rows, cols, pos);
    }

    @ParameterizedTest(name = "{0}x{1} widths {2} seed {3}")
    @CsvSource({"8,8,3,1", "16,40,5,2", "64,100,10,3", "1000,1000,100,4", "1003,1000,100,5", "333,300,30;30;7;30,6",
        "200,50,50;1;50;50;50,7", "7,20,4,8"})
    void sharedColumnSlicesGiveTheScalarKernelsBits(int rows, int cols, String widthList, long seed) {
        System.out.println("shared ell " + rows + "x" + cols + " widths " + widthList + " seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] widths = java.util.Arrays.stream(widthList.split(";")).mapToInt(Integer::parseInt).toArray();
        CsrMatrix csr = sharedColumnCsr(rnd, rows, cols, widths);
        double[] x = randomVector(rnd, cols);
        for (boolean narrow : new boolean[] {false, true}) {
            CsrMatrix m = narrow ? csr.roundedToFloat() : csr;
            EllMatrix ell = EllMatrix.of(m, narrow ? Precision.FLOAT32 : Precision.FLOAT64);
            assertEquals(rows >= EllMatrix.C, ell.sharedColumns(), "shared columns detected");
            double[] ref = new double[rows + 3];
            java.util.Arrays.fill(ref, 42.0);
            EllMatrix.of(m).multiplyScalar(x, ref);
            double[] y = new double[rows + 3];
            java.util.Arrays.fill(y, 42.0);
            ell.multiply(x, y);
            assertArrayEquals(ref, y, 0.0, (narrow ? "float32" : "float64") + " shared kernel vs scalar, bit for bit");
            assertProduct(m.toDense(), x, y, 0, 1, "shared seed " + seed);
            // any slice range writes exactly its rows, with the same bits
            int slices = ell.slices();
            for (int from = 0; from <= slices; from += Math.max(1, slices / 5)) {
                int to = Math.min(slices, from + 1 + (int) (seed % 6));
                double[] part = new double[rows + 3];
                java.util.Arrays.fill(part, -7.0);
                ell.multiplySlices(x, part, from, to);
                for (int i = 0; i < rows + 3; i++) {
                    boolean mine = i >= from * EllMatrix.C && i < Math.min(rows, to * EllMatrix.C);
                    assertEquals(mine ? ref[i] : -7.0, part[i], 0.0, "row " + i + " of slices [" + from + ", " + to + ")");
                }
            }
        }
        // one row differing breaks the sharing: the matrix is then multiplied by the general kernels
        if (rows >= EllMatrix.C && cols > widths[0]) {
            double[][] d = csr.toDense();
            int j = 0;
            while (d[1][j] != 0.0) {
                j++;
            }
            d[1][j] = 0.5;
            EllMatrix broken = EllMatrix.of(CsrMatrix.fromDense(d));
            assertTrue(!broken.sharedColumns(), "a row with an extra column is not shared");
        }
    }

    @Test
    void float32NeedsRoundedValuesAndNarrowIndices() {
        CsrMatrix a = CsrMatrix.fromDense(new double[][] {{0.1, 0}, {0, 0.25}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EllMatrix.of(a, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("roundedToFloat"), e.getMessage());
        assertEquals((double) 0.1f, a.roundedToFloat().toDense()[0][0], 0.0);
        // more columns than 16-bit indices can name: the values are still rounded, the layout stays wide
        int cols = EllMatrix.NARROW_INDEX_LIMIT + 5;
        CsrMatrix wide = CsrMatrix.fromTriplets(2, cols, new int[] {0, 1}, new int[] {cols - 1, 3},
                new double[] {0.5, -1.5});
        EllMatrix ell = EllMatrix.of(wide, Precision.FLOAT32);
        assertEquals(Precision.FLOAT64, ell.precision());
        double[] x = new double[cols];
        x[cols - 1] = 2;
        x[3] = 1;
        double[] y = new double[2];
        ell.multiply(x, y);
        assertArrayEquals(new double[] {1.0, -1.5}, y, 0.0);
        assertEquals(Precision.FLOAT32, Precision.parse("Float32"));
        assertEquals(Precision.FLOAT64, Precision.parse("double"));
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("half"));
    }

    @ParameterizedTest(name = "batch {0} seed {1}")
    @CsvSource({"1,1", "3,2", "7,3", "8,4", "9,5", "13,6", "32,7", "33,8", "64,9", "70,10"})
    void batchEqualsOneProductPerLaneBitForBit(int batch, long seed) {
        System.out.println("batch " + batch + " seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 403; // more than three column blocks
        CsrMatrix csr = randomCsr(rnd, n, n, 0.1);
        EllMatrix ell = EllMatrix.of(csr);
        double[][] xs = new double[batch][];
        double[] xb = new double[n * batch];
        for (int b = 0; b < batch; b++) {
            xs[b] = randomVector(rnd, n);
            for (int j = 0; j < n; j++) {
                xb[j * batch + b] = xs[b][j];
            }
        }
        double[] yb = new double[n * batch];
        ell.multiplyBatch(xb, yb, batch);
        double[] ybs = new double[n * batch];
        ell.multiplyBatchScalar(xb, ybs, batch, 0, batch);
        assertArrayEquals(ybs, yb, 0.0, "vector and scalar batch agree bit for bit");
        double[] ybr = new double[n * batch];
        ell.multiplyBatchRowwise(xb, ybr, batch);
        assertArrayEquals(ybs, ybr, 0.0, "row-wise and column-blocked batch agree bit for bit");
        double[] y = new double[n];
        for (int b = 0; b < batch; b++) {
            ell.multiply(xs[b], y);
            for (int i = 0; i < n; i++) {
                assertEquals(y[i], yb[i * batch + b], 0.0, "lane " + b + " row " + i);
            }
        }
        assertProduct(csr.toDense(), xs[batch - 1], yb, batch - 1, batch, "last lane");
        // lane ranges write only their lanes and give the same numbers
        if (batch >= 3) {
            double[] yr = new double[n * batch];
            int from = 1;
            int to = batch - 1;
            ell.multiplyBatch(xb, yr, batch, from, to);
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < batch; b++) {
                    double expect = b >= from && b < to ? yb[i * batch + b] : 0.0;
                    assertEquals(expect, yr[i * batch + b], 0.0, "lane range, lane " + b + " row " + i);
                }
            }
        }
    }

    @Test
    void handComputedCase() {
        // [[2, 0, 1], [0, 0, 0], [0, -3, 4]] x [1, 2, 3] = [5, 0, 6]
        CsrMatrix csr = CsrMatrix.fromDense(new double[][] {{2, 0, 1}, {0, 0, 0}, {0, -3, 4}});
        EllMatrix ell = EllMatrix.of(csr);
        double[] y = new double[3];
        ell.multiply(new double[] {1, 2, 3}, y);
        assertArrayEquals(new double[] {5, 0, 6}, y, 0.0);
        assertEquals(8 * 2, ell.storedEntries());
        double[] yb = new double[6];
        ell.multiplyBatch(new double[] {1, -1, 2, -2, 3, -3}, yb, 2);
        assertArrayEquals(new double[] {5, -5, 0, 0, 6, -6}, yb, 0.0);
    }

    @Test
    void rejectsBadShapes() {
        EllMatrix ell = EllMatrix.of(CsrMatrix.fromDense(new double[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> ell.multiply(new double[1], new double[2]));
        assertThrows(IllegalArgumentException.class, () -> ell.multiplyBatch(new double[4], new double[4], 2, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> ell.multiplyBatch(new double[3], new double[4], 2));
    }
}
