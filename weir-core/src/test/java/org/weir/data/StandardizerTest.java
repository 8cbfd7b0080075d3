package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    @Test
    void handComputedMeanAndPopulationStd() {
        // column 0: 1, 3, 5 -> mean 3, population var (4+0+4)/3 = 8/3
        // column 1: 2, 2, 2 -> constant -> std 1
        Standardizer s = Standardizer.fit(new double[][] {{1, 2}, {3, 2}, {5, 2}});
        assertArrayEquals(new double[] {3, 2}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3.0), 1.0}, s.std(), 1e-15);
        double[] out = new double[2];
        s.transform(new double[] {5, 2}, out);
        assertArrayEquals(new double[] {2 / Math.sqrt(8.0 / 3.0), 0.0}, out, 1e-15);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void transformedDataHasZeroMeanUnitStdAndInverts(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[50][4];
        for (double[] r : rows) {
            for (int j = 0; j < 4; j++) {
                r[j] = 100 * j + (j + 1) * rng.nextDouble(-3, 3);
            }
        }
        Standardizer s = Standardizer.fit(rows);
        double[][] z = s.transform(rows);
        Standardizer unit = Standardizer.fit(z);
        assertArrayEquals(new double[4], unit.mean(), 1e-12, "seed " + seed);
        assertArrayEquals(new double[] {1, 1, 1, 1}, unit.std(), 1e-12, "seed " + seed);
        double[][] back = s.inverse(z);
        for (int t = 0; t < rows.length; t++) {
            assertArrayEquals(rows[t], back[t], 1e-12, "seed " + seed + " row " + t);
        }
    }

    @Test
    void identityAndAliasing() {
        Standardizer id = Standardizer.identity(2);
        double[] v = {3, -4};
        id.transform(v, v);
        assertArrayEquals(new double[] {3, -4}, v, 0.0);
        Standardizer s = new Standardizer(new double[] {1, 2}, new double[] {2, 4});
        s.transform(v, v); // in place
        assertArrayEquals(new double[] {1, -1.5}, v, 0.0);
        s.inverse(v, v);
        assertArrayEquals(new double[] {3, -4}, v, 0.0);
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> new Standardizer(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Standardizer(new double[] {0}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.identity(2).transform(new double[3], new double[2]));
        assertEquals(2, Standardizer.identity(2).width());
    }
}
