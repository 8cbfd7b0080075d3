package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weir.io.Json;
import org.weir.linalg.Activation;
import org.weir.linalg.CsrMatrix;
import org.weir.reservoir.init.RecurrentMatrices;

/** Diagnostics against cases with known answers. */
class ReservoirDiagnosticsTest {

    /** Linear delay line: x_0[t] = u[t], x_i[t] = x_{i-1}[t-1], so x_i[t] = u[t-i] exactly. */
    static EchoStateReservoir delayLine(int n) {
        double[][] win = new double[n][1];
        win[0][0] = 1.0;
        return EchoStateReservoir.fromMatrices(RecurrentMatrices.delayLine(n, 1.0), win, new double[n], 1.0,
                Activation.IDENTITY);
    }

    @Test
    void delayLineRemembersExactlyItsLength() {
        var mc = ReservoirDiagnostics.memoryCapacity(delayLine(10), 20, 100, 1000, 500, 1e-10, 1);
        double[] per = mc.perDelay();
        for (int k = 1; k <= 9; k++) {
            assertEquals(1.0, per[k - 1], 1e-9, "delay " + k + " is stored exactly");
        }
        for (int k = 10; k <= 20; k++) {
            // i.i.d. input: beyond the line the readout can only fit noise; r^2 on 500 test steps ~ 1/500
            assertTrue(per[k - 1] < 0.03, "delay " + k + " r^2 " + per[k - 1]);
        }
        assertEquals(9.0, mc.total(), 0.2);
    }

    @Test
    void memorylessReservoirHasNoCapacity() {
        int n = 20;
        double[][] win = new double[n][1];
        for (int i = 0; i < n; i++) {
            win[i][0] = (i + 1) / (double) n;
        }
        EchoStateReservoir r = EchoStateReservoir.fromMatrices(CsrMatrix.fromTriplets(n, n, new int[0], new int[0],
                new double[0]), win, new double[n], 1.0, Activation.TANH);
        assertTrue(ReservoirDiagnostics.memoryCapacity(r, 10, 100, 1000, 500, 1e-8, 2).total() < 0.1);
    }

    @Test
    void stateStatisticsOfHandComputedMatrices() {
        var s = ReservoirDiagnostics.stateStatistics(new double[][] {{0.96, -0.99}, {0.5, 0.1}});
        assertEquals((0.96 + 0.99 + 0.5 + 0.1) / 4, s.meanAbs(), 1e-15);
        assertEquals((0.96 - 0.99 + 0.5 + 0.1) / 4, s.meanValue(), 1e-15);
        assertEquals(0.5, s.saturationFraction(), 0.0);
        assertEquals(2, s.rank());
        var rank1 = ReservoirDiagnostics.stateStatistics(new double[][] {{1, 2}, {2, 4}, {3, 6}});
        assertEquals(1, rank1.rank());
        assertEquals(Math.sqrt(14 * 5), rank1.singularValues()[0], 1e-12);
        var diag = ReservoirDiagnostics.stateStatistics(new double[][] {{3, 0}, {0, 4}, {0, 0}});
        assertEquals(4.0, diag.singularValues()[0], 1e-12);
        assertEquals(3.0, diag.singularValues()[1], 1e-12);
    }

    @Test
    void delayLineStatesHaveFullRankAndRankDropsWhenUnitsCopyEachOther() {
        double[][] states = delayLine(8).run(ResearchTasks.uniform(200, 1, 4));
        assertEquals(8, ReservoirDiagnostics.stateStatistics(states).rank());
        double[][] copies = new double[200][];
        for (int t = 0; t < 200; t++) {
            copies[t] = new double[] {states[t][0], states[t][1], states[t][0] + states[t][1], 2 * states[t][1]};
        }
        assertEquals(2, ReservoirDiagnostics.stateStatistics(copies).rank());
    }

    @Test
    void reportIsJsonReady() {
        EchoStateReservoir esn = EchoStateReservoir.builder().units(30).spectralRadius(0.9).connectivity(0.3)
                .inputConnectivity(1.0).seed(1).build(1);
        var report = ReservoirDiagnostics.diagnose(esn, 15, 1);
        Map<String, Object> m = Json.parseObject(Json.write(report.toMap()));
        assertEquals("esn", m.get("kind"));
        assertEquals(0.9, ((Number) m.get("effective_spectral_radius")).doubleValue(), 1e-8);
        Map<String, Object> mc = Json.object(m, "memory_capacity");
        assertEquals(15, Json.list(mc, "per_delay").size());
        assertEquals(report.memoryCapacity().total(), Json.number(mc, "total"), 1e-12);
        assertTrue(report.memoryCapacity().total() > 3 && report.memoryCapacity().total() <= 15);
        assertEquals(30L, ((Number) Json.object(m, "states").get("rank")).longValue());
    }
}
