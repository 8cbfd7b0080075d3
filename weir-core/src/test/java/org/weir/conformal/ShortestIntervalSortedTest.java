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
}
