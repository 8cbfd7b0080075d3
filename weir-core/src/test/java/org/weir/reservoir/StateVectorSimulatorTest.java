package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The state-vector simulator against hand-computed states and expectation values. */
class StateVectorSimulatorTest {
    static final double EPS = 1e-14;

    static double[][] zero(int n) {
        double[] re = new double[1 << n];
        double[] im = new double[1 << n];
        StateVectorSimulator.reset(re, im);
        return new double[][] {re, im};
    }

    @Test
    void groundStateHasZEqualOne() {
        double[][] s = zero(3);
        for (int q = 0; q < 3; q++) {
            assertEquals(1.0, StateVectorSimulator.expectationZ(s[0], s[1], q), EPS);
        }
        assertEquals(1.0, StateVectorSimulator.norm2(s[0], s[1]), EPS);
    }

    @Test
    void hadamardGivesPlusState() {
        double[][] s = zero(2);
        StateVectorSimulator.hadamard(s[0], s[1], 1);
        // |+> on qubit 1: amplitudes 1/sqrt2 at |00> (k=0) and |10> (k=2)
        assertEquals(Math.sqrt(0.5), s[0][0], EPS);
        assertEquals(Math.sqrt(0.5), s[0][2], EPS);
        assertEquals(0.0, s[0][1], EPS);
        assertEquals(0.0, StateVectorSimulator.expectationZ(s[0], s[1], 1), EPS);
        assertEquals(1.0, StateVectorSimulator.expectationZ(s[0], s[1], 0), EPS);
        StateVectorSimulator.hadamard(s[0], s[1], 1);
        assertEquals(1.0, s[0][0], EPS, "H H = I");
    }

    @Test
    void bellStateExpectations() {
        double[][] s = zero(2);
        StateVectorSimulator.hadamard(s[0], s[1], 0);
        StateVectorSimulator.cnot(s[0], s[1], 0, 1);
        // (|00> + |11>) / sqrt 2
        assertEquals(Math.sqrt(0.5), s[0][0], EPS);
        assertEquals(Math.sqrt(0.5), s[0][3], EPS);
        assertEquals(0.0, s[0][1], EPS);
        assertEquals(0.0, s[0][2], EPS);
        assertEquals(0.0, StateVectorSimulator.expectationZ(s[0], s[1], 0), EPS);
        assertEquals(0.0, StateVectorSimulator.expectationZ(s[0], s[1], 1), EPS);
        assertEquals(1.0, StateVectorSimulator.expectationZZ(s[0], s[1], 0, 1), EPS);
    }

    @Test
    void cnotFlipsTargetOnlyWhenControlIsOne() {
        double[][] s = zero(3);
        StateVectorSimulator.cnot(s[0], s[1], 2, 0);
        assertEquals(1.0, s[0][0], EPS, "control 0: nothing happens");
        // X on qubit 2 via H RZ(pi) H (up to global phase), then CNOT(2, 0): |101> = k 5
        StateVectorSimulator.hadamard(s[0], s[1], 2);
        StateVectorSimulator.rz(s[0], s[1], 2, Math.PI);
        StateVectorSimulator.hadamard(s[0], s[1], 2);
        StateVectorSimulator.cnot(s[0], s[1], 2, 0);
        double p5 = s[0][5] * s[0][5] + s[1][5] * s[1][5];
        assertEquals(1.0, p5, EPS);
        assertEquals(-1.0, StateVectorSimulator.expectationZ(s[0], s[1], 0), EPS);
        assertEquals(1.0, StateVectorSimulator.expectationZ(s[0], s[1], 1), EPS);
        assertThrows(IllegalArgumentException.class, () -> StateVectorSimulator.cnot(s[0], s[1], 1, 1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 1.0, 2.5, Math.PI, -1.7})
    void rotationsOnKnownStates(double theta) {
        // RY(t)|0> = cos(t/2)|0> + sin(t/2)|1>: <Z> = cos t
        double[][] s = zero(1);
        StateVectorSimulator.ry(s[0], s[1], 0, theta);
        assertEquals(Math.cos(theta / 2), s[0][0], EPS);
        assertEquals(Math.sin(theta / 2), s[0][1], EPS);
        assertEquals(Math.cos(theta), StateVectorSimulator.expectationZ(s[0], s[1], 0), 1e-14);
        // RZ(t)|0> = e^{-i t/2}|0>: amplitude cos(t/2) - i sin(t/2), <Z> unchanged
        s = zero(1);
        StateVectorSimulator.rz(s[0], s[1], 0, theta);
        assertEquals(Math.cos(theta / 2), s[0][0], EPS);
        assertEquals(-Math.sin(theta / 2), s[1][0], EPS);
        assertEquals(1.0, StateVectorSimulator.expectationZ(s[0], s[1], 0), EPS);
        // H RZ(t) H |0>: <Z> = cos t (RZ rotates |+> about z; H maps the x component back to z)
        s = zero(1);
        StateVectorSimulator.hadamard(s[0], s[1], 0);
        StateVectorSimulator.rz(s[0], s[1], 0, theta);
        StateVectorSimulator.hadamard(s[0], s[1], 0);
        assertEquals(Math.cos(theta), StateVectorSimulator.expectationZ(s[0], s[1], 0), 1e-14);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomCircuitsPreserveNormAndInnerProducts(long seed) {
        System.out.println("random circuit seed " + seed);
        SplittableRandom r = new SplittableRandom(seed);
        int n = 5;
        double[] ar = new double[1 << n];
        double[] ai = new double[1 << n];
        double[] br = new double[1 << n];
        double[] bi = new double[1 << n];
        for (int k = 0; k < ar.length; k++) {
            ar[k] = r.nextGaussian();
            ai[k] = r.nextGaussian();
            br[k] = r.nextGaussian();
            bi[k] = r.nextGaussian();
        }
        double na = StateVectorSimulator.norm2(ar, ai);
        double nb = StateVectorSimulator.norm2(br, bi);
        double[] before = inner(ar, ai, br, bi);
        for (int g = 0; g < 60; g++) {
            int q = r.nextInt(n);
            int kind = r.nextInt(5);
            double t = r.nextDouble(-Math.PI, Math.PI);
            int c = (q + 1 + r.nextInt(n - 1)) % n;
            for (double[][] s : new double[][][] {{ar, ai}, {br, bi}}) {
                switch (kind) {
                    case 0 -> StateVectorSimulator.hadamard(s[0], s[1], q);
                    case 1 -> StateVectorSimulator.ry(s[0], s[1], q, t);
                    case 2 -> StateVectorSimulator.rz(s[0], s[1], q, t);
                    case 3 -> StateVectorSimulator.rot(s[0], s[1], q, t, 0.5 * t, -t);
                    default -> StateVectorSimulator.cnot(s[0], s[1], c, q);
                }
            }
        }
        assertEquals(na, StateVectorSimulator.norm2(ar, ai), 1e-12 * na);
        assertEquals(nb, StateVectorSimulator.norm2(br, bi), 1e-12 * nb);
        double[] after = inner(ar, ai, br, bi);
        assertEquals(before[0], after[0], 1e-11);
        assertEquals(before[1], after[1], 1e-11);
    }

    /** {@code <a|b>} as (real, imaginary). */
    private static double[] inner(double[] ar, double[] ai, double[] br, double[] bi) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < ar.length; k++) {
            re += ar[k] * br[k] + ai[k] * bi[k];
            im += ar[k] * bi[k] - ai[k] * br[k];
        }
        return new double[] {re, im};
    }
}
