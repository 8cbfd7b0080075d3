package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParallelismProbeTest {

    /** The probe's work is deterministic arithmetic: the same result every time, and it scales with iterations. */
    @Test
    void workIsDeterministicAndNotOptimizedAway() {
        assertEquals(ParallelismProbe.work(1000), ParallelismProbe.work(1000), 0.0);
        // each chain is the affine recursion a <- a m + c from 1: closed form 16 (m^n + c (1 - m^n) / (1 - m))
        double m = 0.9999999;
        double c = 1e-9;
        int n = 100_000;
        double mn = Math.pow(m, n);
        assertEquals(16 * (mn + c * (1 - mn) / (1 - m)), ParallelismProbe.work(n), 1e-9);
    }

    /**
     * On more threads than cores the threads must share: with 4 x the available processors the efficiency is at
     * most about a quarter (generously bounded, since the scheduler is not exact); it is always in (0, 1].
     */
    @Test
    void oversubscribedThreadsShowUpAsLowEfficiency() {
        int threads = 4 * Runtime.getRuntime().availableProcessors();
        double e = ParallelismProbe.efficiency(threads);
        assertTrue(e > 0 && e <= 0.5, "efficiency with " + threads + " threads on "
                + Runtime.getRuntime().availableProcessors() + " processors: " + e);
        assertThrows(IllegalArgumentException.class, () -> ParallelismProbe.efficiency(1));
    }

    /** A hand-off between two threads takes some nanoseconds: positive, and far below a scheduler time slice. */
    @Test
    void handoffLatencyIsPositiveAndBelowATimeSlice() {
        double ns = ParallelismProbe.handoffNanos();
        assertTrue(ns > 0 && ns < 1_000_000, "one-way hand-off " + ns + " ns");
    }
}
