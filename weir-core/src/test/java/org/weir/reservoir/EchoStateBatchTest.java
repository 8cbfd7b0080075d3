package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weir.linalg.Activation;
import org.weir.linalg.Precision;

/** Batched lanes reproduce one-sequence stepping bit for bit, on any lane range and from several threads. */
class EchoStateBatchTest {

    @ParameterizedTest(name = "N={0} d={1} leak={2} {3} {4} lanes={5}")
    @CsvSource({"100,1,0.3,tanh,float64,7", "64,3,1.0,tanh,float64,5", "120,40,0.5,sigmoid,float64,9",
        "203,1,0.2,tanh,float32,16", "50,2,0.7,relu,float64,1"})
    void everyLaneEqualsItsOwnSequenceBitForBit(int units, int d, double leak, String act, String precision, int lanes) {
        EchoStateReservoir r = EchoStateReservoir.builder().units(units).leakRate(leak).biasScaling(0.2)
                .inputConnectivity(0.5).activation(Activation.parse(act)).precision(Precision.parse(precision))
                .spectralRadius(0.95).seed(units).build(d);
        SplittableRandom rnd = new SplittableRandom(units + d);
        int steps = 150;
        double[][][] in = new double[lanes][steps][d];
        for (double[][] lane : in) {
            for (double[] row : lane) {
                for (int j = 0; j < d; j++) {
                    row[j] = rnd.nextDouble(-1, 1);
                }
            }
        }
        EchoStateBatch batch = r.newBatch(lanes);
        ReservoirState[] single = new ReservoirState[lanes];
        for (int b = 0; b < lanes; b++) {
            single[b] = r.newState();
        }
        double[] got = new double[units];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < lanes; b++) {
                batch.input(b, in[b][t]);
                r.step(single[b], in[b][t], null);
            }
            if (t % 2 == 0) {
                batch.step();
            } else {
                // two lane ranges, as two threads would step them
                int mid = lanes / 2;
                batch.step(0, mid);
                batch.step(mid, lanes);
            }
            if (t % 37 == 0 || t == steps - 1) {
                for (int b = 0; b < lanes; b++) {
                    batch.copyState(b, got);
                    assertArrayEquals(single[b].values(), got, 0.0, "lane " + b + " at step " + t);
                }
            }
        }
    }

    @Test
    void lanesRunConcurrentlyAndResetIndependently() throws Exception {
        EchoStateReservoir r = EchoStateReservoir.builder().units(300).leakRate(0.3).seed(2).build(1);
        int lanes = 8;
        EchoStateBatch batch = r.newBatch(lanes);
        ReservoirState[] single = new ReservoirState[lanes];
        for (int b = 0; b < lanes; b++) {
            single[b] = r.newState();
        }
        for (int t = 0; t < 120; t++) {
            if (t == 60) {
                batch.resetLane(5);
                single[5].reset();
            }
            for (int b = 0; b < lanes; b++) {
                double[] u = {Math.sin(0.1 * t * (b + 1))};
                batch.input(b, u);
                r.step(single[b], u, null);
            }
            Thread other = new Thread(() -> batch.step(4, 8));
            other.start();
            batch.step(0, 4);
            other.join();
        }
        double[] got = new double[300];
        for (int b = 0; b < lanes; b++) {
            batch.copyState(b, got);
            assertArrayEquals(single[b].values(), got, 0.0, "lane " + b);
        }
    }

    @Test
    void rejectsFeedbackAndBadLanes() {
        EchoStateReservoir fb = EchoStateReservoir.builder().units(20).build(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fb.newBatch(4));
        assertTrue(e.getMessage().contains("feedback"), e.getMessage());
        EchoStateBatch b = EchoStateReservoir.builder().units(20).build(2).newBatch(3);
        assertThrows(IllegalArgumentException.class, () -> b.input(3, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> b.input(0, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> b.step(2, 4));
        assertThrows(IllegalArgumentException.class, () -> EchoStateReservoir.builder().units(20).build(1).newBatch(0));
    }
}
