package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryTaskTest {
    @Test
    void targetsAreDelayedInputs() {
        MemoryTask m = new MemoryTask(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, 2);
        assertEquals(2, m.firstValidRow());
        assertArrayEquals(new double[][] {{0.2, 0.1}, {0.3, 0.2}, {0.4, 0.3}}, m.targets());
        assertArrayEquals(new double[][] {{0.3}, {0.4}, {0.5}}, m.inputRows());
        double[][] all = m.targetsWithUndefined();
        assertTrue(Double.isNaN(all[0][0]) && Double.isNaN(all[0][1]) && Double.isNaN(all[1][1]));
        assertEquals(0.1, all[1][0], 0.0);
        assertArrayEquals(new double[] {0.4, 0.3}, all[4], 0.0);
    }

    @Test
    void seededUniformInput() {
        MemoryTask a = MemoryTask.generate(10000, 5, 42);
        assertEquals(a, MemoryTask.generate(10000, 5, 42));
        double[] u = a.input();
        double mean = 0;
        double sq = 0;
        for (double v : u) {
            assertTrue(v >= -1 && v < 1);
            mean += v;
            sq += v * v;
        }
        mean /= u.length;
        // U[-1,1]: mean 0, E[u^2] = 1/3; 5 sigma bounds for n = 10000
        assertEquals(0.0, mean, 5 * Math.sqrt(1.0 / 3 / u.length));
        assertEquals(1.0 / 3, sq / u.length, 5 * Math.sqrt(4.0 / 45 / u.length));
        assertTrue(!java.util.Arrays.equals(u, MemoryTask.generate(10000, 5, 43).input()));
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryTask(new double[3], 0));
        assertThrows(IllegalArgumentException.class, () -> new MemoryTask(new double[3], 3));
        assertThrows(IllegalArgumentException.class, () -> new MemoryTask(new double[] {Double.NaN, 0, 0}, 1));
    }
}
