package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.ReservoirState;

/**
 * How close ResCP's projected keys ({@code keyDimension = k}) come to the exact method. For unit vectors with
 * cosine c, a Gaussian projection to k dimensions gives an inner-product estimate with standard deviation
 * {@code sqrt((1 + c^2)/k)} (Johnson-Lindenstrauss; Achlioptas 2003); after renormalization the error is smaller
 * (it shrinks as c approaches 1). Measured on reservoir states, then the intervals end to end.
 */
class KeyProjectionTest {

    @ParameterizedTest(name = "N={0} k={1}")
    @CsvSource({"200,16", "200,64", "512,32"})
    void projectedCosinesOfReservoirStatesStayWithinTheJohnsonLindenstraussScale(int units, int k) {
        SplittableRandom rnd = new SplittableRandom(units + k);
        EchoStateReservoir res = EchoStateReservoir.builder().units(units).spectralRadius(0.9).leakRate(0.5)
                .inputScaling(1.0).biasScaling(0.5).connectivity(0.1).seed(5).build(1);
        ReservoirState st = res.newState();
        int count = 600;
        double[][] h = new double[count][];
        for (int i = 0; i < count; i++) {
            res.step(st, new double[] {((i / 40) % 2 == 0 ? 0.3 : 1.5) * rnd.nextGaussian()}, null);
            h[i] = st.values().clone();
            SimilarityWindow.normalize(h[i], 0, units);
        }
        KeyProjection p = new KeyProjection(units, k, 77);
        double[][] z = new double[count][k];
        for (int i = 0; i < count; i++) {
            p.apply(h[i], 0, z[i], 0);
            SimilarityWindow.normalize(z[i], 0, k);
        }
        double maxErr = 0;
        double sumSq = 0;
        int pairs = 0;
        for (int i = 100; i < count; i += 7) {
            for (int j = 100; j < count; j += 5) {
                double c = dot(h[i], h[j]);
                double cp = dot(z[i], z[j]);
                double e = Math.abs(cp - c);
                maxErr = Math.max(maxErr, e);
                sumSq += e * e;
                pairs++;
            }
        }
        double rms = Math.sqrt(sumSq / pairs);
        System.out.printf("N=%d k=%d: projected cosine error rms %.4f, max %.4f (JL scale sqrt(2/k) = %.4f)%n", units,
                k, rms, maxErr, Math.sqrt(2.0 / k));
        assertTrue(rms <= Math.sqrt(2.0 / k), "rms " + rms);
        assertTrue(maxErr <= 5 * Math.sqrt(2.0 / k), "max " + maxErr);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest(name = "k={0}")
    @CsvSource({"16", "32"})
    void projectedResCpStaysCloseToExactResCpOnTheRegimeSwitchingSeries(int k) {
        double[][] s = ResCpRegimeSwitchingTest.series(2026);
        int cal = 1500;
        int test = 1500;
        double alpha = 0.1;
        ResCpConfig exactCfg = ResCpConfig.builder().units(128).window(1000).tau(0.05).seed(7).build();
        double[] cov = new double[2];
        double[] width = new double[2];
        int[] cfgK = {0, k};
        for (int m = 0; m < 2; m++) {
            ResCp rescp = ResCp.fixed(alpha, exactCfg.toBuilder().keyDimension(cfgK[m]).build());
            rescp.calibrate(Calibration.of(java.util.Arrays.copyOf(s[0], cal), java.util.Arrays.copyOf(s[1], cal)));
            int covered = 0;
            double w = 0;
            for (int t = cal; t < cal + test; t++) {
                Interval iv = rescp.interval(s[0][t]);
                covered += s[1][t] >= iv.lower() && s[1][t] <= iv.upper() ? 1 : 0;
                w += iv.upper() - iv.lower();
                rescp.update(s[1][t] - s[0][t]);
            }
            cov[m] = (double) covered / test;
            width[m] = w / test;
        }
        System.out.printf("k=%d: coverage exact %.4f projected %.4f, mean width exact %.4f projected %.4f%n", k, cov[0],
                cov[1], width[0], width[1]);
        assertEquals(cov[0], cov[1], 0.02, "coverage");
        assertEquals(width[0], width[1], 0.1 * width[0], "mean width");
    }
}
