package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.ReservoirState;

/**
 * The optimized ResCP memory (panel layout, blocked vectorized scores, vectorized exp within 1 ulp, weights in
 * sorted order, contiguous shortest-interval scan) against the previous implementation kept in
 * {@link ReferenceSimilarityWindow}: intervals identical with double keys, and a tested bound with float keys.
 */
class SimilarityWindowTest {

    /** Keys: reservoir states driven by a regime-switching series (highly correlated, like ResCP's), or noise. */
    private static double[][] keys(long seed, int count, int dim, boolean reservoir) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] k = new double[count][];
        if (reservoir) {
            EchoStateReservoir res = EchoStateReservoir.builder().units(dim).spectralRadius(0.9).leakRate(0.5)
                    .inputScaling(1.0).biasScaling(0.5).connectivity(0.1).seed(seed).build(1);
            ReservoirState st = res.newState();
            for (int i = 0; i < count; i++) {
                res.step(st, new double[] {((i / 40) % 2 == 0 ? 0.3 : 1.5) * rnd.nextGaussian()}, null);
                k[i] = st.values().clone();
            }
        } else {
            for (int i = 0; i < count; i++) {
                k[i] = new double[dim];
                for (int j = 0; j < dim; j++) {
                    k[i][j] = rnd.nextGaussian();
                }
            }
        }
        return k;
    }

    @ParameterizedTest(name = "dim={0} W={1} recency={2} tau={3} reservoir={4} seed={5}")
    @CsvSource({"37,50,NONE,0.1,true,1", "64,200,NONE,0.05,true,2", "13,333,INVERSE_AGE,0.2,true,3",
            "40,120,EXPONENTIAL,0.1,true,4", "9,64,NONE,1.0,false,5", "100,257,NONE,0.001,true,6",
            "16,1000,EXPONENTIAL,0.01,false,7", "5,7,INVERSE_AGE,0.5,false,8"})
    void doubleKeysGiveTheIntervalsOfTheReferenceImplementation(int dim, int window, Recency recency, double tau,
            boolean reservoir, long seed) {
        System.out.println("seed " + seed);
        int steps = 3 * window + 50; // fills, wraps around the ring twice
        double[][] k = keys(seed, steps + 1, dim, reservoir);
        SplittableRandom rnd = new SplittableRandom(seed + 100);
        SimilarityWindow fast = new SimilarityWindow(dim, window);
        ReferenceSimilarityWindow ref = new ReferenceSimilarityWindow(dim, window);
        double[] o1 = new double[4];
        double[] o2 = new double[4];
        double[] q = new double[dim];
        for (int t = 0; t < steps; t++) {
            double r = rnd.nextGaussian() * (t % 3 == 0 ? 2 : 1);
            fast.add(k[t], 0, r);
            ref.add(k[t], 0, r);
            System.arraycopy(k[t + 1], 0, q, 0, dim);
            SimilarityWindow.normalize(q, 0, dim);
            for (double alpha : new double[] {0.1, 0.37}) {
                fast.interval(q, 0, alpha, tau, recency, 0.97, o1);
                ref.interval(q, 0, alpha, tau, recency, 0.97, o2);
                assertEquals(o2[0], o1[0], "lower at step " + t);
                assertEquals(o2[1], o1[1], "upper at step " + t);
                assertEquals(o2[2], o1[2], 1e-12, "beta at step " + t);
                assertEquals(o2[3], o1[3], 1e-10 * o2[3], "ESS at step " + t);
            }
        }
    }

    @ParameterizedTest(name = "tau={0} seed={1}")
    @CsvSource({"0.1,11", "0.02,12", "0.5,13"})
    void floatKeysStayWithinTheirBound(double tau, long seed) {
        // float keys move each cosine by at most 2^-24 (plus the dot product's rounding), so each weight by a
        // factor within exp(+-2^-23/tau): the interval can only change where a cumulative weight is that close to
        // a quantile level. Measured: endpoints equal to the double ones at almost every step, coverage unchanged.
        int dim = 64;
        int window = 400;
        int steps = 1500;
        double alpha = 0.1;
        System.out.println("seed " + seed);
        double[][] k = keys(seed, steps + 1, dim, true);
        SplittableRandom rnd = new SplittableRandom(seed);
        SimilarityWindow d = new SimilarityWindow(dim, window, KeyPrecision.DOUBLE);
        SimilarityWindow f = new SimilarityWindow(dim, window, KeyPrecision.FLOAT);
        double[] od = new double[4];
        double[] of = new double[4];
        double[] q = new double[dim];
        int same = 0;
        int queries = 0;
        int coveredD = 0;
        int coveredF = 0;
        double maxEssRel = 0;
        for (int t = 0; t < steps; t++) {
            double r = rnd.nextGaussian() * ((t / 40) % 2 == 0 ? 0.3 : 1.5);
            if (t >= 50) {
                d.interval(q, 0, alpha, tau, Recency.NONE, 1, od);
                f.interval(q, 0, alpha, tau, Recency.NONE, 1, of);
                queries++;
                same += od[0] == of[0] && od[1] == of[1] ? 1 : 0;
                coveredD += r >= od[0] && r <= od[1] ? 1 : 0;
                coveredF += r >= of[0] && r <= of[1] ? 1 : 0;
                maxEssRel = Math.max(maxEssRel, Math.abs(of[3] - od[3]) / od[3]);
            }
            d.add(q, 0, r);
            f.add(q, 0, r);
            System.arraycopy(k[t + 1], 0, q, 0, dim);
            SimilarityWindow.normalize(q, 0, dim);
        }
        double fracSame = (double) same / queries;
        System.out.printf("tau %.2f: identical intervals %.4f, coverage double %d float %d of %d, max ESS rel diff %.2e%n",
                tau, fracSame, coveredD, coveredF, queries, maxEssRel);
        assertTrue(fracSame >= 0.99, "identical fraction " + fracSame);
        assertTrue(Math.abs(coveredD - coveredF) <= queries / 200, "coverage " + coveredD + " vs " + coveredF);
        // ESS = (sum w)^2 / sum w^2 with every weight within a factor (1 +- delta) of the double one
        double delta = floatWeightBound(dim, tau);
        assertTrue(maxEssRel <= Math.pow((1 + delta) / (1 - delta), 2) - 1, "ESS rel diff " + maxEssRel);
    }

    /**
     * Relative change bound of a FLOAT weight against the double one for unit keys of length k: cosine error
     * {@code d <= (k + 2) 2^-24 (1 + 1e-6)} (key and query rounding, float sum of k products), shift by the max
     * (2d), the float difference and product ({@code 2^-23 |z|}, |z| <= 2(1+d)/tau, plus the rounding of 1/tau),
     * then expf ({@code 2^-22}).
     */
    static double floatWeightBound(int k, double tau) {
        double d = (k + 2) * 0x1p-24 * (1 + 1e-6);
        double zMax = 2 * (1 + d) / tau;
        double dz = 2 * d / tau + 3 * 0x1p-24 * zMax;
        return Math.expm1(dz) * (1 + 0x1p-22) + 0x1p-22;
    }

    @ParameterizedTest(name = "dim={0} tau={1} seed={2}")
    @CsvSource({"16,0.1,31", "16,0.02,32", "64,0.1,33", "128,0.05,34", "16,0.005,35"})
    void floatIntervalsHoldTheirMassAndWidthUnderTheDoubleWeights(int dim, double tau, long seed) {
        // For weights within a factor (1 +- delta) of the double ones, every probability moves by at most
        // eta = 2 delta / (1 - delta) (plus the mass of the weights expf holds at e^-87.33 instead of smaller). The
        // FLOAT interval [L, U] holds 1 - alpha of its own weights, hence 1 - alpha - eta of the double weights; and
        // any interval with 1 - alpha + eta of the double mass has 1 - alpha of the float mass, so the FLOAT interval
        // (the shortest of those) is no wider than the shortest double interval at alpha - eta.
        int window = 300;
        int steps = 1000;
        double alpha = 0.1;
        System.out.println("seed " + seed);
        double[][] k = keys(seed, steps + 1, dim, true);
        SplittableRandom rnd = new SplittableRandom(seed);
        SimilarityWindow f = new SimilarityWindow(dim, window, KeyPrecision.FLOAT);
        double[][] ringKeys = new double[window][];
        double[] ringRes = new double[window];
        int size = 0;
        double[] of = new double[4];
        double[] q = new double[dim];
        double delta = floatWeightBound(dim, tau);
        int identical = 0;
        int queries = 0;
        for (int t = 0; t < steps; t++) {
            double r = rnd.nextGaussian() * ((t / 40) % 2 == 0 ? 0.3 : 1.5);
            if (t >= 50) {
                f.interval(q, 0, alpha, tau, Recency.NONE, 1, of);
                double[] cos = new double[size];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < size; s++) {
                    double c = 0;
                    for (int j = 0; j < dim; j++) {
                        c += ringKeys[s][j] * q[j];
                    }
                    cos[s] = c;
                    max = Math.max(max, c);
                }
                double[] w = new double[size];
                double total = 0;
                for (int s = 0; s < size; s++) {
                    w[s] = Math.exp((cos[s] - max) / tau);
                    total += w[s];
                }
                double eta = 2 * delta / (1 - delta) + size * 2e-38;
                double in = 0;
                for (int s = 0; s < size; s++) {
                    if (ringRes[s] >= of[0] && ringRes[s] <= of[1]) {
                        in += w[s];
                    }
                }
                String msg = "step " + t + " eta " + eta;
                assertTrue(in / total >= 1 - alpha - eta - 1e-12, msg + " mass " + in / total);
                double[] res = java.util.Arrays.copyOf(ringRes, size);
                double[] od = new double[3];
                WeightedQuantile.shortestInterval(res, w, WeightedQuantileTest.sortedOrder(res), size, alpha - eta,
                        total, od);
                assertTrue(of[1] - of[0] <= od[1] - od[0] + 1e-12, msg + " width " + (of[1] - of[0]) + " vs "
                        + (od[1] - od[0]));
                WeightedQuantile.shortestInterval(res, w, WeightedQuantileTest.sortedOrder(res), size, alpha, total, od);
                identical += od[0] == of[0] && od[1] == of[1] ? 1 : 0;
                queries++;
            }
            f.add(q, 0, r);
            double[] kk = q.clone();
            ringKeys[t % window] = kk;
            ringRes[t % window] = r;
            size = Math.min(size + 1, window);
            System.arraycopy(k[t + 1], 0, q, 0, dim);
            SimilarityWindow.normalize(q, 0, dim);
        }
        System.out.printf("dim %d tau %.3f: delta %.2e, identical to the double interval %d of %d%n", dim, tau, delta,
                identical, queries);
        assertTrue(identical >= 0.95 * queries, "identical " + identical + " of " + queries);
    }
}
