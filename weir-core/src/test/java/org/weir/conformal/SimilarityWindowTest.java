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
        // ESS = (sum w)^2 / sum w^2 with weights perturbed by factors exp(+-d/tau), d <= 2^-24 + 2 dim 2^-53
        double d2 = 0x1p-24 + 2 * dim * 0x1p-53;
        assertTrue(maxEssRel <= Math.expm1(4 * 2 * d2 / tau), "ESS rel diff " + maxEssRel);
    }
}
