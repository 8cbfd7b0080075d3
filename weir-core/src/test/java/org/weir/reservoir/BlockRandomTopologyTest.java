package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weir.data.Narma;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;
import org.weir.linalg.CsrMatrix;
import org.weir.linalg.Precision;
import org.weir.linalg.SpectralRadius;
import org.weir.metrics.Metrics;
import org.weir.readout.LinearReadout;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.init.RecurrentMatrices;

/** {@link Topology#BLOCK_RANDOM}: its structure, its exact arithmetic, and its quality against {@link Topology#RANDOM}. */
class BlockRandomTopologyTest {

    static EchoStateReservoir reservoir(Topology t, int n, double sr, double leak, double inputScaling, long seed) {
        return EchoStateReservoir.builder().units(n).connectivity(0.1).spectralRadius(sr).leakRate(leak)
                .inputScaling(inputScaling).topology(t).seed(seed).build(1);
    }

    @ParameterizedTest(name = "n {0} seed {1}")
    @CsvSource({"203,1", "160,2", "8,3", "9,4"})
    void groupsOfEightRowsShareColumnsWithTheirOwnWeightsAndTheRequestedRadius(int n, long seed) {
        System.out.println("block-random structure n " + n + " seed " + seed);
        EchoStateReservoir r = reservoir(Topology.BLOCK_RANDOM, n, 0.9, 1.0, 1.0, seed);
        CsrMatrix w = r.recurrentMatrix();
        int k = (int) Math.max(1, Math.round(0.1 * n));
        int[] rp = w.rowPtr();
        int[] ci = w.colIdx();
        double[] v = w.values();
        Set<String> groupColumns = new HashSet<>();
        for (int i = 0; i < n; i++) {
            assertEquals(k, rp[i + 1] - rp[i], "row " + i + " has the in-degree round(p N)");
            int lead = i - i % RecurrentMatrices.ROW_GROUP;
            int[] mine = Arrays.copyOfRange(ci, rp[i], rp[i + 1]);
            assertArrayEquals(Arrays.copyOfRange(ci, rp[lead], rp[lead + 1]), mine, "row " + i + " shares row " + lead
                    + "'s columns");
            assertEquals(k, Arrays.stream(mine).distinct().count(), "distinct columns in row " + i);
            if (i == lead) {
                groupColumns.add(Arrays.toString(mine));
            } else {
                assertNotEquals(Arrays.toString(Arrays.copyOfRange(v, rp[lead], rp[lead + 1])),
                        Arrays.toString(Arrays.copyOfRange(v, rp[i], rp[i + 1])), "row " + i + " has its own weights");
            }
        }
        int groups = (n + RecurrentMatrices.ROW_GROUP - 1) / RecurrentMatrices.ROW_GROUP;
        if (k < n) {
            assertTrue(groupColumns.size() > groups / 2, "groups draw their columns independently");
        }
        assertEquals(0.9, SpectralRadius.ofDense(w.toDense()), 1e-6, "spectral radius, dense eigenvalues");
        assertEquals(0.9, r.spectralRadius(), 0.0);
        // same seed, same matrix; another seed, another one
        assertArrayEquals(v, reservoir(Topology.BLOCK_RANDOM, n, 0.9, 1.0, 1.0, seed).recurrentMatrix().values(), 0.0);
        assertTrue(!Arrays.equals(v, reservoir(Topology.BLOCK_RANDOM, n, 0.9, 1.0, 1.0, seed + 100).recurrentMatrix()
                .values()));
    }

    @ParameterizedTest(name = "precision {0}")
    @CsvSource({"FLOAT64", "FLOAT32"})
    void stepsEqualTheDenseUpdateAndSurviveSaveAndLoadBitForBit(Precision precision) {
        int n = 301;
        EchoStateReservoir r = EchoStateReservoir.builder().units(n).connectivity(0.1).spectralRadius(0.9).leakRate(0.3)
                .topology(Topology.BLOCK_RANDOM).precision(precision).seed(8).build(2);
        double[][] w = r.recurrentMatrix().toDense();
        double[] win = r.inputMatrix();
        double[] b = r.bias();
        double[] x = new double[n];
        ReservoirState s = r.newState();
        ArrayBundle arrays = new ArrayBundle();
        r.saveArrays(arrays, "");
        EchoStateReservoir loaded = EchoStateReservoir.load(Json.parseObject(Json.write(r.describe())), arrays, "");
        ReservoirState s2 = loaded.newState();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int t = 0; t < 60; t++) {
            double[] u = {rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1)};
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double a = b[i] + win[2 * i] * u[0] + win[2 * i + 1] * u[1];
                for (int j = 0; j < n; j++) {
                    a += w[i][j] * x[j];
                }
                next[i] = 0.7 * x[i] + 0.3 * Math.tanh(a);
            }
            x = next;
            r.step(s, u, null);
            loaded.step(s2, u, null);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i], s.values()[i], 1e-12, "unit " + i + " at step " + t + " vs the dense update");
            }
            assertArrayEquals(s.values(), s2.values(), 0.0, "loaded reservoir, step " + t);
        }
    }

    /**
     * Quality against {@link Topology#RANDOM} (ReservoirPy's pattern) over ten seeds at N=200: linear memory
     * capacity (delays 1..100, spectral radius 0.95, input scaling 0.1) and NARMA10 NRMSE. Measured (20 seeds):
     * MC 40.5 +- 2.8 block-random, 42.2 +- 3.1 random, 43.5 +- 2.6 fixed in-degree; NARMA10 0.227, 0.232, 0.223.
     */
    @Test
    void memoryCapacityAndNarmaMatchTheUniformTopologyWithinSeedNoise() {
        int seeds = 10;
        double[] mcBlock = new double[seeds];
        double[] mcRandom = new double[seeds];
        double[] narmaBlock = new double[seeds];
        double[] narmaRandom = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            long seed = k + 1;
            mcBlock[k] = ReservoirDiagnostics.memoryCapacity(reservoir(Topology.BLOCK_RANDOM, 200, 0.95, 1.0, 0.1, seed),
                    100, 100, 2000, 1000, 1e-8, seed).total();
            mcRandom[k] = ReservoirDiagnostics.memoryCapacity(reservoir(Topology.RANDOM, 200, 0.95, 1.0, 0.1, seed),
                    100, 100, 2000, 1000, 1e-8, seed).total();
            narmaBlock[k] = narma10(reservoir(Topology.BLOCK_RANDOM, 200, 0.9, 1.0, 0.5, seed), seed);
            narmaRandom[k] = narma10(reservoir(Topology.RANDOM, 200, 0.9, 1.0, 0.5, seed), seed);
        }
        double mb = mean(mcBlock);
        double mr = mean(mcRandom);
        double nb = mean(narmaBlock);
        double nr = mean(narmaRandom);
        System.out.printf("memory capacity block-random %.2f +- %.2f, random %.2f +- %.2f; NARMA10 NRMSE %.4f vs %.4f%n",
                mb, sd(mcBlock), mr, sd(mcRandom), nb, nr);
        double se = Math.sqrt((sd(mcBlock) * sd(mcBlock) + sd(mcRandom) * sd(mcRandom)) / seeds);
        assertTrue(Math.abs(mb - mr) <= 3 * se, "memory capacity differs by " + (mb - mr) + ", more than 3 standard errors "
                + se);
        assertTrue(mb > 30, "memory capacity " + mb + " of 200 units");
        assertTrue(nb <= 1.1 * nr && nb < 0.3, "NARMA10 NRMSE " + nb + " vs " + nr);
    }

    private static double narma10(EchoStateReservoir r, long seed) {
        double[] u = Narma.input(2300, seed);
        double[] y = Narma.narma10(Narma.Variant.TEXTBOOK).outputFor(u);
        ReservoirState x = r.newState();
        double[][] states = new double[u.length][];
        for (int t = 0; t < u.length; t++) {
            r.step(x, new double[] {u[t]}, null);
            states[t] = x.values().clone();
        }
        int wash = 200;
        int train = 1500;
        int test = 600;
        double[][] xs = new double[train][];
        double[][] ys = new double[train][1];
        for (int i = 0; i < train; i++) {
            xs[i] = states[wash + i];
            ys[i][0] = y[wash + i];
        }
        LinearReadout ro = RidgeReadout.withRidge(1e-8).fit(xs, ys);
        double[][] truth = new double[test][1];
        double[][] pred = new double[test][1];
        for (int i = 0; i < test; i++) {
            int t = wash + train + i;
            truth[i][0] = y[t];
            ro.predict(states[t], pred[i]);
        }
        return Metrics.nrmse(truth, pred);
    }

    private static double mean(double[] a) {
        return Arrays.stream(a).average().orElseThrow();
    }

    private static double sd(double[] a) {
        double m = mean(a);
        return Math.sqrt(Arrays.stream(a).map(v -> (v - m) * (v - m)).sum() / (a.length - 1));
    }
}
