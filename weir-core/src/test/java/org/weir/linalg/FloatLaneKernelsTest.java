package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The single-precision lane kernels against a double-precision reference and against their own scalar twin. */
class FloatLaneKernelsTest {

    @ParameterizedTest(name = "rows={0} d={1} lanes={2} density={3}")
    @CsvSource({"100,1,64,0.1", "57,3,37,0.3", "300,2,16,0.05", "10,1,1,0.5", "64,0,80,0.2"})
    void preactivationMatchesDoubleReferenceAndIsLaneIndependent(int rows, int d, int lanes, double density) {
        SplittableRandom rnd = new SplittableRandom(rows * 31L + lanes);
        CsrMatrix w = EllMatrixTest.randomCsr(rnd, rows, rows, density);
        int[] rowPtr = w.rowPtr();
        int[] col = w.colIdx();
        float[] val = floatValues(w);
        float[] win = randomFloats(rows * d, rnd);
        float[] bias = randomFloats(rows, rnd);
        float[] u = randomFloats(Math.max(d, 1) * lanes, rnd);
        float[] x = randomFloats(rows * lanes, rnd);
        float[] pre = new float[rows * lanes];
        FloatLaneKernels.preactivation(rows, rowPtr, col, val, d, win, bias, u, x, pre, lanes, 0, lanes);
        double worst = 0;
        for (int b = 0; b < lanes; b++) {
            for (int i = 0; i < rows; i++) {
                double s = bias[i];
                double mag = Math.abs(bias[i]);
                for (int j = 0; j < d; j++) {
                    s += (double) win[i * d + j] * u[j * lanes + b];
                    mag += Math.abs((double) win[i * d + j] * u[j * lanes + b]);
                }
                for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                    s += (double) val[p] * x[col[p] * lanes + b];
                    mag += Math.abs((double) val[p] * x[col[p] * lanes + b]);
                }
                // a chain of n float fmas: error at most n * 2^-24 * sum |terms| (first order)
                int terms = 1 + d + rowPtr[i + 1] - rowPtr[i];
                double bound = terms * 0x1p-24 * mag + Float.MIN_NORMAL;
                double err = Math.abs(pre[i * lanes + b] - s);
                assertTrue(err <= bound, "row " + i + " lane " + b + ": error " + err + " > bound " + bound);
                worst = Math.max(worst, err / (mag + 1e-30));
            }
        }
        // one lane range at a time (the scalar tail and the vector groups) gives the same bits
        float[] pre2 = new float[rows * lanes];
        int mid = lanes / 3;
        FloatLaneKernels.preactivation(rows, rowPtr, col, val, d, win, bias, u, x, pre2, lanes, mid, lanes);
        FloatLaneKernels.preactivation(rows, rowPtr, col, val, d, win, bias, u, x, pre2, lanes, 0, mid);
        for (int k = 0; k < pre.length; k++) {
            assertEquals(Float.floatToRawIntBits(pre[k]), Float.floatToRawIntBits(pre2[k]), "element " + k);
        }
        System.out.printf("rows=%d lanes=%d: worst error / sum|terms| = %.2e%n", rows, lanes, worst);
    }

    /**
     * Rows in groups of eight sharing their columns (plus, for some cases, one row broken out of its quad): the
     * quad kernel gives the row-by-row kernel's bits on every lane range, including a scalar tail.
     */
    @ParameterizedTest(name = "rows={0} d={1} lanes={2} width={3} break={4}")
    @CsvSource({"100,1,64,10,false", "203,2,80,20,true", "64,0,128,7,false", "37,3,70,5,true", "16,1,15,4,false", "96,1,32,12,true", "40,2,48,9,false"})
    void sharedQuadsGiveTheRowByRowBits(int rows, int d, int lanes, int width, boolean breakOne) {
        System.out.println("quads rows " + rows + " d " + d + " lanes " + lanes + " width " + width + " break " + breakOne);
        SplittableRandom rnd = new SplittableRandom(rows * 7L + lanes);
        CsrMatrix w = EllMatrixTest.sharedColumnCsr(rnd, rows, rows, new int[] {width});
        if (breakOne) {
            double[][] dense = w.toDense();
            int j = 0;
            while (dense[5][j] != 0.0) {
                j++;
            }
            dense[5][j] = 0.25; // row 5 leaves quad 1; quad 0 still shares
            w = CsrMatrix.fromDense(dense);
        }
        int[] rowPtr = w.rowPtr();
        int[] col = w.colIdx();
        float[] val = floatValues(w);
        boolean[] quads = FloatLaneKernels.sharedQuads(rows, rowPtr, col);
        assertTrue(quads != null && quads[0], "quad 0 shares its columns");
        assertEquals(!breakOne, quads[1], "quad 1 shares unless row 5 was broken out");
        if (rows % 4 != 0) {
            assertTrue(!quads[quads.length - 1], "a partial quad is never shared");
        }
        float[] win = randomFloats(rows * d, rnd);
        float[] bias = randomFloats(rows, rnd);
        float[] u = randomFloats(Math.max(d, 1) * lanes, rnd);
        float[] x = randomFloats(rows * lanes + 5, rnd);
        float[] ref = new float[rows * lanes];
        FloatLaneKernels.preactivation(rows, rowPtr, col, val, d, win, bias, u, x, 5, ref, lanes, 0, lanes);
        float[] got = new float[rows * lanes];
        FloatLaneKernels.preactivation(rows, rowPtr, col, val, d, win, bias, u, x, 5, got, lanes, 0, lanes, quads);
        for (int k = 0; k < ref.length; k++) {
            assertEquals(Float.floatToRawIntBits(ref[k]), Float.floatToRawIntBits(got[k]), "all lanes, element " + k);
        }
        java.util.Arrays.fill(got, Float.NaN);
        int mid = lanes / 4 + 1;
        FloatLaneKernels.preactivation(rows, rowPtr, col, val, d, win, bias, u, x, 5, got, lanes, mid, lanes, quads);
        FloatLaneKernels.preactivation(rows, rowPtr, col, val, d, win, bias, u, x, 5, got, lanes, 0, mid, quads);
        for (int k = 0; k < ref.length; k++) {
            assertEquals(Float.floatToRawIntBits(ref[k]), Float.floatToRawIntBits(got[k]), "two ranges, element " + k);
        }
        assertThrows(IllegalArgumentException.class, () -> FloatLaneKernels.preactivation(rows, rowPtr, col, val, d, win,
                bias, u, x, 5, got, lanes, 0, lanes, new boolean[quads.length + 1]));
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"1", "15", "16", "1000", "1001"})
    void leakIsOneProductAndOneFusedMultiplyAdd(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        float[] x = randomFloats(n, rnd);
        float[] f = randomFloats(n, rnd);
        float[] want = new float[n];
        for (int k = 0; k < n; k++) {
            want[k] = Math.fma(f[k], 0.3f, x[k] * 0.7f);
        }
        FloatLaneKernels.leak(x, f, 0, n, 0.7f, 0.3f);
        for (int k = 0; k < n; k++) {
            assertEquals(Float.floatToRawIntBits(want[k]), Float.floatToRawIntBits(x[k]), "element " + k);
        }
    }

    @org.junit.jupiter.api.Test
    void rejectsLaneRangesOutsideTheBatch() {
        float[] z = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatLaneKernels
                .preactivation(1, new int[] {0, 0}, new int[0], new float[0], 0, new float[0], z, z, z, z, 2, 1, 3));
        assertTrue(e.getMessage().contains("[1, 3)"), e.getMessage());
    }

    private static float[] randomFloats(int n, SplittableRandom rnd) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = (float) rnd.nextDouble(-1, 1);
        }
        return a;
    }

    /** The matrix's values rounded to float, in CSR order. */
    static float[] floatValues(CsrMatrix w) {
        double[] v = w.values();
        float[] val = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            val[k] = (float) v[k];
        }
        return val;
    }
}
