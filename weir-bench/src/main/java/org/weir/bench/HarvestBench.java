package org.weir.bench;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.weir.linalg.EllMatrix;
import org.weir.linalg.Precision;
import org.weir.reservoir.EchoStateBatch;
import org.weir.reservoir.FloatStateBatch;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.ParallelStepper;
import org.weir.reservoir.ReservoirState;
import org.weir.reservoir.Topology;

/**
 * State harvesting as in ReservoirPy's throughput figure: N=1000, 10 % connectivity, spectral radius 0.9,
 * leak 0.3, 1-D input. {@code single}: one sequence of T steps through EchoStateReservoir.step, every
 * state copied out (as a harvest does); steps/s = T / time. {@code batched*}: {@code batch} independent
 * sequences of {@code batchSteps} steps each, advancing together (BatchedEsn), split over threads by
 * sequence; aggregate steps/s = batch * batchSteps / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class HarvestBench {
    @Param({"1000"})
    int units;
    @Param({"20000"})
    int steps;
    @Param({"64"})
    int batch;
    @Param({"1000"})
    int batchSteps;
    /** random: ReservoirPy's pattern; block-random: rows in groups of eight sharing their columns (Topology). */
    @Param({"random"})
    String topology;

    EchoStateReservoir reservoir;
    EchoStateReservoir reservoir32;
    EllMatrix ell;
    double[][] inputs;
    double[] states;
    double[] batchInputs;

    /**
     * Worker threads for the multi-threaded rows. Not the common fork-join pool: a join there runs a task that no
     * worker has started yet on the joining thread, which made some forks measure the two blocks one after the
     * other (bimodal 140 / 300 ms per op).
     */
    private ExecutorService workers;

    @org.openjdk.jmh.annotations.TearDown
    public void tearDown() {
        workers.shutdownNow();
    }

    /** Runs work[1..] on the worker threads and work[0] on the caller; returns when all are done. */
    private void runTogether(Runnable[] work) {
        Future<?>[] f = new Future<?>[work.length - 1];
        for (int k = 1; k < work.length; k++) {
            f[k - 1] = workers.submit(work[k]);
        }
        work[0].run();
        try {
            for (Future<?> t : f) {
                t.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Setup
    public void setup() {
        workers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), r -> {
            Thread t = new Thread(r, "harvest-bench-worker");
            t.setDaemon(true);
            return t;
        });
        reservoir = EchoStateReservoir.builder().units(units).connectivity(0.1).spectralRadius(0.9)
                .topology(Topology.parse(topology)).leakRate(0.3).inputScaling(1.0).seed(42).build(1);
        reservoir32 = EchoStateReservoir.builder().units(units).connectivity(0.1).spectralRadius(0.9)
                .topology(Topology.parse(topology)).leakRate(0.3).inputScaling(1.0).seed(42)
                .precision(Precision.FLOAT32).build(1);
        ell = EllMatrix.of(reservoir.recurrentMatrix());
        SplittableRandom rnd = new SplittableRandom(1);
        inputs = new double[steps][1];
        for (int t = 0; t < steps; t++) {
            inputs[t][0] = rnd.nextDouble(-1, 1);
        }
        states = new double[steps * units];
        batchInputs = new double[batchSteps * batch];
        for (int k = 0; k < batchInputs.length; k++) {
            batchInputs[k] = rnd.nextDouble(-1, 1);
        }
        checkBatchedAgreesWithReservoir();
    }

    /** The batched update must reproduce EchoStateReservoir.step lane by lane (to rounding). */
    private void checkBatchedAgreesWithReservoir() {
        int b = 3;
        BatchedEsn be = new BatchedEsn(reservoir, ell, b);
        ReservoirState s = reservoir.newState();
        double[] u = new double[50 * b];
        for (int t = 0; t < 50; t++) {
            for (int k = 0; k < b; k++) {
                u[t * b + k] = inputs[t][0] * (k + 1);
            }
        }
        be.run(u, 0, 50);
        for (int t = 0; t < 50; t++) {
            reservoir.step(s, new double[] {u[t * b + 2]}, null);
        }
        double max = 0;
        for (int i = 0; i < units; i++) {
            max = Math.max(max, Math.abs(s.values()[i] - be.x[i * b + 2]));
        }
        if (max > 1e-12) {
            throw new IllegalStateException("batched ESN differs from EchoStateReservoir by " + max);
        }
    }

    @Benchmark
    public double[] single() {
        return harvest(reservoir);
    }

    private double[] harvest(EchoStateReservoir r) {
        ReservoirState s = r.newState();
        double[] v = s.values();
        for (int t = 0; t < steps; t++) {
            r.step(s, inputs[t], null);
            System.arraycopy(v, 0, states, t * units, units);
        }
        return states;
    }

    /** {@link #single} with the weights in single precision ({@code precision(FLOAT32)}). */
    @Benchmark
    public double[] singleFloat32() {
        return harvest(reservoir32);
    }

    /** {@link #single} with each step's rows split over the caller and one more thread ({@link ParallelStepper}). */
    @Benchmark
    public double[] singleTwoThreads() {
        return harvestParallel(reservoir);
    }

    /** {@link #singleTwoThreads} with single-precision weights. */
    @Benchmark
    public double[] singleFloat32TwoThreads() {
        return harvestParallel(reservoir32);
    }

    private double[] harvestParallel(EchoStateReservoir r) {
        ReservoirState s = r.newState();
        try (ParallelStepper p = r.parallelStepper(2)) {
            p.run(s, inputs, 0, steps, states, 0);
        }
        return states;
    }

    /**
     * {@link #singleTwoThreads} through {@link ParallelStepper#step} one step at a time (the caller copies each
     * state out): three hand-offs between the threads per step instead of one.
     */
    @Benchmark
    public double[] singleTwoThreadsStepwise() {
        ReservoirState s = reservoir.newState();
        double[] v = s.values();
        try (ParallelStepper p = reservoir.parallelStepper(2)) {
            for (int t = 0; t < steps; t++) {
                p.step(s, inputs[t]);
                System.arraycopy(v, 0, states, t * units, units);
            }
        }
        return states;
    }

    /**
     * The same single-sequence update written over EllMatrix (what EchoStateReservoir would run if it kept
     * its W as an EllMatrix): shows the gain of the sliced-ELL kernel inside a full step.
     */
    @Benchmark
    public double[] singleEll() {
        BatchedEsn be = new BatchedEsn(reservoir, ell, 1);
        double[] u = new double[1];
        for (int t = 0; t < steps; t++) {
            u[0] = inputs[t][0];
            be.runSingle(u);
            System.arraycopy(be.x, 0, states, t * units, units);
        }
        return states;
    }

    @Benchmark
    public double[] batchedOneThread() {
        BatchedEsn be = new BatchedEsn(reservoir, ell, batch);
        be.run(batchInputs, 0, batchSteps);
        return be.x;
    }

    /** The library's batched stepping ({@link EchoStateBatch}, bit-identical to step) on one thread. */
    @Benchmark
    public double libraryBatchedOneThread() {
        EchoStateBatch be = reservoir.newBatch(batch);
        double[] u = new double[1];
        for (int t = 0; t < batchSteps; t++) {
            for (int b = 0; b < batch; b++) {
                u[0] = batchInputs[t * batch + b];
                be.input(b, u);
            }
            be.step();
        }
        return be.value(0, 0);
    }

    /** {@link #libraryBatchedOneThread} with the lanes split between the caller and the common pool. */
    @Benchmark
    public double libraryBatchedThreads() {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), batch);
        EchoStateBatch[] blocks = new EchoStateBatch[threads];
        int[] first = new int[threads];
        int b0 = 0;
        for (int k = 0; k < threads; k++) {
            int bk = batch / threads + (k < batch % threads ? 1 : 0);
            blocks[k] = reservoir.newBatch(bk);
            first[k] = b0;
            b0 += bk;
        }
        Runnable[] work = new Runnable[threads];
        for (int k = 0; k < threads; k++) {
            int kk = k;
            work[k] = () -> runLibraryBlock(blocks[kk], first[kk]);
        }
        runTogether(work);
        return blocks[0].value(0, 0);
    }

    private void runLibraryBlock(EchoStateBatch be, int firstLane) {
        double[] u = new double[1];
        for (int t = 0; t < batchSteps; t++) {
            for (int b = 0; b < be.lanes(); b++) {
                u[0] = batchInputs[t * batch + firstLane + b];
                be.input(b, u);
            }
            be.step();
        }
    }

    /** {@link #libraryBatchedOneThread} with single-precision states ({@link FloatStateBatch}). */
    @Benchmark
    public double floatBatchedOneThread() {
        FloatStateBatch be = reservoir.newFloatBatch(batch);
        runFloatBlock(be, 0);
        return be.value(0, 0);
    }

    /** {@link #libraryBatchedThreads} with single-precision states: one {@link FloatStateBatch} per thread. */
    @Benchmark
    public double floatBatchedThreads() {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), batch);
        FloatStateBatch[] blocks = new FloatStateBatch[threads];
        int[] first = new int[threads];
        int b0 = 0;
        for (int k = 0; k < threads; k++) {
            int bk = batch / threads + (k < batch % threads ? 1 : 0);
            blocks[k] = reservoir.newFloatBatch(bk);
            first[k] = b0;
            b0 += bk;
        }
        Runnable[] work = new Runnable[threads];
        for (int k = 0; k < threads; k++) {
            int kk = k;
            work[k] = () -> runFloatBlock(blocks[kk], first[kk]);
        }
        runTogether(work);
        return blocks[0].value(0, 0);
    }

    private void runFloatBlock(FloatStateBatch be, int firstLane) {
        double[] u = new double[be.lanes()];
        for (int t = 0; t < batchSteps; t++) {
            System.arraycopy(batchInputs, t * batch + firstLane, u, 0, u.length);
            be.inputs(0, 0, u);
            be.step();
        }
    }

    /** Sequences split over the common pool's threads plus the caller; each block runs all its steps alone. */
    @Benchmark
    public double[] batchedThreads() {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), batch);
        BatchedEsn[] blocks = new BatchedEsn[threads];
        double[][] us = new double[threads][];
        int b0 = 0;
        for (int k = 0; k < threads; k++) {
            int bk = batch / threads + (k < batch % threads ? 1 : 0);
            blocks[k] = new BatchedEsn(reservoir, ell, bk);
            us[k] = new double[batchSteps * bk];
            for (int t = 0; t < batchSteps; t++) {
                System.arraycopy(batchInputs, t * batch + b0, us[k], t * bk, bk);
            }
            b0 += bk;
        }
        Runnable[] work = new Runnable[threads];
        for (int k = 0; k < threads; k++) {
            int kk = k;
            work[k] = () -> blocks[kk].run(us[kk], 0, batchSteps);
        }
        runTogether(work);
        return blocks[0].x;
    }
}
