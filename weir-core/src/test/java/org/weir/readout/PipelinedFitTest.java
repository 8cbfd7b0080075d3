package org.weir.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.weir.data.MackeyGlass;
import org.weir.model.ForecastModel;
import org.weir.model.Forecaster;
import org.weir.model.Sequence;
import org.weir.reservoir.EchoStateReservoir;

class PipelinedFitTest {

    static double[][] mg(int n) {
        double[] v = MackeyGlass.xNorm(MackeyGlass.standard().generate(n));
        double[][] c = new double[n][1];
        for (int i = 0; i < n; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    /** The pipeline changes the wall time only: the readout sees the same rows in the same order. */
    @Test
    void forecasterModelsAreBitIdenticalWithAndWithoutThePipeline() {
        double[][] x = mg(6000);
        Sequence train = Sequence.shifted(x, x, 1, 0, 4500);
        double[][] test = Sequence.shifted(x, x, 1, 4500, 5999).inputs();
        EchoStateReservoir r = EchoStateReservoir.builder().units(200).spectralRadius(1.25).leakRate(0.3).seed(4).build(1);
        for (Readout readout : new Readout[] {RidgeReadout.withRidge(1e-7), new RlsReadout(1.0, 1.0)}) {
            ForecastModel piped = Forecaster.of(r, readout).warmup(100).pipelined(true).fit(train);
            ForecastModel plain = Forecaster.of(r, readout).warmup(100).pipelined(false).fit(train);
            assertTrue(java.util.Arrays.deepEquals(plain.predict(test), piped.predict(test)), readout.describe().toString());
        }
    }

    /**
     * A ridge fit over wide rows already updates its Gram matrix in the background (when there is a pool thread to
     * do it), so the forecaster does not wrap it; narrow rows (cheap updates, run on the caller) and RLS do not.
     */
    @Test
    void ridgeFitsOverWideRowsAccumulateInTheBackground() {
        boolean pool = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() >= 1; // the caller plus one
        assertEquals(pool, RidgeReadout.withRidge(1e-6).begin(500, 1).accumulatesInBackground());
        assertFalse(RidgeReadout.withRidge(1e-6).begin(20, 1).accumulatesInBackground());
        assertFalse(new RlsReadout(1.0, 1.0).begin(500, 1).accumulatesInBackground());
        // the threshold: 512-row chunks of d + k columns need 512 (d + k)^2 / 2 >= 2^22 multiply-adds
        assertFalse(new RidgeStatistics(126, 1).updatesInBackground());
        assertEquals(pool, new RidgeStatistics(127, 1).updatesInBackground());
    }

    @Test
    void rowsAddedAfterFinishGoStraightToTheWrappedFit() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] xs = new double[1500][5];
        double[][] ys = new double[1500][2];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < 5; j++) {
                xs[i][j] = rnd.nextGaussian();
            }
            ys[i][0] = xs[i][0] - 2 * xs[i][3] + 0.1 * rnd.nextGaussian();
            ys[i][1] = rnd.nextGaussian();
        }
        Readout.Fit direct = RidgeReadout.withRidge(1e-3).begin(5, 2);
        PipelinedFit piped = new PipelinedFit(RidgeReadout.withRidge(1e-3).begin(5, 2), 5, 2);
        for (int i = 0; i < 1000; i++) {
            direct.add(xs[i], ys[i]);
            piped.add(xs[i], ys[i]);
        }
        assertArrayEquals(direct.finish().weights(), piped.finish().weights(), 0.0);
        assertFalse(piped.workerAlive(), "finish stops the worker");
        for (int i = 1000; i < 1500; i++) {
            direct.add(xs[i], ys[i]);
            piped.add(xs[i], ys[i]);
        }
        assertEquals(1500, piped.count());
        assertArrayEquals(direct.finish().weights(), piped.finish().weights(), 0.0);
        piped.close();
        assertThrows(IllegalStateException.class, () -> piped.add(xs[0], ys[0]));
        assertThrows(IllegalArgumentException.class, () -> new PipelinedFit(direct, 5, 2).add(new double[4], ys[0]));
    }

    /** A failure on the worker thread comes back to the caller, and the worker does not linger. */
    @Test
    void workerFailureIsRethrownOnTheCallersThread() {
        IllegalArgumentException boom = new IllegalArgumentException("row 700 is bad");
        Readout.Fit failing = new Readout.Fit() {
            long n;

            @Override
            public void add(double[] x, double[] y) {
                if (++n == 700) {
                    throw boom;
                }
            }

            @Override
            public long count() {
                return n;
            }

            @Override
            public LinearReadout finish() {
                throw new AssertionError("not reached");
            }
        };
        PipelinedFit piped = new PipelinedFit(failing, 3, 1);
        RuntimeException seen = assertThrows(RuntimeException.class, () -> {
            for (int i = 0; i < 100_000; i++) {
                piped.add(new double[3], new double[1]);
            }
            piped.finish();
        });
        assertSame(boom, seen);
        piped.close();
        assertFalse(piped.workerAlive());
    }

    @Test
    void closeWithoutFinishStopsTheWorker() {
        PipelinedFit piped = new PipelinedFit(RidgeReadout.withRidge(1e-3).begin(2, 1), 2, 1);
        for (int i = 0; i < 600; i++) {
            piped.add(new double[] {i, 1}, new double[] {i});
        }
        piped.close();
        assertFalse(piped.workerAlive());
    }
}
