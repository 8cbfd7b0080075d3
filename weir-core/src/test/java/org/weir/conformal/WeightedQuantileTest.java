package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightedQuantileTest {

    /** Reference: sort (value, weight) pairs, return the first value whose cumulative weight reaches level*total. */
    static double bruteQuantile(double[] v, double[] w, double infW, double level) {
        int n = v.length;
        double total = infW;
        for (double x : w) {
            total += x;
        }
        double[][] pairs = new double[n][];
        for (int i = 0; i < n; i++) {
            pairs[i] = new double[] {v[i], w[i]};
        }
        Arrays.sort(pairs, (a, b) -> Double.compare(a[0], b[0]));
        double target = level * total;
        double cum = 0;
        for (double[] p : pairs) {
            if (p[1] <= 0) {
                continue;
            }
            cum += p[1];
            if (target <= 0 || cum >= target) {
                return p[0];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    @Test
    void handComputedCases() {
        double[] v = {3, 1, 2, 5, 4};
        double[] w = {1, 1, 1, 1, 1};
        // cumulative at sorted 1..5: 0.2 0.4 0.6 0.8 1.0
        assertEquals(1, WeightedQuantile.quantile(v, w, 0, 0.2));
        assertEquals(2, WeightedQuantile.quantile(v, w, 0, 0.21));
        assertEquals(5, WeightedQuantile.quantile(v, w, 0, 1.0));
        assertEquals(1, WeightedQuantile.quantile(v, w, 0, 0.0));
        // one unit of mass at infinity: total 6; level 0.9 -> target 5.4 > 5 -> +inf
        assertEquals(Double.POSITIVE_INFINITY, WeightedQuantile.quantile(v, w, 1, 0.9));
        // level 0.8 -> target 4.8 -> 5th value
        assertEquals(5, WeightedQuantile.quantile(v, w, 1, 0.8));
        // weights 4,1,1,1,1 on sorted values 1..5 -> cumulative 0.5 0.625 ...
        double[] w2 = {1, 4, 1, 1, 1};
        assertEquals(1, WeightedQuantile.quantile(v, w2, 0, 0.5));
        assertEquals(2, WeightedQuantile.quantile(v, w2, 0, 0.51));
        // split conformal rank: n=9, alpha=0.1 -> ceil(10*0.9)=9; n=8 -> ceil(8.1)=9 > 8 -> +inf
        assertEquals(9, WeightedQuantile.conformalRank(9, 0.1));
        assertEquals(9, WeightedQuantile.conformalRank(8, 0.1));
        assertEquals(Double.POSITIVE_INFINITY, WeightedQuantile.conformalQuantile(new double[8], 0.1));
        assertEquals(46, WeightedQuantile.conformalRank(50, 0.1));
        assertThrows(IllegalArgumentException.class, () -> WeightedQuantile.quantile(v, w, 0, 1.5));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void quantileMatchesBruteForce(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rnd.nextInt(40);
            double[] v = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(8) - 4 + (rnd.nextBoolean() ? 0 : rnd.nextDouble()); // ties on purpose
                w[i] = rnd.nextInt(5) == 0 ? 0 : rnd.nextDouble();
            }
            w[rnd.nextInt(n)] = 0.5;
            double inf = rnd.nextBoolean() ? 0 : rnd.nextDouble();
            double level = rnd.nextDouble();
            assertEquals(bruteQuantile(v, w, inf, level), WeightedQuantile.quantile(v, w, inf, level),
                    "seed " + seed + " trial " + trial);
        }
    }

    /** Independent reference for the width-minimizing interval, in unnormalized weight units. */
    static double[] bruteShortest(double[] v, double[] w, double alpha) {
        int n = v.length;
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double a = alpha * total;
        List<Double> cands = new ArrayList<>();
        cands.add(0.0);
        cands.add(a);
        for (int i = 0; i < n; i++) {
            double below = 0;
            double above = 0;
            for (int j = 0; j < n; j++) {
                if (v[j] < v[i] || (v[j] == v[i] && j <= i)) {
                    below += w[j];
                } else {
                    above += w[j];
                }
            }
            if (below <= a) {
                cands.add(below);
            }
            if (above <= a) {
                cands.add(a - above);
            }
        }
        double best = Double.POSITIVE_INFINITY;
        double[] res = null;
        for (double b : cands) {
            double lo = lowerAt(v, w, b);
            double hi = upperAt(v, w, a - b);
            if (hi - lo < best) {
                best = hi - lo;
                res = new double[] {lo, hi};
            }
        }
        return res;
    }

    /** Smallest value whose cumulative weight (including ties up to it) reaches b; smallest positive for b=0. */
    static double lowerAt(double[] v, double[] w, double b) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if (w[i] <= 0) {
                continue;
            }
            double cum = 0;
            for (int j = 0; j < v.length; j++) {
                if (v[j] <= v[i]) {
                    cum += w[j];
                }
            }
            if (cum >= b && v[i] < best) {
                best = v[i];
            }
        }
        return best;
    }

    /** Smallest positive-weight value with weight strictly above it at most s. */
    static double upperAt(double[] v, double[] w, double s) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if (w[i] <= 0) {
                continue;
            }
            double above = 0;
            for (int j = 0; j < v.length; j++) {
                if (v[j] > v[i]) {
                    above += w[j];
                }
            }
            if (above <= s && v[i] < best) {
                best = v[i];
            }
        }
        return best;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void shortestIntervalMatchesBruteForceWithIntegerWeights(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + rnd.nextInt(30);
            double[] v = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextBoolean() ? rnd.nextInt(10) : rnd.nextGaussian() * 3;
                w[i] = rnd.nextInt(6); // exact sums; zeros allowed
            }
            w[rnd.nextInt(n)] = 1 + rnd.nextInt(4);
            double alpha = new double[] {0.5, 0.25, 0.125, 0.1, 0.05, 0.3}[rnd.nextInt(6)];
            double[] out = new double[3];
            int[] order = sortedOrder(v);
            double total = Arrays.stream(w).sum();
            WeightedQuantile.shortestInterval(v, w, order, n, alpha, total, out);
            double[] ref = bruteShortest(v, w, alpha);
            String msg = "seed " + seed + " trial " + trial + " v=" + Arrays.toString(v) + " w=" + Arrays.toString(w)
                    + " alpha=" + alpha;
            assertEquals(ref[1] - ref[0], out[1] - out[0], 1e-12, msg);
            assertCoverageMass(v, w, out, alpha, msg);
            assertTrue(out[2] >= 0 && out[2] <= alpha + 1e-15, msg);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void shortestIntervalBeatsEveryGridBetaWithRealWeights(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < 40; trial++) {
            int n = 5 + rnd.nextInt(200);
            double[] v = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextGaussian() + (rnd.nextInt(4) == 0 ? 3 * rnd.nextDouble() : 0);
                w[i] = Math.exp(3 * rnd.nextGaussian());
            }
            double alpha = 0.05 + 0.2 * rnd.nextDouble();
            double total = Arrays.stream(w).sum();
            double[] out = new double[3];
            WeightedQuantile.shortestInterval(v, w, sortedOrder(v), n, alpha, total, out);
            String msg = "seed " + seed + " trial " + trial;
            // independent path: normalized quantiles through quantile() on a grid of betas
            for (int g = 0; g <= 60; g++) {
                double beta = alpha * g / 60.0;
                double lo = g == 0 ? WeightedQuantile.quantile(v, w, 0, 0.0) : WeightedQuantile.quantile(v, w, 0, beta);
                double hi = WeightedQuantile.quantile(v, w, 0, Math.min(1.0, 1 - alpha + beta));
                assertTrue(out[1] - out[0] <= hi - lo + 1e-12, msg + " beta " + beta);
            }
            assertCoverageMass(v, w, out, alpha, msg);
        }
    }

    static void assertCoverageMass(double[] v, double[] w, double[] out, double alpha, String msg) {
        double total = 0;
        double in = 0;
        for (int i = 0; i < v.length; i++) {
            total += w[i];
            if (v[i] >= out[0] && v[i] <= out[1]) {
                in += w[i];
            }
        }
        assertTrue(in >= (1 - alpha) * total - 1e-9 * total, msg + " mass " + in / total);
    }

    static int[] sortedOrder(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        int[] o = new int[v.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = idx[i];
        }
        return o;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33})
    void sortedWindowMatchesNaiveRollingSort(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int cap = 1 + rnd.nextInt(50);
        SortedWindow win = new SortedWindow(cap);
        List<Double> naive = new ArrayList<>();
        for (int step = 0; step < 500; step++) {
            double x = rnd.nextInt(3) == 0 ? rnd.nextInt(5) : rnd.nextGaussian();
            int slot = win.add(x);
            assertEquals(x, win.valueAt(slot));
            assertEquals(1, win.ageAt(slot));
            naive.add(x);
            if (naive.size() > cap) {
                naive.remove(0);
            }
            double[] s = naive.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            assertEquals(s.length, win.size());
            for (int k = 0; k < s.length; k++) {
                assertEquals(s[k], win.sorted(k), "seed " + seed + " step " + step + " rank " + k);
            }
            // ages: the value added j steps ago has age j+1
            for (int j = 0; j < naive.size(); j++) {
                int k = naive.size() - 1 - j;
                boolean found = false;
                for (int r = 0; r < win.size(); r++) {
                    int sl = win.slotOfRank(r);
                    if (win.ageAt(sl) == j + 1) {
                        assertEquals(naive.get(k), win.valueAt(sl));
                        found = true;
                    }
                }
                assertTrue(found);
            }
        }
    }
}
