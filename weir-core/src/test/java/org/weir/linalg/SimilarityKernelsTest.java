package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimilarityKernelsTest {

    @Test
    void expWithinOneUlpOfMathExpOverTheWholeRangeIncludingSubnormals() {
        // dense sweep of [-746, 1] plus random points; ulp distance on the ordered bit patterns, so one step is one
        // ulp for normal results and one subnormal spacing (4.9e-324) below 2^-1022
        int n = 2_000_001;
        long maxUlp = 0;
        double worst = 0;
        SplittableRandom rnd = new SplittableRandom(17);
        for (int i = 0; i < n; i++) {
            double z = i % 2 == 0 ? -746.0 + 747.0 * i / (n - 1) : rnd.nextDouble(-746.0, 1.0);
            long d = FastTanhTest.ulpDistance(SimilarityKernels.exp(z), Math.exp(z));
            if (d > maxUlp) {
                maxUlp = d;
                worst = z;
            }
        }
        System.out.println("exp: max " + maxUlp + " ulp vs Math.exp (at z = " + worst + ")");
        assertTrue(maxUlp <= 1, "max ulp " + maxUlp + " at " + worst);
        // the subnormal range and its edge, densely
        for (int i = 0; i <= 200_000; i++) {
            double z = -746.0 + 38.0 * i / 200_000;
            assertTrue(FastTanhTest.ulpDistance(SimilarityKernels.exp(z), Math.exp(z)) <= 1, "z = " + z);
        }
        assertEquals(1.0, SimilarityKernels.exp(0.0));
        assertEquals(1.0, SimilarityKernels.exp(-0.0));
        assertEquals(0.0, SimilarityKernels.exp(-746.0));
        assertEquals(0.0, SimilarityKernels.exp(-1e6));
        assertEquals(0.0, SimilarityKernels.exp(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(SimilarityKernels.exp(Double.NaN)));
        assertEquals(Math.E, SimilarityKernels.exp(1.0), Math.ulp(Math.E));
        assertEquals(Math.exp(700.0), SimilarityKernels.exp(700.0), Math.ulp(Math.exp(700.0)));
    }

    private static double[] randomPanels(SplittableRandom rnd, int n, int k, double[][] rowsOut) {
        double[] panels = new double[SimilarityKernels.panelLength(n, k)];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < k; j++) {
                double v = rnd.nextDouble(-1, 1);
                rowsOut[s][j] = v;
                panels[SimilarityKernels.index(s, j, k)] = v;
            }
        }
        return panels;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void scoresMatchNaiveDotsAndTheScalarTwinBitForBit(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(300);
        int k = 1 + rnd.nextInt(70);
        System.out.println("seed " + seed + ": n=" + n + ", k=" + k + ", vector kernels " + VectorSupport.ENABLED);
        double[][] rows = new double[n][k];
        double[] panels = randomPanels(rnd, n, k, rows);
        float[] panelsF = new float[panels.length];
        for (int i = 0; i < panels.length; i++) {
            panelsF[i] = (float) panels[i];
        }
        double[] q = new double[k];
        for (int j = 0; j < k; j++) {
            q[j] = rnd.nextDouble(-1, 1);
        }
        int padded = (n + 7) / 8 * 8;
        double[] s = new double[padded];
        double[] sScalar = new double[padded];
        double[] sf = new double[padded];
        double[] sfScalar = new double[padded];
        double max = SimilarityKernels.scores(panels, n, k, q, s);
        double maxScalar = SimilarityKernels.scoresScalar(panels, n, k, q, sScalar);
        double maxF = SimilarityKernels.scores(panelsF, n, k, q, sf);
        double maxFScalar = SimilarityKernels.scoresScalar(panelsF, n, k, q, sfScalar);
        assertArrayEquals(sScalar, s, "vector and scalar double scores differ");
        assertArrayEquals(sfScalar, sf, "vector and scalar float scores differ");
        assertEquals(maxScalar, max);
        assertEquals(maxFScalar, maxF);
        double naiveMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double exact = 0;
            double abs = 0;
            for (int j = 0; j < k; j++) {
                exact += rows[i][j] * q[j];
                abs += Math.abs(rows[i][j] * q[j]);
            }
            naiveMax = Math.max(naiveMax, s[i]);
            // forward error bound of a length-k dot product (both orders): 2 k u sum|a_j b_j|
            assertEquals(exact, s[i], 2 * k * 0x1p-53 * abs + 1e-300, "score " + i);
            // float keys: each element rounded by at most 2^-24 relative
            assertEquals(exact, sf[i], (0x1p-24 + 2 * k * 0x1p-53) * abs + 1e-300, "float score " + i);
        }
        assertEquals(naiveMax, max);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void expWeightsMatchTheScalarTwinAndPlainSums(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(2000);
        double shift = rnd.nextDouble(-1, 1);
        double scale = rnd.nextDouble(1, 200);
        System.out.println("seed " + seed + ": n=" + n + ", scale=" + scale);
        double[] x = new double[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-5, shift);
            idx[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        double[] w = new double[n];
        double[] ws = new double[n];
        double[] g = new double[n];
        double[] gs = new double[n];
        double[] sums = new double[2];
        double[] sumsS = new double[2];
        double[] sumsG = new double[2];
        double[] sumsGS = new double[2];
        SimilarityKernels.expWeights(x, n, shift, scale, w, sums);
        SimilarityKernels.expWeightsScalar(x, n, shift, scale, ws, sumsS);
        SimilarityKernels.expWeightsGathered(x, idx, n, shift, scale, g, sumsG);
        SimilarityKernels.expWeightsGatheredScalar(x, idx, n, shift, scale, gs, sumsGS);
        assertArrayEquals(ws, w);
        assertArrayEquals(sumsS, sums);
        assertArrayEquals(gs, g);
        assertArrayEquals(sumsGS, sumsG);
        double total = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(SimilarityKernels.exp((x[i] - shift) * scale), w[i]);
            assertEquals(w[idx[i]], g[i]);
            total += w[i];
            sq += w[i] * w[i];
        }
        assertEquals(total, sums[0], n * 0x1p-52 * total);
        assertEquals(sq, sums[1], n * 0x1p-52 * sq);
        assertEquals(total, sumsG[0], n * 0x1p-52 * total);
    }

    @Test
    void panelIndexIsABijectionOntoThePanelArray() {
        int n = 21;
        int k = 5;
        boolean[] hit = new boolean[SimilarityKernels.panelLength(n, k)];
        assertEquals(24 * 5, hit.length);
        for (int s = 0; s < 24; s++) {
            for (int j = 0; j < k; j++) {
                int i = SimilarityKernels.index(s, j, k);
                assertTrue(!hit[i], "index used twice");
                hit[i] = true;
            }
        }
        // element j of key 9 (panel 1, lane 1) sits at 8k + 8j + 1
        assertEquals(8 * k + 8 * 3 + 1, SimilarityKernels.index(9, 3, k));
    }

    @Test
    void expfWithinTwoFloatUlpsOfMathExpAndPositiveWhereDoubleIs() {
        // dense sweep of [-87.33, 0] plus random points: relative error against Math.exp at most 2^-22 (2 float ulps
        // at the worst end of a binade)
        int n = 2_000_001;
        double maxRel = 0;
        float worst = 0;
        SplittableRandom rnd = new SplittableRandom(19);
        for (int i = 0; i < n; i++) {
            float z = i % 2 == 0 ? (float) (-87.33 * i / (n - 1)) : (float) rnd.nextDouble(-87.33, 0.0);
            double e = Math.exp(z);
            double rel = Math.abs(SimilarityKernels.expf(z) - e) / e;
            if (rel > maxRel) {
                maxRel = rel;
                worst = z;
            }
        }
        System.out.println("expf: max relative error " + maxRel + " (" + maxRel / 0x1p-24 + " x 2^-24) at z = " + worst);
        assertTrue(maxRel <= 0x1p-22, "max rel " + maxRel + " at " + worst);
        assertEquals(1f, SimilarityKernels.expf(0f));
        assertEquals(1f, SimilarityKernels.expf(-0f));
        // below e^-87.33 held at the smallest normal result, positive down to where Math.exp underflows
        float held = SimilarityKernels.expf(-87.33f);
        assertTrue(held > 0 && held >= Float.MIN_NORMAL && held < 2 * Float.MIN_NORMAL, "held " + held);
        for (float z : new float[] {-88f, -100f, -500f, -745f}) {
            assertEquals(held, SimilarityKernels.expf(z), "z = " + z);
            assertTrue(Math.exp(z) > 0);
        }
        assertEquals(0f, SimilarityKernels.expf(-746f));
        assertEquals(0f, SimilarityKernels.expf(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(SimilarityKernels.expf(Float.NaN)));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42, 43, 44, 45})
    void floatScoresWithinTheirBoundAndEqualToTheScalarTwin(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(700);
        int k = 1 + rnd.nextInt(seed == 41 ? 16 : 600);
        System.out.println("seed " + seed + ": n=" + n + ", k=" + k);
        float[] panels = new float[SimilarityKernels.panelLength(n, k)];
        float[][] rows = new float[n][k];
        for (int s = 0; s < n; s++) {
            double ss = 0;
            double[] r = new double[k];
            for (int j = 0; j < k; j++) {
                r[j] = rnd.nextGaussian();
                ss += r[j] * r[j];
            }
            for (int j = 0; j < k; j++) {
                rows[s][j] = (float) (r[j] / Math.sqrt(ss)); // unit norm (up to the rounding to float)
                panels[SimilarityKernels.index(s, j, k)] = rows[s][j];
            }
        }
        float[] q = new float[k];
        double qs = 0;
        for (int j = 0; j < k; j++) {
            double v = rnd.nextGaussian();
            q[j] = (float) v;
            qs += v * v;
        }
        for (int j = 0; j < k; j++) {
            q[j] = (float) (q[j] / Math.sqrt(qs));
        }
        int padded = (n + 7) / 8 * 8;
        float[] sc = new float[padded];
        float[] ss = new float[padded];
        float max = SimilarityKernels.scores(panels, n, k, q, sc);
        float maxS = SimilarityKernels.scoresScalar(panels, n, k, q, ss);
        assertArrayEquals(ss, sc);
        assertEquals(maxS, max);
        float naiveMax = Float.NEGATIVE_INFINITY;
        double gamma = k * 0x1p-24 / (1 - k * 0x1p-24);
        for (int s = 0; s < n; s++) {
            double exact = 0;
            double abs = 0;
            for (int j = 0; j < k; j++) {
                exact += (double) rows[s][j] * q[j]; // products of floats are exact in double
                abs += Math.abs((double) rows[s][j] * q[j]);
            }
            assertEquals(exact, sc[s], gamma * abs + 1e-30, "score " + s);
            naiveMax = Math.max(naiveMax, sc[s]);
        }
        assertEquals(naiveMax, max);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {51, 52, 53, 54})
    void floatExpWeightsMatchTheScalarTwin(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(2000);
        float scale = (float) rnd.nextDouble(1, seed == 54 ? 2000 : 100);
        float[] x = new float[n];
        float shift = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
            shift = Math.max(shift, x[i]);
        }
        System.out.println("seed " + seed + ": n=" + n + ", scale=" + scale);
        double[] w = new double[n];
        double[] ws = new double[n];
        double[] sums = new double[2];
        double[] sumsS = new double[2];
        SimilarityKernels.expWeights(x, n, shift, scale, w, sums);
        SimilarityKernels.expWeightsScalar(x, n, shift, scale, ws, sumsS);
        assertArrayEquals(ws, w);
        assertArrayEquals(sumsS, sums);
        double total = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(SimilarityKernels.expf((x[i] - shift) * scale), w[i]);
            double z = ((double) x[i] - shift) * scale;
            // the argument is rounded twice in float (difference, product): relative 2^-23 of |z|, plus expf's 2^-22
            if (z >= -87.3) {
                assertEquals(Math.exp(z), w[i], Math.exp(z) * (Math.expm1(Math.abs(z) * 0x1p-23) + 0x1p-22) * 1.01);
            }
            total += w[i];
        }
        assertEquals(total, sums[0], n * 0x1p-52 * total);
    }
}
