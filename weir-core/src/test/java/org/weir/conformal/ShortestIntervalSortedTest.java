package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WeightedQuantile#shortestIntervalSorted} (contiguous sorted arrays, second pass resumed from the first)
 * gives bit for bit the result of {@link WeightedQuantile#shortestInterval} (indirect order, itself checked against
 * brute force in {@link WeightedQuantileTest}); and {@link SortedWindow}'s sorted values track its order.
 */
class ShortestIntervalSortedTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void sortedScanEqualsIndirectScan(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        System.out.println("seed " + seed);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(trial < 100 ? 12 : 600);
            double[] v = new double[n];
            double[] w = new double[n];
            int kind = rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                v[i] = kind == 0 ? rnd.nextInt(5) : rnd.nextGaussian(); // kind 0: many ties
                w[i] = switch (kind) {
                    case 1 -> rnd.nextInt(4); // integer weights, some zero: exact ties of cumulative sums
                    case 2 -> Math.exp(-20 * rnd.nextDouble()); // spread weights
                    default -> rnd.nextDouble() < 0.2 ? 0.0 : rnd.nextDouble();
                };
            }
            w[rnd.nextInt(n)] += 1.0; // at least one positive weight
            int[] order = WeightedQuantileTest.sortedOrder(v);
            double[] sv = new double[n];
            double[] sw = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                sv[i] = v[order[i]];
                sw[i] = w[order[i]];
                total += w[i];
            }
            double alpha = trial % 3 == 0 ? 0.1 : rnd.nextDouble(0.01, 0.99);
            double[] a = new double[3];
            double[] b = new double[3];
            WeightedQuantile.shortestInterval(v, w, order, n, alpha, total, a);
            WeightedQuantile.shortestIntervalSorted(sv, sw, n, alpha, total, b);
            assertArrayEquals(a, b, "seed " + seed + " trial " + trial + " n " + n + " kind " + kind);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void sortedValuesFollowTheOrder(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SortedWindow win = new SortedWindow(37);
        for (int t = 0; t < 500; t++) {
            win.add(rnd.nextInt(3) == 0 ? rnd.nextInt(4) : rnd.nextGaussian());
            double prev = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < win.size(); k++) {
                assertEquals(win.valueAt(win.slotOfRank(k)), win.sorted(k));
                assertEquals(win.sortedValues()[k], win.sorted(k));
                assertEquals(true, win.sorted(k) >= prev);
                prev = win.sorted(k);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void mergedScanEqualsTwoPassScan(long seed) {
        // one merged pass (prefix sums up, suffix sums down) against the two-pass scan: identical wherever the
        // arithmetic is exact (integer weights, kinds 0 with ties of values and 1 with ties of cumulative sums);
        // with real weights the two may round a cumulative sum differently, so there the width must agree to
        // 1e-12 and the interval must hold 1 - alpha of the mass, and nearly all results are identical
        SplittableRandom rnd = new SplittableRandom(seed);
        System.out.println("seed " + seed);
        int identical = 0;
        int real = 0;
        double[] scratch = new double[4 * 600 + 4];
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(trial < 100 ? 12 : 600);
            double[] v = new double[n];
            double[] w = new double[n];
            int kind = rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                v[i] = kind == 0 ? rnd.nextInt(5) : rnd.nextGaussian();
                w[i] = switch (kind) {
                    case 0, 1 -> rnd.nextInt(4);
                    case 2 -> Math.exp(-20 * rnd.nextDouble());
                    default -> rnd.nextDouble() < 0.2 ? 0.0 : rnd.nextDouble();
                };
            }
            w[rnd.nextInt(n)] += 1.0;
            int[] order = WeightedQuantileTest.sortedOrder(v);
            double[] sv = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                sv[i] = v[order[i]];
                total += w[i];
            }
            double alpha = trial % 3 == 0 ? 0.1 : rnd.nextDouble(0.01, 0.99);
            double[] a = new double[3];
            double[] b = new double[3];
            WeightedQuantile.shortestInterval(v, w, order, n, alpha, total, a);
            WeightedQuantile.shortestIntervalRanked(sv, w, order, n, alpha, total, scratch, b);
            String msg = "seed " + seed + " trial " + trial + " n " + n + " kind " + kind;
            if (kind <= 1) {
                assertArrayEquals(a, b, msg);
                if (n <= 40) { // the brute force is cubic
                    double[] brute = WeightedQuantileTest.bruteShortest(v, w, alpha);
                    assertEquals(brute[1] - brute[0], b[1] - b[0], 1e-12, msg);
                }
            } else {
                real++;
                identical += java.util.Arrays.equals(a, b) ? 1 : 0;
                assertEquals(a[1] - a[0], b[1] - b[0], 1e-12, msg);
                WeightedQuantileTest.assertCoverageMass(v, w, b, alpha, msg);
                assertEquals(true, b[2] >= 0 && b[2] <= alpha * (1 + 1e-12), msg);
            }
        }
        System.out.println("real weights: identical " + identical + " of " + real);
        assertEquals(true, identical >= 0.98 * real, "identical " + identical + " of " + real);
    }
}
