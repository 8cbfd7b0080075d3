package org.weir.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsTest {
    // truth 1,2,3,4 / pred 1,2,3,5: SSE 1, mean 2.5, SST 5
    private static final double[] Y = {1, 2, 3, 4};
    private static final double[] P = {1, 2, 3, 5};

    @Test
    void handComputedOneOutput() {
        assertEquals(0.25, Metrics.mse(Y, P), 1e-15);
        assertEquals(0.5, Metrics.rmse(Y, P), 1e-15);
        assertEquals(0.25, Metrics.mae(Y, P), 1e-15);
        assertEquals(0.8, Metrics.r2(Y, P), 1e-15);
        // RMSE / population std = 0.5 / sqrt(5/4) = sqrt(1/5)
        assertEquals(Math.sqrt(0.2), Metrics.nrmse(Y, P), 1e-15);
    }

    @Test
    void handComputedPooledOverOutputs() {
        double[][] y = {{1, 10}, {3, 30}};
        double[][] p = {{2, 10}, {3, 33}};
        // SSE = 1 + 9 = 10 over 4 entries; means (2, 20); SST = 1 + 1 + 100 + 100 = 202
        assertEquals(2.5, Metrics.mse(y, p), 1e-15);
        assertEquals(Math.sqrt(2.5), Metrics.rmse(y, p), 1e-15);
        assertEquals(1.0, Metrics.mae(y, p), 1e-15);
        assertEquals(1 - 10.0 / 202, Metrics.r2(y, p), 1e-15);
        assertEquals(Math.sqrt(10.0 / 202), Metrics.nrmse(y, p), 1e-15);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void perfectAndMeanPredictors(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] y = new double[40][3];
        for (double[] r : y) {
            for (int j = 0; j < 3; j++) {
                r[j] = rng.nextDouble(-5, 5) * (j + 1) + j;
            }
        }
        double[] mean = new double[3];
        for (double[] r : y) {
            for (int j = 0; j < 3; j++) {
                mean[j] += r[j] / y.length;
            }
        }
        double[][] meanPred = new double[y.length][];
        for (int t = 0; t < y.length; t++) {
            meanPred[t] = mean.clone();
        }
        assertEquals(1.0, Metrics.r2(y, y), 0.0, "seed " + seed);
        assertEquals(0.0, Metrics.nrmse(y, y), 0.0, "seed " + seed);
        assertEquals(1.0, Metrics.nrmse(y, meanPred), 1e-12, "seed " + seed);
        assertEquals(0.0, Metrics.r2(y, meanPred), 1e-12, "seed " + seed);
        assertEquals(y.length, Metrics.validPredictionTime(y, y, 0.1), "seed " + seed);
        // nrmse^2 = 1 - r2 for any prediction
        double[][] noisy = new double[y.length][3];
        for (int t = 0; t < y.length; t++) {
            for (int j = 0; j < 3; j++) {
                noisy[t][j] = y[t][j] + rng.nextDouble(-1, 1);
            }
        }
        double n = Metrics.nrmse(y, noisy);
        assertEquals(1 - Metrics.r2(y, noisy), n * n, 1e-12, "seed " + seed);
    }

    @Test
    void validPredictionTimeByHand() {
        // truth 0,1,0,1: mean 0.5, sigma 0.5; errors 0, 0.1, 0.3, 0 -> normalized 0, 0.2, 0.6, 0
        double[] y = {0, 1, 0, 1};
        double[] p = {0, 1.1, 0.3, 1};
        assertEquals(2, Metrics.validPredictionTime(y, p, 0.5));
        assertEquals(1, Metrics.validPredictionTime(y, p, 0.19));
        assertEquals(4, Metrics.validPredictionTime(y, p, 0.6)); // never exceeded (0.6 is not > 0.6)
        // 2-D: mean (1,1), ||y - mean||^2 = 2 for every row -> sigma = sqrt 2
        double[][] y2 = {{0, 0}, {2, 0}, {0, 2}, {2, 2}};
        double[][] p2 = {{0.3, 0.4}, {3, 1}, {0, 2}, {2, 2}};
        // errors: 0.5 / sqrt2 = 0.354, sqrt2 / sqrt2 = 1
        assertEquals(1, Metrics.validPredictionTime(y2, p2, 0.5));
        assertEquals(0, Metrics.validPredictionTime(y2, p2, 0.3));
        assertEquals(4, Metrics.validPredictionTime(y2, p2, 1.0));
    }

    @Test
    void memoryCapacityByHand() {
        double[][] target = {{1, 1, 1}, {2, -1, 1}, {3, 1, -1}, {4, -1, -1}};
        double[][] pred = {
            {2 * 1 + 3, 7, 1},
            {2 * 2 + 3, 7, -1},
            {2 * 3 + 3, 7, 1},
            {2 * 4 + 3, 7, -1}};
        // col 0: exact affine -> 1; col 1: constant prediction -> 0; col 2: (1,1,-1,-1) vs (1,-1,1,-1) -> cov 0
        assertArrayEquals(new double[] {1, 0, 0}, Metrics.memoryCapacityPerDelay(target, pred), 1e-15);
        assertEquals(1.0, Metrics.memoryCapacity(target, pred), 1e-15);
        // a = 1,2,3,4 vs b = 1,3,2,4: cov 4, var 5 each -> r^2 = 16/25
        double[][] a = {{1}, {2}, {3}, {4}};
        double[][] b = {{1}, {3}, {2}, {4}};
        assertEquals(0.64, Metrics.memoryCapacity(a, b), 1e-15);
    }

    /** A model that recalls every delay perfectly has memory capacity K; one that outputs the current input has 0 (i.i.d. input). */
    @Test
    void memoryCapacityOnTheMemoryTask() {
        org.weir.data.MemoryTask task = org.weir.data.MemoryTask.generate(5000, 8, 99);
        double[][] targets = task.targets();
        assertEquals(8.0, Metrics.memoryCapacity(targets, targets), 1e-12);
        double[][] current = new double[targets.length][8];
        double[][] u = task.inputRows();
        for (int t = 0; t < current.length; t++) {
            java.util.Arrays.fill(current[t], u[t][0]);
        }
        // sample r^2 of independent series is about 1/T per delay
        double mc = Metrics.memoryCapacity(targets, current);
        assertTrue(mc < 8 * 10.0 / targets.length, "MC of a memoryless model " + mc);
    }

    @Test
    void classification() {
        int[] truth = {0, 1, 2, 1};
        int[] pred = {0, 2, 2, 1};
        assertEquals(0.75, Metrics.accuracy(truth, pred), 0.0);
        assertArrayEquals(new int[][] {{1, 0, 0}, {0, 1, 1}, {0, 0, 1}}, Metrics.confusionMatrix(truth, pred, 3));
        assertThrows(IllegalArgumentException.class, () -> Metrics.confusionMatrix(truth, pred, 2));
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(truth, new int[3]));
    }

    @Test
    void intervals() {
        double[] y = {0, 5, -3};
        double[] lo = {-1, -1, -1};
        double[] hi = {1, 1, 1};
        assertEquals(1.0 / 3, Metrics.coverage(y, lo, hi), 1e-15);
        assertEquals(2.0, Metrics.meanIntervalWidth(lo, hi), 0.0);
        // widths 2; y=5 adds (2/0.1)*4 = 80; y=-3 adds (2/0.1)*2 = 40 -> (2 + 82 + 42) / 3
        assertEquals(42.0, Metrics.winklerScore(y, lo, hi, 0.1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Metrics.coverage(y, hi, lo));
    }

    @Test
    void shapeAndValueErrors() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mse(new double[][] {{1}, {2}}, new double[][] {{1}}));
        assertTrue(rows.getMessage().contains("truth has 2 rows, pred has 1"), rows.getMessage());
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mse(new double[][] {{1, 2}}, new double[][] {{1}}));
        assertTrue(cols.getMessage().contains("row 0: truth has 2 columns, pred has 1"), cols.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.mse(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Metrics.mse(new double[] {Double.NaN}, new double[] {1}));
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
                () -> Metrics.nrmse(new double[] {2, 2}, new double[] {1, 2}));
        assertTrue(constant.getMessage().contains("constant"), constant.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.r2(new double[] {2, 2}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.validPredictionTime(Y, P, 0));
    }
}
