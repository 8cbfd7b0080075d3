package org.weir.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weir.linalg.Activation;

/**
 * Single-precision lanes against the double-precision batch (which is bit-identical to one-sequence stepping):
 * equal to rounding on contracting reservoirs, lanes independent of each other and of the lane ranges stepped.
 */
class FloatStateBatchTest {

    @ParameterizedTest(name = "N={0} d={1} leak={2} {3} lanes={4} sr={5} {6}")
    @CsvSource({"1000,1,0.3,tanh,64,0.9,random", "100,3,1.0,tanh,37,0.95,random", "120,2,0.5,sigmoid,16,0.9,random",
        "50,1,0.7,relu,5,0.8,random", "200,1,0.3,identity,20,0.5,random", "1000,1,0.3,tanh,64,0.9,block-random",
        "203,2,0.5,tanh,96,0.95,block-random", "120,1,1.0,tanh,32,0.9,block-random"})
    void followsTheDoublePrecisionBatchToRounding(int units, int d, double leak, String act, int lanes, double sr,
            String topology) {
        EchoStateReservoir r = EchoStateReservoir.builder().units(units).leakRate(leak).biasScaling(0.2)
                .inputConnectivity(0.5).activation(Activation.parse(act)).spectralRadius(sr).seed(units + lanes)
                .topology(Topology.parse(topology)).build(d);
        SplittableRandom rnd = new SplittableRandom(units * 7L + d);
        int steps = 400;
        EchoStateBatch exact = r.newBatch(lanes);
        FloatStateBatch single = r.newFloatBatch(lanes);
        double[] in = new double[d];
        double[] a = new double[units];
        double[] b = new double[units];
        double worst = 0;
        double scale = 0;
        for (int t = 0; t < steps; t++) {
            for (int lane = 0; lane < lanes; lane++) {
                for (int j = 0; j < d; j++) {
                    in[j] = Math.sin(0.05 * t * (lane + 1) + j) + 0.1 * rnd.nextDouble(-1, 1);
                }
                exact.input(lane, in);
                single.input(lane, in);
            }
            exact.step();
            single.step();
            for (int lane = 0; lane < lanes; lane += Math.max(1, lanes / 7)) {
                exact.copyState(lane, a);
                single.copyState(lane, b);
                for (int i = 0; i < units; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                    scale = Math.max(scale, Math.abs(a[i]));
                }
            }
        }
        System.out.printf("N=%d %s lanes=%d: max |float - double| over %d steps = %.2e (states up to %.2f)%n", units,
                act, lanes, steps, worst, scale);
        // float rounding is 6e-8 relative per operation; the contracting update keeps the accumulated error at a
        // small multiple of it instead of letting it grow with the number of steps
        assertTrue(worst < 4e-6 * Math.max(1.0, scale), "max difference " + worst);
        assertTrue(worst > 0 || act.equals("identity"), "float lanes should differ from double by rounding");
    }

    @Test
    void lanesAreIndependentOfBatchSizeAndOfTheLaneRangesStepped() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(300).connectivity(0.1).leakRate(0.3)
                .spectralRadius(0.9).seed(4).build(2);
        int lanes = 40;
        FloatStateBatch whole = r.newFloatBatch(lanes);
        FloatStateBatch ranges = r.newFloatBatch(lanes);
        FloatStateBatch alone = r.newFloatBatch(1);
        SplittableRandom rnd = new SplittableRandom(8);
        double[][] in = new double[lanes][2];
        for (int t = 0; t < 120; t++) {
            for (int lane = 0; lane < lanes; lane++) {
                in[lane][0] = rnd.nextDouble(-1, 1);
                in[lane][1] = rnd.nextDouble(-1, 1);
                whole.input(lane, in[lane]);
                ranges.input(lane, in[lane]);
            }
            alone.input(0, in[33]);
            whole.step();
            // three lane ranges, as three threads would step them (vector groups and scalar tails differ)
            ranges.step(17, lanes);
            ranges.step(0, 5);
            ranges.step(5, 17);
            alone.step();
        }
        for (int i = 0; i < 300; i++) {
            for (int lane = 0; lane < lanes; lane++) {
                assertEquals(Float.floatToRawIntBits(whole.value(lane, i)), Float.floatToRawIntBits(ranges.value(lane, i)),
                        "unit " + i + " lane " + lane);
            }
            assertEquals(Float.floatToRawIntBits(whole.value(33, i)), Float.floatToRawIntBits(alone.value(0, i)),
                    "unit " + i + ": lane 33 of 40 vs a batch of one");
        }
    }

    @Test
    void aCacheLineAlignedStateBlockGivesTheSameBits() {
        // 64 lanes x 300 units = 19,200 floats: at least AlignedFloats.MIN_BLOCK, so under G1 the block sits at the
        // aligned offset of a humongous array; a one-lane batch is a plain array at offset 0
        int lanes = 64;
        int units = 300;
        assertTrue(lanes * units >= AlignedFloats.MIN_BLOCK);
        int off = AlignedFloats.offset(lanes * units);
        System.out.println("state block offset for " + lanes * units + " floats: " + off + " (12 under G1)");
        assertTrue(off == 0 || off == AlignedFloats.G1_OFFSET, "offset " + off);
        assertTrue(AlignedFloats.allocate(lanes * units).length >= lanes * units + off);
        assertEquals(0, AlignedFloats.offset(AlignedFloats.MIN_BLOCK - 1));
        EchoStateReservoir r = EchoStateReservoir.builder().units(units).connectivity(0.1).leakRate(0.3)
                .spectralRadius(0.9).seed(6).build(1);
        FloatStateBatch big = r.newFloatBatch(lanes);
        FloatStateBatch alone = r.newFloatBatch(1);
        double[] in = new double[lanes];
        for (int t = 0; t < 60; t++) {
            for (int b = 0; b < lanes; b++) {
                in[b] = Math.sin(0.1 * t + b);
            }
            big.inputs(0, 0, in);
            alone.input(0, new double[] {in[lanes - 1]});
            big.step();
            alone.step();
        }
        double[] a = new double[units];
        double[] b = new double[units];
        big.copyState(lanes - 1, a);
        alone.copyState(0, b);
        for (int i = 0; i < units; i++) {
            assertEquals(Double.doubleToRawLongBits(b[i]), Double.doubleToRawLongBits(a[i]), "unit " + i);
        }
        big.reset();
        assertEquals(0f, big.value(lanes - 1, units - 1));
    }

    @Test
    void bulkInputsEqualPerLaneInputsAndResetsClearState() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(80).seed(2).build(1);
        FloatStateBatch p = r.newFloatBatch(9);
        FloatStateBatch q = r.newFloatBatch(9);
        double[] values = new double[9];
        for (int t = 0; t < 30; t++) {
            for (int lane = 0; lane < 9; lane++) {
                values[lane] = Math.cos(t + lane);
                p.input(lane, new double[] {values[lane]});
            }
            q.inputs(0, 0, values);
            p.step();
            q.step();
        }
        for (int i = 0; i < 80; i++) {
            assertEquals(p.value(4, i), q.value(4, i));
        }
        q.resetLane(4);
        for (int i = 0; i < 80; i++) {
            assertEquals(0f, q.value(4, i));
            assertEquals(p.value(5, i), q.value(5, i));
        }
        q.reset();
        for (int i = 0; i < 80; i++) {
            assertEquals(0f, q.value(5, i));
        }
    }

    @Test
    void rejectsBadLanesInputsAndFeedback() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(20).build(2);
        FloatStateBatch b = r.newFloatBatch(3);
        assertThrows(IllegalArgumentException.class, () -> r.newFloatBatch(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.input(3, new double[2]));
        assertTrue(e.getMessage().contains("lane 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.input(0, new double[1]));
        assertTrue(e.getMessage().contains("takes 2 inputs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.inputs(0, 2, new double[2]));
        assertTrue(e.getMessage().contains("[2, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.step(2, 1));
        EchoStateReservoir fb = EchoStateReservoir.builder().units(20).build(1, 1);
        e = assertThrows(IllegalArgumentException.class, () -> fb.newFloatBatch(4));
        assertTrue(e.getMessage().contains("output feedback"), e.getMessage());
    }
}
