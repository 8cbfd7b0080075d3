package org.weir.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RidgeReadoutTest {

    record Data(double[][] x, double[][] y) {
    }

    static Data random(long seed, int n, int d, int k) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        double[][] y = new double[n][k];
        double[][] w = new double[k][d];
        for (double[] row : w) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < d; j++) {
                x[t][j] = 3.0 + r.nextGaussian(); // far from zero mean: exercises the centring
            }
            for (int c = 0; c < k; c++) {
                double s = 0.5 * c - 1.0;
                for (int j = 0; j < d; j++) {
                    s += w[c][j] * x[t][j];
                }
                y[t][c] = s + 0.1 * r.nextGaussian();
            }
        }
        return new Data(x, y);
    }

    /** Naive normal equations on explicitly built (augmented / centred) matrices with EJML's LU solve. */
    static double[][] naive(Data data, double ridge, BiasMode mode) {
        int n = data.x.length;
        int d = data.x[0].length;
        int k = data.y[0].length;
        int o = mode == BiasMode.REGULARIZED ? 1 : 0;
        DMatrixRMaj x = new DMatrixRMaj(n, d + o);
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        double[] mx = new double[d];
        double[] my = new double[k];
        if (mode == BiasMode.CENTERED) {
            for (int t = 0; t < n; t++) {
                for (int j = 0; j < d; j++) {
                    mx[j] += data.x[t][j] / n;
                }
                for (int c = 0; c < k; c++) {
                    my[c] += data.y[t][c] / n;
                }
            }
        }
        for (int t = 0; t < n; t++) {
            if (o == 1) {
                x.set(t, 0, 1.0);
            }
            for (int j = 0; j < d; j++) {
                x.set(t, j + o, data.x[t][j] - mx[j]);
            }
            for (int c = 0; c < k; c++) {
                y.set(t, c, data.y[t][c] - my[c]);
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(d + o, d + o);
        CommonOps_DDRM.multTransA(x, x, a);
        for (int i = 0; i < d + o; i++) {
            a.add(i, i, ridge);
        }
        DMatrixRMaj b = new DMatrixRMaj(d + o, k);
        CommonOps_DDRM.multTransA(x, y, b);
        DMatrixRMaj sol = new DMatrixRMaj(d + o, k);
        CommonOps_DDRM.solve(a, b, sol);
        double[][] wb = new double[k][d + 1]; // [bias, w...]
        for (int c = 0; c < k; c++) {
            double bias = mode == BiasMode.REGULARIZED ? sol.get(0, c) : my[c];
            for (int j = 0; j < d; j++) {
                wb[c][j + 1] = sol.get(j + o, c);
                if (mode == BiasMode.CENTERED) {
                    bias -= sol.get(j, c) * mx[j];
                }
            }
            wb[c][0] = bias;
        }
        return wb;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void equalsNaiveNormalEquations(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 50 + r.nextInt(900);
        int d = 1 + r.nextInt(40);
        int k = 1 + r.nextInt(3);
        Data data = random(seed, n, d, k);
        for (BiasMode mode : BiasMode.values()) {
            double ridge = mode == BiasMode.NONE ? 1e-3 : 0.5;
            LinearReadout got = new RidgeReadout(ridge, mode).fit(data.x, data.y);
            double[][] want = naive(data, ridge, mode);
            for (int c = 0; c < k; c++) {
                assertEquals(want[c][0], got.bias()[c], 1e-8 * (1 + Math.abs(want[c][0])), "seed " + seed + " " + mode + " bias");
                for (int j = 0; j < d; j++) {
                    assertEquals(want[c][j + 1], got.weight(c, j), 1e-8 * (1 + Math.abs(want[c][j + 1])),
                            "seed " + seed + " " + mode + " w[" + c + "," + j + "]");
                }
            }
        }
    }

    @Test
    void streamingOverSequencesEqualsOneShotAndMergeIsExact() {
        Data data = random(9, 1000, 12, 2);
        RidgeStatistics all = new RidgeStatistics(12, 2);
        RidgeStatistics a = new RidgeStatistics(12, 2);
        RidgeStatistics b = new RidgeStatistics(12, 2);
        for (int t = 0; t < 1000; t++) {
            all.add(data.x[t], data.y[t]);
            (t < 317 ? a : b).add(data.x[t], data.y[t]);
        }
        a.merge(b);
        RidgeReadout rr = RidgeReadout.withRidge(1e-3);
        LinearReadout one = rr.solve(all);
        LinearReadout merged = rr.solve(a);
        for (int j = 0; j < 12; j++) {
            assertEquals(one.weight(0, j), merged.weight(0, j), 1e-10);
        }
        assertEquals(1000, a.count());
    }

    @Test
    void collinearFeaturesWithoutRidgeFallBackToMinimumNorm() {
        // x2 = x1 exactly: X^T X is singular; the minimum-norm solution splits the weight equally
        int n = 200;
        double[][] x = new double[n][2];
        double[][] y = new double[n][1];
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < n; t++) {
            double v = r.nextGaussian();
            x[t][0] = v;
            x[t][1] = v;
            y[t][0] = 2.0 * v + 1.0;
        }
        RidgeStatistics s = new RidgeStatistics(2, 1);
        for (int t = 0; t < n; t++) {
            s.add(x[t], y[t]);
        }
        RidgeReadout.Solution sol = new RidgeReadout(0.0, BiasMode.CENTERED).solveWithDiagnostics(s);
        assertEquals("eigen", sol.method());
        assertEquals(1.0, sol.readout().weight(0, 0), 1e-9);
        assertEquals(1.0, sol.readout().weight(0, 1), 1e-9);
        assertEquals(1.0, sol.readout().bias()[0], 1e-9);
    }

    @Test
    void rlsWithoutForgettingConvergesToRidge() {
        Data data = random(4, 600, 8, 2);
        double delta = 0.3;
        LinearReadout rls = new RlsReadout(1.0, delta).fit(data.x, data.y);
        LinearReadout ridge = new RidgeReadout(delta, BiasMode.REGULARIZED).fit(data.x, data.y);
        for (int c = 0; c < 2; c++) {
            assertEquals(ridge.bias()[c], rls.bias()[c], 1e-7);
            for (int j = 0; j < 8; j++) {
                assertEquals(ridge.weight(c, j), rls.weight(c, j), 1e-7);
            }
        }
    }

    @Test
    void rlsWithForgettingTracksAChangeOfSystem() {
        // y = 2x for 500 steps, then y = -x: with lambda = 0.98 the weight follows the change
        RlsReadout.Learner l = new RlsReadout(0.98, 1.0).begin(1, 1);
        SplittableRandom r = new SplittableRandom(5);
        for (int t = 0; t < 1000; t++) {
            double v = r.nextGaussian();
            l.add(new double[] {v}, new double[] {t < 500 ? 2 * v : -v});
        }
        assertEquals(-1.0, l.finish().weight(0, 0), 1e-3);
    }

    @Test
    void normalizedLmsLearnsANoiselessLinearMap() {
        Data data = random(6, 4000, 5, 1);
        double[][] clean = new double[data.x.length][1];
        for (int t = 0; t < clean.length; t++) {
            clean[t][0] = 1.5 * data.x[t][0] - 0.5 * data.x[t][3] + 0.25;
        }
        LinearReadout w = new LmsReadout(0.5, true).fit(data.x, clean);
        double[] out = new double[1];
        w.predict(new double[] {3, 3, 3, 3, 3}, out);
        assertEquals(1.5 * 3 - 0.5 * 3 + 0.25, out[0], 1e-2);
    }

    @Test
    void invalidConfigurationNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RidgeReadout.withRidge(-1));
        assertEquals("ridge must be a finite number >= 0, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RlsReadout(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> RidgeReadout.withRidge(1).fit(new double[0][], new double[0][]));
    }
}
