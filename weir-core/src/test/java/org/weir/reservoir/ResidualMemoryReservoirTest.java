package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.weir.io.ArrayBundle;
import org.weir.metrics.Metrics;
import org.weir.model.SequenceClassifier;
import org.weir.readout.RidgeReadout;

/**
 * ResRMN (Pinna, Ceni and Gallicchio 2025) on pixel-by-pixel classification of the 8x8 optical digits
 * (64 steps, one pixel in [0, 1] per step; 1300 training and 497 test sequences; ridge on one-hot labels on
 * the last state), row-major and with a fixed random pixel permutation, against a plain leaky ESN.
 *
 * <p>The ESN settings are the best of a grid over spectral radius {0.9, 1.0} x leak {0.1, 0.3, 1.0} x input
 * scaling {0.5, 1.0} (dense input, N=100, ridge 1e-3); test accuracies of that grid ranged 0.604-0.819
 * (row-major) and 0.610-0.849 (permuted). ResRMN is one preset for both variants (random orthogonal O,
 * alpha 0.9, beta 0.1, rho 0.9, memory scaling 0.2, N_h=100, N_m=64); over O in {orthogonal, cyclic,
 * identity} x alpha {0.5, 0.9, 1} x memory scaling {0.2, 1} it ranged 0.847-0.958 and 0.831-0.909.
 */
class ResidualMemoryReservoirTest {

    static double accuracy(Reservoir r, Digits d) {
        var fitted = SequenceClassifier.of(r, RidgeReadout.withRidge(1e-3), SequenceClassifier.Mode.LAST, 0)
                .fit(d.train(), d.trainLabels(), 10);
        return Metrics.accuracy(d.testLabels(), fitted.predictAll(d.test()));
    }

    static ResidualMemoryReservoir preset(int seed) {
        return ResidualMemoryReservoir.builder().units(100).memoryUnits(64).alpha(0.9).beta(0.1).spectralRadius(0.9)
                .residual(ResidualMemoryReservoir.Residual.ORTHOGONAL).memoryScaling(0.2).seed(seed).build(1);
    }

    static EchoStateReservoir esn(int units, double sr, double leak, double inputScaling) {
        return EchoStateReservoir.builder().units(units).spectralRadius(sr).leakRate(leak).inputScaling(inputScaling)
                .inputConnectivity(1.0).seed(1).build(1);
    }

    @Test
    void beatsPlainEsnOnPixelByPixelDigits() throws Exception {
        Digits rows = Digits.load(-1);
        double rmn = accuracy(preset(1), rows);
        double esn = accuracy(esn(100, 1.0, 0.3, 1.0), rows);
        double esnBig = accuracy(esn(164, 1.0, 0.3, 1.0), rows);
        System.out.printf("digits pixel-by-pixel (row-major) test accuracy: ResRMN (N_h=100, N_m=64) %.3f,"
                + " ESN N=100 %.3f, ESN N=164 %.3f%n", rmn, esn, esnBig);
        assertTrue(rmn > esn + 0.05 && rmn > esnBig + 0.03, "ResRMN " + rmn + " vs ESN " + esn + " / " + esnBig);
    }

    @Test
    void beatsPlainEsnOnPermutedPixelDigits() throws Exception {
        Digits perm = Digits.load(1);
        double rmn = accuracy(preset(1), perm);
        double esn = accuracy(esn(100, 1.0, 1.0, 0.5), perm);
        System.out.printf("digits pixel-by-pixel (permuted) test accuracy: ResRMN %.3f, ESN N=100 %.3f%n", rmn, esn);
        assertTrue(rmn > esn + 0.03, "ResRMN " + rmn + " vs ESN " + esn);
    }

    @Test
    void memoryReservoirIsAnExactCyclicShiftOfProjectedInputs() {
        ResidualMemoryReservoir r = ResidualMemoryReservoir.builder().units(3).memoryUnits(5).seed(4).build(1);
        ArrayBundle b = new ArrayBundle();
        r.saveArrays(b, "");
        double[] vx = b.doubles("V_x");
        ReservoirState s = r.newState();
        double[] u = {0.3, -1.2, 0.7, 2.0, -0.4, 0.9, 1.1};
        for (double v : u) {
            r.step(s, new double[] {v}, null);
        }
        // m_i[T-1] = sum_k vx[(i - k) mod 5] u[T-1-k] for k = 0..T-1
        for (int i = 0; i < 5; i++) {
            double expect = 0;
            for (int k = 0; k < u.length; k++) {
                expect += vx[Math.floorMod(i - k, 5)] * u[u.length - 1 - k];
            }
            assertEquals(expect, s.memory()[i], 1e-14, "memory unit " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(ResidualMemoryReservoir.Residual.class)
    void stabilityRadiusMatchesIndependentComputation(ResidualMemoryReservoir.Residual kind) {
        ResidualMemoryReservoir r = ResidualMemoryReservoir.builder().units(30).alpha(0.7).beta(0.3)
                .spectralRadius(0.9).residual(kind).seed(5).build(1);
        ArrayBundle b = new ArrayBundle();
        r.saveArrays(b, "");
        double[] wh = b.doubles("W_h");
        double[][] lin = new double[30][30];
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 30; j++) {
                double o;
                if (kind == ResidualMemoryReservoir.Residual.ORTHOGONAL) {
                    o = b.doubles("O")[i * 30 + j];
                } else if (kind == ResidualMemoryReservoir.Residual.CYCLIC) {
                    o = j == (i + 29) % 30 ? 1 : 0;
                } else {
                    o = i == j ? 1 : 0;
                }
                lin[i][j] = 0.7 * o + 0.3 * wh[i * 30 + j];
            }
        }
        assertEquals(org.weir.linalg.SpectralRadius.ofDense(lin), r.effectiveSpectralRadius(), 1e-9);
        assertEquals(0.9, RandomDraws.spectralRadius(wh, 30), 1e-9);
        // rho(A) <= |A|_2 <= alpha |O|_2 + beta |W_h|_2 <= alpha + beta |W_h|_F
        assertTrue(r.effectiveSpectralRadius() <= 0.7 + 0.3 * frobenius(wh), "radius above the norm bound");
        if (kind == ResidualMemoryReservoir.Residual.ORTHOGONAL) {
            double[] o = b.doubles("O");
            for (int i = 0; i < 30; i++) {
                for (int j = 0; j < 30; j++) {
                    double dot = 0;
                    for (int k = 0; k < 30; k++) {
                        dot += o[k * 30 + i] * o[k * 30 + j];
                    }
                    assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12, "O^T O at " + i + "," + j);
                }
            }
        }
    }

    private static double frobenius(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Test
    void identityResidualWithFullAlphaIsUnstable() {
        // eigenvalues of I + beta W_h are 1 + beta lambda: some has modulus above 1 for a random W_h
        ResidualMemoryReservoir r = ResidualMemoryReservoir.builder().units(50).alpha(1.0).beta(0.5)
                .residual(ResidualMemoryReservoir.Residual.IDENTITY).seed(2).build(1);
        assertFalse(r.isStable(), "radius " + r.effectiveSpectralRadius());
        assertTrue(preset(1).isStable(), "preset radius " + preset(1).effectiveSpectralRadius());
    }

    @ParameterizedTest
    @EnumSource(ResidualMemoryReservoir.Residual.class)
    void roundTripsThroughModelFile(ResidualMemoryReservoir.Residual kind, @TempDir Path dir) throws Exception {
        ResidualMemoryReservoir r = ResidualMemoryReservoir.builder().units(20).memoryUnits(7).residual(kind)
                .biasScaling(0.1).seed(3).build(2);
        ResearchTasks.assertRoundTrip(r, dir);
    }

    @Test
    void invalidConfigurationNamesTheParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> ResidualMemoryReservoir.builder().beta(0).config());
        assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("(0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ResidualMemoryReservoir.Residual.parse("spiral"));
        assertTrue(e.getMessage().contains("spiral"), e.getMessage());
    }
}
