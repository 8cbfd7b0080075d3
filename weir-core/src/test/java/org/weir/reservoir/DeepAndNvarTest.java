package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeepAndNvarTest {

    @Test
    void nvarFeaturesByHand() {
        // d = 2, k = 2 delays, stride 1, degree 2, constant: [1, u_t, u_{t-1}, monomials of the 4 linear terms]
        NvarFeatures f = new NvarFeatures(2, 2, 1, 2, true);
        assertEquals(1 + 4 + 10, f.stateDimension());
        ReservoirState s = f.newState();
        f.step(s, new double[] {1, 2}, null);
        f.step(s, new double[] {3, 5}, null);
        double[] v = s.values();
        double[] lin = {3, 5, 1, 2};
        assertEquals(1.0, v[0]);
        assertArrayEquals(lin, java.util.Arrays.copyOfRange(v, 1, 5), 0.0);
        int o = 5;
        for (int i = 0; i < 4; i++) {
            for (int j = i; j < 4; j++) {
                assertEquals(lin[i] * lin[j], v[o++], 0.0, "monomial " + i + "," + j);
            }
        }
    }

    @Test
    void nvarStrideAndZeroHistory() {
        NvarFeatures f = new NvarFeatures(1, 3, 2, 0, false);
        ReservoirState s = f.newState();
        double[] expectedAt4 = {5, 3, 1};
        for (int t = 1; t <= 5; t++) {
            f.step(s, new double[] {t}, null);
            if (t == 1) {
                assertArrayEquals(new double[] {1, 0, 0}, s.values(), 0.0);
            }
        }
        assertArrayEquals(expectedAt4, s.values(), 0.0);
        assertEquals(3 + 0, f.stateDimension());
        assertEquals(35, NvarFeatures.combinations(5, 3).length); // C(5+3-1, 3)
        assertThrows(IllegalArgumentException.class, () -> new NvarFeatures(1, 0, 1, 2, true));
    }

    @Test
    void deepReservoirStacksLayers() {
        EchoStateConfig base = EchoStateReservoir.builder().units(20).leakRate(0.5).inputConnectivity(1.0).config();
        DeepReservoir deep = DeepReservoir.create(DeepReservoir.withSeeds(base, 3), 1, false);
        assertEquals(60, deep.stateDimension());
        // layer 1 must equal a stand-alone ESN with the same config; layer 2 is driven by layer 1's states
        EchoStateReservoir l1 = deep.layers().get(0);
        EchoStateReservoir l2 = deep.layers().get(1);
        double[][] u = EchoStateReservoirTest.randomInputs(4, 50, 1);
        double[][] states = deep.run(u);
        double[][] first = l1.run(u);
        double[][] second = l2.run(first);
        for (int t = 0; t < 50; t++) {
            assertArrayEquals(first[t], java.util.Arrays.copyOfRange(states[t], 0, 20), 0.0);
            assertArrayEquals(second[t], java.util.Arrays.copyOfRange(states[t], 20, 40), 0.0);
        }
        assertEquals(Math.max(Math.max(l1.effectiveSpectralRadius(), l2.effectiveSpectralRadius()),
                deep.layers().get(2).effectiveSpectralRadius()), deep.effectiveSpectralRadius(), 0.0);
        DeepReservoir withInput = DeepReservoir.create(List.of(base, base.toBuilder().seed(9).config()), 1, true);
        assertEquals(21, withInput.layers().get(1).inputDimension());
    }
}
