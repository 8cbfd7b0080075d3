package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intrinsic plasticity moves the reservoir's output distribution to the target: mean and standard deviation
 * of the states approach the target's and a histogram estimate of KL(states || target) falls, measured on
 * fresh input after the adaptation.
 */
class IntrinsicPlasticityReservoirTest {

    static EchoStateConfig network() {
        return EchoStateReservoir.builder().units(100).spectralRadius(0.9).inputScaling(1.0).inputConnectivity(1.0)
                .seed(3).config();
    }

    /** Mean, std and histogram KL(empirical || target) of all state values after a 100-step washout. */
    static double[] stats(Reservoir r, double lo, double hi, DoubleUnaryOperator density) {
        double[][] states = r.run(ResearchTasks.uniform(1100, 1, 99));
        int bins = 40;
        double[] p = new double[bins];
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int t = 100; t < states.length; t++) {
            for (double v : states[t]) {
                int k = (int) Math.floor((v - lo) / (hi - lo) * bins);
                p[Math.max(0, Math.min(bins - 1, k))]++;
                sum += v;
                sq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(sq / n - mean * mean);
        // target mass per bin by the midpoint rule on 50 sub-points, normalized over [lo, hi]
        double[] q = new double[bins];
        double total = 0;
        double h = (hi - lo) / bins;
        for (int k = 0; k < bins; k++) {
            for (int j = 0; j < 50; j++) {
                q[k] += density.applyAsDouble(lo + h * (k + (j + 0.5) / 50)) * h / 50;
            }
            total += q[k];
        }
        double kl = 0;
        for (int k = 0; k < bins; k++) {
            double pk = p[k] / n;
            if (pk > 0) {
                kl += pk * Math.log(pk / (q[k] / total));
            }
        }
        return new double[] {mean, std, kl};
    }

    @Test
    void gaussianTargetForTanhNeurons() {
        double mu = 0.0;
        double sigma = 0.2;
        var ip = IntrinsicPlasticityReservoir.create(network(),
                IntrinsicPlasticityReservoir.Plasticity.gaussian(mu, sigma, 5e-4), 1);
        var adapted = ip.adapt(ResearchTasks.uniform(2000, 1, 7), 5);
        DoubleUnaryOperator gauss = y -> Math.exp(-0.5 * (y - mu) * (y - mu) / (sigma * sigma));
        double[] before = stats(ip, -1, 1, gauss);
        double[] after = stats(adapted, -1, 1, gauss);
        System.out.printf("IP tanh/Gaussian(0, 0.2): mean %.4f -> %.4f, std %.4f -> %.4f, KL %.4f -> %.4f%n",
                before[0], after[0], before[1], after[1], before[2], after[2]);
        assertEquals(mu, after[0], 0.02);
        assertEquals(sigma, after[1], 0.03);
        assertTrue(Math.abs(after[1] - sigma) < 0.5 * Math.abs(before[1] - sigma), "std did not move to the target");
        assertTrue(after[2] < 0.5 * before[2], "KL " + before[2] + " -> " + after[2]);
    }

    @Test
    void exponentialTargetForSigmoidNeurons() {
        double mu = 0.2;
        var ip = IntrinsicPlasticityReservoir.create(network(),
                IntrinsicPlasticityReservoir.Plasticity.exponential(mu, 5e-4), 1);
        var adapted = ip.adapt(ResearchTasks.uniform(2000, 1, 7), 5);
        DoubleUnaryOperator exp = y -> Math.exp(-y / mu);
        double[] before = stats(ip, 0, 1, exp);
        double[] after = stats(adapted, 0, 1, exp);
        System.out.printf("IP sigmoid/exponential(0.2): mean %.4f -> %.4f, std %.4f -> %.4f, KL %.4f -> %.4f%n",
                before[0], after[0], before[1], after[1], before[2], after[2]);
        // exponential with mean 0.2 truncated to [0, 1]: mean 0.2 - e^-5/(1 - e^-5) = 0.1966
        assertEquals(0.1966, after[0], 0.03);
        assertTrue(Math.abs(after[0] - 0.1966) < 0.5 * Math.abs(before[0] - 0.1966));
        assertTrue(after[2] < 0.5 * before[2], "KL " + before[2] + " -> " + after[2]);
    }

    /**
     * IP against the same network without IP (N=100, spectral radius 0.95, input scaling 0.5; Gaussian target
     * N(0, 0.2^2), eta 5e-4, 5 passes over 2000 steps of the task's own training input), seeds 1..3.
     */
    @Test
    void improvesMemoryCapacityAndNarma10OverThePlainEsn() throws Exception {
        double[][] rows = ResearchTasks.narmaRows();
        for (long seed = 1; seed <= 3; seed++) {
            var cfg = EchoStateReservoir.builder().units(100).spectralRadius(0.95).inputScaling(0.5).seed(seed).config();
            var esn = EchoStateReservoir.create(cfg, 1, 0);
            var ip = IntrinsicPlasticityReservoir.create(cfg,
                    IntrinsicPlasticityReservoir.Plasticity.gaussian(0, 0.2, 5e-4), 1);
            double nEsn = ResearchTasks.narmaNrmse(esn, rows);
            double nIp = ResearchTasks.narmaNrmse(ip.adapt(ResearchTasks.narmaTrainingDrive(rows, 2000), 5), rows);
            double mEsn = ReservoirDiagnostics.memoryCapacity(esn, 40, 100, 2000, 1000, 1e-8, 3).total();
            double mIp = ReservoirDiagnostics.memoryCapacity(ip.adapt(ResearchTasks.uniform(2000, 1, 7), 5), 40, 100,
                    2000, 1000, 1e-8, 3).total();
            System.out.printf("IP vs plain ESN N=100 seed %d: NARMA-10 NRMSE %.3f vs %.3f, memory capacity %.2f vs %.2f%n",
                    seed, nIp, nEsn, mIp, mEsn);
            assertTrue(nIp < nEsn, "seed " + seed + ": IP NRMSE " + nIp + " vs ESN " + nEsn);
            assertTrue(mIp > mEsn, "seed " + seed + ": IP MC " + mIp + " vs ESN " + mEsn);
        }
    }

    @Test
    void unadaptedReservoirIsThePlainEsn() {
        var ip = IntrinsicPlasticityReservoir.create(network(),
                IntrinsicPlasticityReservoir.Plasticity.gaussian(0, 0.2, 5e-4), 1);
        double[][] in = ResearchTasks.uniform(50, 1, 1);
        double[][] a = ip.run(in);
        double[][] b = EchoStateReservoir.create(network(), 1, 0).run(in);
        for (int t = 0; t < a.length; t++) {
            assertArrayEquals(b[t], a[t], 1e-15);
        }
        assertEquals(ip.network().effectiveSpectralRadius(), ip.effectiveSpectralRadius(), 1e-9);
    }

    @Test
    void roundTripsThroughModelFile(@TempDir Path dir) throws Exception {
        var cfg = EchoStateReservoir.builder().units(30).leakRate(0.5).seed(8).config();
        var ip = IntrinsicPlasticityReservoir.create(cfg, IntrinsicPlasticityReservoir.Plasticity.exponential(0.3, 1e-3), 2)
                .adapt(ResearchTasks.uniform(300, 2, 4), 1);
        ResearchTasks.assertRoundTrip(ip, dir);
    }

    @Test
    void invalidSettingsNameTheParameter() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> IntrinsicPlasticityReservoir.Plasticity.exponential(1.5, 1e-3));
        assertTrue(e.getMessage().contains("mu") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IntrinsicPlasticityReservoir.Plasticity.gaussian(0, -1, 1e-3));
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
    }
}
