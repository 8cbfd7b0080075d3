package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weir.Peers;
import org.weir.io.Json;
import org.weir.linalg.Activation;
import org.weir.linalg.CsrMatrix;
import org.weir.readout.LinearReadout;
import org.weir.readout.RidgeReadout;

/**
 * Exact parity with ReservoirPy 0.4.2 on {@code peers/reservoirpy/fixture_small}: a 50-unit reservoir given
 * as matrices, 300 steps of Mackey-Glass input; states within 1e-12, ridge predictions within 1e-8.
 */
class ReservoirPyFixtureParityTest {

    static EchoStateReservoir fixtureReservoir() throws Exception {
        double[][] coo = Peers.csv(Peers.reservoirpy("fixture_small/W_coo.csv"), true);
        int[] r = new int[coo.length];
        int[] c = new int[coo.length];
        double[] v = new double[coo.length];
        for (int i = 0; i < coo.length; i++) {
            r[i] = (int) coo[i][0];
            c[i] = (int) coo[i][1];
            v[i] = coo[i][2];
        }
        CsrMatrix w = CsrMatrix.fromTriplets(50, 50, r, c, v);
        double[][] win = Peers.csv(Peers.reservoirpy("fixture_small/Win.csv"), false);
        return EchoStateReservoir.fromMatrices(w, win, new double[50], 0.3, Activation.TANH);
    }

    @Test
    void statesMatchReservoirPyWithin1e12() throws Exception {
        EchoStateReservoir res = fixtureReservoir();
        double[][] inputs = Peers.csv(Peers.reservoirpy("fixture_small/inputs.csv"), false);
        double[][] expected = Peers.csv(Peers.reservoirpy("fixture_small/states.csv"), false);
        double[][] states = res.run(inputs);
        assertEquals(300, states.length);
        double worst = 0;
        for (int t = 0; t < 300; t++) {
            for (int i = 0; i < 50; i++) {
                worst = Math.max(worst, Math.abs(states[t][i] - expected[t][i]));
            }
        }
        assertEquals(0.0, worst, 1e-12, "max |state - ReservoirPy state|");
    }

    @Test
    void ridgePredictionsMatchReservoirPyWithin1e8() throws Exception {
        EchoStateReservoir res = fixtureReservoir();
        double[][] inputs = Peers.csv(Peers.reservoirpy("fixture_small/inputs.csv"), false);
        double[] xnorm = Peers.mackeyGlass(2);
        double[][] states = res.run(inputs);
        double[][] x = new double[250][];
        double[][] y = new double[250][];
        for (int t = 50; t < 300; t++) {
            x[t - 50] = states[t];
            y[t - 50] = new double[] {xnorm[t + 1]};
        }
        LinearReadout ro = RidgeReadout.withRidge(1e-6).fit(x, y);
        Map<String, Object> ref = Json.parseObject(Files.readString(Peers.reservoirpy("fixture_small/readout.json")));
        double[] expectedPred = Json.doubles(ref, "predictions");
        double worst = 0;
        double[] out = new double[1];
        for (int t = 0; t < 300; t++) {
            ro.predict(states[t], out);
            worst = Math.max(worst, Math.abs(out[0] - expectedPred[t]));
        }
        assertEquals(0.0, worst, 1e-8, "max |prediction - ReservoirPy prediction|");
        assertEquals(Json.number(ref, "readout_bias"), ro.bias()[0], 1e-6);
    }
}
