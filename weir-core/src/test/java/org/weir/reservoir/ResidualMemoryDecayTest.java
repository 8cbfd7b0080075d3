package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The memory of a residual reservoir memory network: with the paper's undamped cyclic shift (decay 1) a long
 * zero-mean input makes every memory slot a random walk (it adds {@code V_x[(i-k) mod N_m] u(t-k)} for every
 * k), growing like sqrt(T); with decay gamma &lt; 1 each slot is a geometric sum bounded by
 * {@code max|V_x u| / (1 - gamma)}.
 */
class ResidualMemoryDecayTest {

    static double memoryNorm(double decay, int steps) {
        ResidualMemoryReservoir r = ResidualMemoryReservoir.create(ResidualMemoryReservoir.builder().units(20)
                .memoryUnits(16).memoryDecay(decay).seed(5).config(), 1);
        ReservoirState s = r.newState();
        SplittableRandom rnd = new SplittableRandom(1);
        double[] u = new double[1];
        for (int t = 0; t < steps; t++) {
            u[0] = rnd.nextDouble() * 2 - 1;
            r.step(s, u, null);
        }
        double max = 0;
        for (double v : s.memory()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void undampedMemoryGrowsAndDampedMemoryStaysBounded() {
        double undamped = memoryNorm(1.0, 40_000);
        double damped = memoryNorm(0.9, 40_000);
        // |V_x| <= 1 (uniform memory input scaling 1), |u| <= 1: bound 1 / (1 - 0.9) = 10
        assertTrue(damped <= 1.0 / (1 - 0.9) + 1e-12, "damped memory " + damped);
        assertTrue(undamped > 5 * damped, "undamped " + undamped + " vs damped " + damped);
    }

    @Test
    void decayIsValidatedAndSaved() {
        assertThrows(IllegalArgumentException.class,
                () -> ResidualMemoryReservoir.builder().memoryDecay(0).config());
        assertThrows(IllegalArgumentException.class,
                () -> ResidualMemoryReservoir.builder().memoryDecay(1.5).config());
        ResidualMemoryReservoir.Config c = ResidualMemoryReservoir.builder().memoryDecay(0.95).config();
        assertEquals(c, ResidualMemoryReservoir.Config.fromMap(c.toMap()));
        java.util.Map<String, Object> old = new java.util.LinkedHashMap<>(c.toMap());
        old.remove("memory_decay");
        assertEquals(1.0, ResidualMemoryReservoir.Config.fromMap(old).memoryDecay(), 0.0);
    }
}
