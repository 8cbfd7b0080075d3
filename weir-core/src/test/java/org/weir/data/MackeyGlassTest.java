package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MackeyGlassTest {
    /** ReservoirPy 0.4.2 {@code mackey_glass(10000)} with default arguments: bit-exact. */
    @Test
    void reproducesReservoirPyPeerFileExactly() throws Exception {
        double[] expectedX = PeerFiles.column("mackey_glass.csv", 1);
        double[] expectedNorm = PeerFiles.column("mackey_glass.csv", 2);
        double[] x = MackeyGlass.standard().generate(expectedX.length);
        double maxDiff = 0;
        for (int i = 0; i < x.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(x[i] - expectedX[i]));
        }
        System.out.println("Mackey-Glass max |weir - reservoirpy| over 10000 steps: " + maxDiff);
        assertEquals(0.0, maxDiff, 1e-3);
        assertArrayEquals(expectedNorm, MackeyGlass.normalize(x), 3e-3);
    }
}
