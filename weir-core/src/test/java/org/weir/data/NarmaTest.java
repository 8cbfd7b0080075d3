package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NarmaTest {
    /** ReservoirPy 0.4.2 narma10.csv: u from default_rng(5555).uniform(0, 0.5), y from its recurrence. */
    @Test
    void reservoirPyVariantReproducesPeerFile() throws Exception {
        double[] u = PeerFiles.column("narma10.csv", 1);
        double[] y = PeerFiles.column("narma10.csv", 2);
        double[] mine = Narma.narma10(Narma.Variant.RESERVOIRPY).outputFor(u);
        double maxDiff = 0;
        for (int i = 0; i < y.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(mine[i] - y[i]));
        }
        System.out.println("NARMA-10 max |weir - reservoirpy| over " + y.length + " rows: " + maxDiff);
        assertEquals(0.0, maxDiff, 0.0);
    }

    @Test
    void seededInputReproducesPeerInput() throws Exception {
        double[] u = PeerFiles.column("narma10.csv", 1);
        assertArrayEquals(u, Narma.input(u.length, 5555), 0.0);
        TimeSeries ts = Narma.narma10(Narma.Variant.RESERVOIRPY).generate(u.length, 5555);
        assertArrayEquals(PeerFiles.column("narma10.csv", 2), ts.column("y"), 0.0);
    }

    @Test
    void textbookOrder2ByHand() {
        double[] u = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[] y = Narma.ofOrder(2, Narma.Variant.TEXTBOOK).outputFor(u);
        // y3 = 1.5 u1 u2 + 0.1; y4 = 0.3 y3 + 0.05 y3 (y2 + y3) + 1.5 u2 u3 + 0.1
        assertArrayEquals(new double[] {0, 0, 0, 0.19, 0.057 + 0.05 * 0.19 * 0.19 + 0.18 + 0.1}, y, 1e-15);
    }

    @Test
    void reservoirPyOrder2ByHand() {
        double[] u = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[] y = Narma.ofOrder(2, Narma.Variant.RESERVOIRPY).outputFor(u);
        // y3 = 1.5 u0 u2 + 0.1; y4 = 0.3 y3 + 0.05 y3 (y1 + y2) + 1.5 u1 u3 + 0.1
        assertArrayEquals(new double[] {0, 0, 0, 0.145, 0.3 * 0.145 + 0.12 + 0.1}, y, 1e-15);
    }

    /** The textbook recurrence written out directly (independent loop) agrees on random inputs. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void textbookMatchesDirectFormula(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[500];
        for (int i = 0; i < u.length; i++) {
            u[i] = rng.nextDouble(0, 0.5);
        }
        double[] y = Narma.narma10(Narma.Variant.TEXTBOOK).outputFor(u);
        double[] ref = new double[u.length];
        for (int t = 9; t < u.length - 1; t++) {
            if (t < 10) {
                continue;
            }
            double s = 0;
            for (int i = 0; i <= 9; i++) {
                s += ref[t - i];
            }
            ref[t + 1] = 0.3 * ref[t] + 0.05 * ref[t] * s + 1.5 * u[t - 9] * u[t] + 0.1;
        }
        assertArrayEquals(ref, y, 1e-12, "seed " + seed);
        for (double v : y) {
            assertTrue(v >= 0 && v < 1.5, "NARMA-10 stays bounded, seed " + seed);
        }
    }

    @Test
    void numpyPairwiseSumOrder() {
        double[] a = new double[300];
        SplittableRandom rng = new SplittableRandom(3);
        double exactish = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble();
            exactish += a[i];
        }
        assertEquals(exactish, Narma.numpyPairwiseSum(a, 0, a.length), 1e-12);
        // 10 elements: ((a0+a1)+(a2+a3)) + ((a4+a5)+(a6+a7)) + a8 + a9, NumPy's order
        double[] b = {1e16, 1, -1e16, 1, 1, 1, 1, 1, 1, 1};
        double expected = ((1e16 + 1) + (-1e16 + 1)) + ((1.0 + 1) + (1.0 + 1)) + 1 + 1;
        assertEquals(expected, Narma.numpyPairwiseSum(b, 0, 10), 0.0);
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> Narma.ofOrder(0, Narma.Variant.TEXTBOOK));
        assertThrows(IllegalArgumentException.class, () -> new Narma(10, Double.NaN, 0, 0, 0, Narma.Variant.TEXTBOOK));
        assertThrows(IllegalArgumentException.class, () -> new Narma(10, 0, 0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> Narma.input(-1, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Narma(2, 0.3, 50, 1.5, 0.1, Narma.Variant.TEXTBOOK).outputFor(new double[200]));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }
}
