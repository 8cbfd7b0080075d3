package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weir.linalg.Activation;
import org.weir.linalg.Precision;

/** Rows split over threads give exactly the single-threaded step. */
class ParallelStepperTest {

    @ParameterizedTest(name = "N={0} d={1} leak={2} threads={3} {4}")
    @CsvSource({"300,1,0.3,2,float64", "203,3,1.0,3,float64", "64,40,0.5,2,float32", "17,1,0.7,3,float64",
        "500,2,0.2,4,float32"})
    void parallelStepsAreBitIdentical(int units, int d, double leak, int threads, String precision) {
        EchoStateReservoir r = EchoStateReservoir.builder().units(units).leakRate(leak).biasScaling(0.3)
                .inputConnectivity(0.5).precision(Precision.parse(precision)).activation(Activation.TANH)
                .spectralRadius(0.95).seed(units * 7L).build(d);
        SplittableRandom rnd = new SplittableRandom(units);
        ReservoirState a = r.newState();
        ReservoirState b = r.newState();
        double[] u = new double[d];
        try (ParallelStepper p = r.parallelStepper(threads)) {
            assertEquals(threads, p.threads());
            for (int t = 0; t < 400; t++) {
                for (int j = 0; j < d; j++) {
                    u[j] = rnd.nextDouble(-1, 1);
                }
                r.step(a, u, null);
                p.step(b, u);
                if (t % 50 == 0 || t == 399) {
                    assertArrayEquals(a.values(), b.values(), 0.0, "step " + t);
                }
            }
            assertEquals(a.steps(), b.steps());
        }
    }

    /** A stepper left idle long enough for its workers to park wakes them and stays exact. */
    @Test
    void idleWorkersParkAndWakeUp() throws Exception {
        EchoStateReservoir r = EchoStateReservoir.builder().units(200).leakRate(0.5).seed(3).build(1);
        ReservoirState a = r.newState();
        ReservoirState b = r.newState();
        try (ParallelStepper p = r.parallelStepper(2)) {
            for (int t = 0; t < 20; t++) {
                double[] u = {Math.sin(t)};
                r.step(a, u, null);
                p.step(b, u);
                if (t % 5 == 0) {
                    Thread.sleep(30);
                }
            }
            assertArrayEquals(a.values(), b.values(), 0.0);
            p.close();
            assertThrows(IllegalStateException.class, () -> p.step(b, new double[] {0}));
        }
    }

    @Test
    void rejectsFeedbackAndBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> EchoStateReservoir.builder().units(20).build(1, 1).parallelStepper(2));
        EchoStateReservoir r = EchoStateReservoir.builder().units(20).build(2);
        assertThrows(IllegalArgumentException.class, () -> r.parallelStepper(0));
        assertThrows(IllegalArgumentException.class, () -> r.parallelStepper(4)); // 20 units = 3 slices of 8
        try (ParallelStepper p = r.parallelStepper(2)) {
            assertThrows(IllegalArgumentException.class, () -> p.step(r.newState(), new double[1]));
        }
    }
}
