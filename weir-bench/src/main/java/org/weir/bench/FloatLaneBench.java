package org.weir.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.weir.linalg.CsrMatrix;
import org.weir.linalg.EllMatrix;
import org.weir.linalg.FloatLaneKernels;
import org.weir.linalg.FloatTanh;
import org.weir.linalg.Kernels;
import org.weir.reservoir.EchoStateReservoir;

/**
 * The parts of one batched ESN step over {@code lanes} sequences, N=1000, 10 % connectivity, in single precision
 * ({@link org.weir.reservoir.FloatStateBatch}) against double precision ({@link org.weir.reservoir.EchoStateBatch})
 * in the same run: {@code floatPreactivation} (W x + W_in u + b, {@link FloatLaneKernels#preactivation}) vs
 * {@code doubleProduct} (W x, {@link EllMatrix#multiplyBatch}); {@code floatTanh} vs {@code doubleTanh} over
 * N x lanes values; {@code floatLeak}. Non-zero-lanes per second = nnz * lanes / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class FloatLaneBench {
    @Param({"1000"})
    int units;
    @Param({"64", "32"})
    int lanes;

    int[] rowPtr;
    int[] col;
    float[] val;
    EllMatrix ell;
    float[] win;
    float[] bias;
    float[] u;
    float[] x;
    float[] pre;
    double[] xd;
    double[] pred;

    @Setup
    public void setup() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(units).connectivity(0.1).spectralRadius(0.9)
                .leakRate(0.3).inputScaling(1.0).seed(42).build(1);
        CsrMatrix w = r.recurrentMatrix();
        ell = EllMatrix.of(w);
        rowPtr = w.rowPtr();
        col = w.colIdx();
        double[] v = w.values();
        val = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            val[k] = (float) v[k];
        }
        win = new float[units];
        bias = new float[units];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < units; i++) {
            win[i] = (float) rnd.nextDouble(-1, 1);
        }
        u = new float[lanes];
        x = new float[units * lanes];
        pre = new float[units * lanes];
        xd = new double[units * lanes];
        pred = new double[units * lanes];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) rnd.nextDouble(-1, 1);
            xd[k] = x[k];
        }
    }

    @Benchmark
    public float[] floatPreactivation() {
        FloatLaneKernels.preactivation(units, rowPtr, col, val, 1, win, bias, u, x, pre, lanes, 0, lanes);
        return pre;
    }

    @Benchmark
    public double[] doubleProduct() {
        ell.multiplyBatch(xd, pred, lanes);
        return pred;
    }

    @Benchmark
    public float[] floatTanh() {
        System.arraycopy(x, 0, pre, 0, pre.length);
        FloatTanh.tanhInPlace(pre, 0, pre.length);
        return pre;
    }

    @Benchmark
    public double[] doubleTanh() {
        System.arraycopy(xd, 0, pred, 0, pred.length);
        Kernels.tanhInPlace(pred, 0, pred.length);
        return pred;
    }

    @Benchmark
    public float[] floatLeak() {
        FloatLaneKernels.leak(x, pre, 0, pre.length, 0.7f, 0.3f);
        return x;
    }
}
