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

    /**
     * A run harvests exactly what steps plus copies give, whatever the thread count (more threads than cores
     * included, so that parts get claimed by whichever thread comes first), the parity of the run's length, the
     * input window and the output offset; the state ends as the last row and counts the steps.
     */
    @ParameterizedTest(name = "N={0} d={1} threads={2} steps={3} {4}")
    @CsvSource({"300,1,2,401,float64", "300,1,2,400,float32", "203,3,3,57,float64", "120,2,6,1,float64",
        "64,1,4,250,float32"})
    void runsHarvestWhatStepsGive(int units, int d, int threads, int steps, String precision) {
        EchoStateReservoir r = EchoStateReservoir.builder().units(units).leakRate(0.4).biasScaling(0.2)
                .precision(Precision.parse(precision)).spectralRadius(0.9).seed(units + steps).build(d);
        SplittableRandom rnd = new SplittableRandom(steps);
        int from = 7;
        double[][] inputs = new double[from + 2 * steps][d];
        for (double[] u : inputs) {
            for (int j = 0; j < d; j++) {
                u[j] = rnd.nextDouble(-1, 1);
            }
        }
        ReservoirState a = r.newState();
        double[] expected = new double[2 * steps * units];
        for (int t = 0; t < 2 * steps; t++) {
            r.step(a, inputs[from + t], null);
            System.arraycopy(a.values(), 0, expected, t * units, units);
        }
        int offset = 5;
        double[] out = new double[offset + 2 * steps * units];
        ReservoirState b = r.newState();
        try (ParallelStepper p = r.parallelStepper(threads)) {
            p.run(b, inputs, from, steps, out, offset); // two runs back to back, then one empty run
            p.run(b, inputs, from + steps, steps, out, offset + steps * units);
            p.run(b, inputs, 0, 0, out, 0);
        }
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, offset, out.length), 0.0);
        assertArrayEquals(a.values(), b.values(), 0.0);
        assertEquals(2L * steps, b.steps());
    }

    /** Runs and single steps interleave on one stepper (the second buffer and the step count stay in order). */
    @Test
    void runsAndStepsInterleave() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(160).leakRate(0.3).seed(11).build(1);
        double[][] inputs = new double[90][1];
        for (int t = 0; t < inputs.length; t++) {
            inputs[t][0] = Math.cos(0.3 * t);
        }
        ReservoirState a = r.newState();
        for (double[] u : inputs) {
            r.step(a, u, null);
        }
        ReservoirState b = r.newState();
        double[] out = new double[inputs.length * 160];
        try (ParallelStepper p = r.parallelStepper(2)) {
            int t = 0;
            for (int len : new int[] {3, 1, 0, 20, 1, 1, 31}) {
                p.run(b, inputs, t, len, out, t * 160);
                t += len;
                p.step(b, inputs[t]);
                System.arraycopy(b.values(), 0, out, t * 160, 160);
                t++;
            }
            p.run(b, inputs, t, inputs.length - t, out, t * 160);
        }
        assertArrayEquals(a.values(), b.values(), 0.0);
        assertEquals(inputs.length, b.steps());
    }

    @Test
    void runRejectsBadWindows() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(40).build(2);
        double[][] inputs = new double[10][2];
        try (ParallelStepper p = r.parallelStepper(2)) {
            ReservoirState s = r.newState();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.run(s, inputs, 5, 6, new double[400], 0));
            assertEquals("steps [5, 5 + 6) lie outside the 10 inputs", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> p.run(s, inputs, 0, 10, new double[399], 0));
            assertEquals("out has 399 values; 10 states of 40 units from index 0 need 400", e.getMessage());
            double[][] ragged = {new double[2], new double[3]};
            e = assertThrows(IllegalArgumentException.class, () -> p.run(s, ragged, 0, 2, new double[80], 0));
            assertEquals("the reservoir takes 2 inputs, input 1 has 3", e.getMessage());
            assertEquals(0, s.steps());
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
