package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GramKernelsTest {

    static double[] random(SplittableRandom rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble(-1, 1);
        }
        return a;
    }

    /** Checks got == expected + a^T b within a forward error bound 4 rows eps sum|a_ri b_rj| per element. */
    static void assertCross(double[] a, int rows, int colsA, double[] b, int colsB, double[] c0, double[] got,
            String what) {
        for (int i = 0; i < colsA; i++) {
            for (int j = 0; j < colsB; j++) {
                double s = c0[i * colsB + j];
                double abs = Math.abs(s);
                for (int r = 0; r < rows; r++) {
                    double p = a[r * colsA + i] * b[r * colsB + j];
                    s += p;
                    abs += Math.abs(p);
                }
                double tol = 4.0 * (rows + 2) * Math.ulp(1.0) * abs + Double.MIN_NORMAL;
                double g = got[i * colsB + j];
                assertTrue(Math.abs(g - s) <= tol, what + ": element (" + i + "," + j + ") = " + g
                        + ", naive " + s + ", tol " + tol);
            }
        }
    }

    @ParameterizedTest(name = "rows {0} cols {1} seed {2}")
    @CsvSource({"0,5,1", "5,0,1", "1,1,2", "1,7,3", "7,1,4", "7,7,5", "3,8,6", "9,23,7", "10,24,8", "11,25,9",
        "127,31,10", "128,48,11", "129,49,12", "255,17,16", "256,9,17", "257,26,18", "513,100,13", "40,130,14", "600,300,15"})
    void gramMatchesNaiveTripleLoopAndIsSymmetric(int rows, int cols, long seed) {
        System.out.println("gram rows=" + rows + " cols=" + cols + " seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = random(rnd, rows * cols);
        // a symmetric starting value, to check accumulation
        double[] g0 = new double[cols * cols];
        for (int i = 0; i < cols; i++) {
            for (int j = i; j < cols; j++) {
                double v = rnd.nextDouble(-3, 3);
                g0[i * cols + j] = v;
                g0[j * cols + i] = v;
            }
        }
        double[] g = g0.clone();
        Kernels.gramUpdate(a, rows, cols, g);
        assertCross(a, rows, cols, a, cols, g0, g, "gram seed " + seed);
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(g[j * cols + i], g[i * cols + j], 0.0, "symmetry at " + i + "," + j);
            }
        }
    }

    @ParameterizedTest(name = "rows {0} colsA {1} colsB {2} seed {3}")
    @CsvSource({"0,3,2,1", "4,0,2,1", "4,3,0,1", "1,1,1,2", "7,1,1,3", "300,50,1,4", "300,1,50,5", "257,7,9,6",
        "100,30,30,7", "600,40,25,8", "513,130,3,9", "520,3,130,10", "600,300,260,11"})
    void crossMatchesNaive(int rows, int colsA, int colsB, long seed) {
        System.out.println("cross rows=" + rows + " colsA=" + colsA + " colsB=" + colsB + " seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = random(rnd, rows * colsA);
        double[] b = random(rnd, rows * colsB);
        double[] c0 = random(rnd, colsA * colsB);
        double[] c = c0.clone();
        Kernels.crossUpdate(a, rows, colsA, b, colsB, c);
        assertCross(a, rows, colsA, b, colsB, c0, c, "cross seed " + seed);
    }

    @Test
    void exactSmallCaseByHand() {
        // A = [[1,2],[3,4],[5,6]]: A^T A = [[35,44],[44,56]]; B = [[1],[0],[-1]]: A^T B = [[-4],[-4]]
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] g = {1, 0, 0, 1};
        Kernels.gramUpdate(a, 3, 2, g);
        assertArrayEquals(new double[] {36, 44, 44, 57}, g, 0.0);
        double[] c = {0.5, 0.5};
        Kernels.crossUpdate(a, 3, 2, new double[] {1, 0, -1}, 1, c);
        assertArrayEquals(new double[] {-3.5, -3.5}, c, 0.0);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22})
    void bitIdenticalForAnyThreadCount(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 700;
        int cols = 310; // 256 * 310^2 / 2 multiply-adds per chunk: above the parallel threshold
        assertTrue((long) GramKernels.KC * cols * cols / 2 >= GramKernels.PARALLEL_WORK);
        double[] a = random(rnd, rows * cols);
        double[] ref = new double[cols * cols];
        GramKernels.gramUpdate(a, rows, cols, ref, 1);
        for (int threads : new int[] {2, 3, 5}) {
            double[] g = new double[cols * cols];
            GramKernels.gramUpdate(a, rows, cols, g, threads);
            assertArrayEquals(ref, g, 0.0, "gram with " + threads + " threads, seed " + seed);
        }
        int colsB = 290;
        double[] b = random(rnd, rows * colsB);
        double[] cref = new double[cols * colsB];
        GramKernels.crossUpdate(a, rows, cols, b, colsB, cref, 1);
        for (int threads : new int[] {2, 4}) {
            double[] c = new double[cols * colsB];
            GramKernels.crossUpdate(a, rows, cols, b, colsB, c, threads);
            assertArrayEquals(cref, c, 0.0, "cross with " + threads + " threads, seed " + seed);
        }
    }

    @ParameterizedTest(name = "kc {0}")
    @ValueSource(ints = {0, 1, 2, 17, 256})
    void vectorTileEqualsScalarTileBitForBit(int kc) {
        if (!VectorSupport.ENABLED || VectorKernels.L != 8) {
            System.out.println("vector tile not in use (weir.vector=false, module absent, or no 8-lane vectors): scalar path only");
            return;
        }
        SplittableRandom rnd = new SplittableRandom(kc + 100);
        double[] pi = random(rnd, kc * 24 + 20);
        double[] pj = random(rnd, kc * 30 + 40);
        double[] v = new double[GramKernels.MR * GramKernels.NR];
        double[] s = new double[GramKernels.MR * GramKernels.NR];
        java.util.Arrays.fill(v, Double.NaN); // the tile overwrites, never accumulates
        VectorKernels.gramTile8x24(pi, 3, pj, 5, kc, v);
        GramKernels.scalarTile(pi, 3, 24, pj, 5, 24, kc, s);
        assertArrayEquals(s, v, 0.0);
        java.util.Arrays.fill(v, Double.NaN);
        VectorKernels.crossTile8x24(pi, 3, pj, 5, kc, v);
        GramKernels.scalarTile(pi, 3, 8, pj, 5, 24, kc, s);
        assertArrayEquals(s, v, 0.0);
    }

    /** Packs rows [0, kc) of the row-major rows x cols a into the layout of gramUpdateUpperPacked (garbage elsewhere). */
    static double[] packForTest(double[] a, int kc, int cols, int chunkRows, SplittableRandom rnd) {
        double[] pk = new double[GramKernels.packedLength(chunkRows, cols)];
        java.util.Arrays.fill(pk, 1e300); // rows past kc and columns past cols must not reach the result
        int w = GramKernels.PANEL_WIDTH;
        for (int r = 0; r < kc; r++) {
            for (int c = 0; c < cols; c++) {
                pk[(c / w) * chunkRows * w + r * w + c % w] = a[r * cols + c];
            }
        }
        return pk;
    }

    @ParameterizedTest(name = "kc {0} chunkRows {1} cols {2} seed {3}")
    @CsvSource({"0,8,5,1", "1,1,1,2", "7,9,23,3", "24,24,24,4", "25,64,49,5", "100,512,131,6", "512,512,300,7",
        "300,512,301,8", "64,64,250,9"})
    void packedUpdateMatchesNaiveThenRowActionRunsAfterTheRowsTiles(int kc, int chunkRows, int cols, long seed) {
        System.out.println("packed kc=" + kc + " chunkRows=" + chunkRows + " cols=" + cols + " seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = random(rnd, kc * cols);
        double[] pk = packForTest(a, kc, cols, chunkRows, rnd);
        double[] g0 = random(rnd, cols * cols);
        double[] g = g0.clone();
        // the action adds 1 to each upper entry of its rows after checking that the row already holds the update
        boolean[] seen = new boolean[cols];
        int[] wrongOrder = new int[1];
        GramKernels.RowAction act = (from, to) -> {
            for (int i = from; i < to; i++) {
                double s = g0[i * cols + i];
                for (int r = 0; r < kc; r++) {
                    s += a[r * cols + i] * a[r * cols + i];
                }
                if (Math.abs(g[i * cols + i] - s) > 1e-9 * (1 + Math.abs(s))) {
                    wrongOrder[0]++;
                }
                synchronized (seen) {
                    if (seen[i]) {
                        wrongOrder[0]++;
                    }
                    seen[i] = true;
                }
                for (int j = i; j < cols; j++) {
                    g[i * cols + j] += 1.0;
                }
            }
        };
        GramKernels.Pending p = GramKernels.gramUpdateUpperPacked(pk, chunkRows, kc, cols, g, act, true);
        p.join();
        assertEquals(0, wrongOrder[0], "row action applied before the rows' tiles, or twice");
        for (int i = 0; i < cols; i++) {
            assertTrue(seen[i], "row " + i + " got no action");
        }
        double[] got = new double[cols * cols];
        double[] base = g0.clone();
        for (int i = 0; i < cols; i++) {
            for (int j = i; j < cols; j++) {
                got[i * cols + j] = g[i * cols + j] - 1.0;
                got[j * cols + i] = got[i * cols + j];
                base[j * cols + i] = base[i * cols + j];
            }
        }
        assertCross(a, kc, cols, a, cols, base, got, "packed seed " + seed);
        // without the action: the same bits as the unpacked kernel
        double[] h = g0.clone();
        GramKernels.gramUpdateUpperPacked(pk, chunkRows, kc, cols, h, null, false);
        double[] ref = g0.clone();
        GramKernels.gramUpdateUpper(a, kc, cols, ref, 1);
        for (int i = 0; i < cols; i++) {
            for (int j = i; j < cols; j++) {
                assertEquals(ref[i * cols + j], h[i * cols + j], 0.0, "upper (" + i + "," + j + ") vs unpacked kernel");
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33})
    void packedUpdateBitIdenticalForAnyThreadCountAndInBackground(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int kc = 512;
        int cols = 333;
        assertTrue((long) kc * cols * cols / 2 >= GramKernels.PARALLEL_WORK);
        double[] a = random(rnd, kc * cols);
        double[] pk = packForTest(a, kc, cols, kc, rnd);
        double[] g0 = random(rnd, cols * cols);
        GramKernels.RowAction act = (from, to) -> { };
        double[] ref = g0.clone();
        GramKernels.packedUpdate(pk, kc, kc, cols, ref, null, 1, false);
        for (int threads : new int[] {2, 3, 7}) {
            for (boolean background : new boolean[] {false, true}) {
                double[] g = g0.clone();
                GramKernels.packedUpdate(pk, kc, kc, cols, g, act, threads, background).join();
                for (int i = 0; i < cols; i++) {
                    for (int j = i; j < cols; j++) {
                        assertEquals(ref[i * cols + j], g[i * cols + j], 0.0, "threads " + threads + " background "
                                + background + " seed " + seed + " at (" + i + "," + j + ")");
                    }
                }
            }
        }
    }

    @Test
    void packedUpdateRejectsBadShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> GramKernels.gramUpdateUpperPacked(new double[24 * 4], 4, 5, 3, new double[9], null, false));
        assertThrows(IllegalArgumentException.class,
                () -> GramKernels.gramUpdateUpperPacked(new double[24 * 3], 4, 2, 3, new double[9], null, false));
        assertThrows(IllegalArgumentException.class,
                () -> GramKernels.gramUpdateUpperPacked(new double[24 * 4], 4, 2, 3, new double[8], null, false));
    }

    @Test
    void rejectsShortArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.gramUpdate(new double[5], 2, 3, new double[9]));
        assertTrue(e.getMessage().contains("block"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.gramUpdate(new double[6], 2, 3, new double[8]));
        assertThrows(IllegalArgumentException.class, () -> Kernels.gramUpdate(new double[6], -1, 3, new double[9]));
        assertThrows(IllegalArgumentException.class,
                () -> Kernels.crossUpdate(new double[6], 2, 3, new double[4], 2, new double[5]));
    }
}
