package org.weir.linalg;

import java.util.SplittableRandom;
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

/**
 * Sparse mat-vec for a reservoir matrix (N x N, Bernoulli(density) pattern, normal values): the naive
 * CSR loop, Kernels.csrMultiply, package-internal variants, sliced ELL, and the batched product
 * (per op: one product of the whole block of {@code batch} vectors). Lives in org.weir.linalg to reach
 * the package-private variants.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SpmvBench {
    @Param({"1000"})
    int n;
    @Param({"0.1"})
    double density;
    @Param({"64"})
    int batch;

    CsrMatrix csr;
    int[] rowPtr;
    int[] colIdx;
    double[] values;
    EllMatrix ell;

    double[] x;
    double[] y;
    double[] xb;
    double[] yb;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(3);
        int cap = (int) (n * (long) n * density * 1.2) + 16;
        int[] r = new int[cap];
        int[] c = new int[cap];
        double[] v = new double[cap];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (rnd.nextDouble() < density) {
                    r[k] = i;
                    c[k] = j;
                    v[k] = rnd.nextGaussian();
                    k++;
                }
            }
        }
        csr = CsrMatrix.fromTriplets(n, n, java.util.Arrays.copyOf(r, k), java.util.Arrays.copyOf(c, k),
                java.util.Arrays.copyOf(v, k));
        rowPtr = csr.rowPtr();
        colIdx = csr.colIdx();
        values = csr.values();
        ell = EllMatrix.of(csr);

        x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        y = new double[n];
        xb = new double[n * batch];
        for (int i = 0; i < xb.length; i++) {
            xb[i] = rnd.nextDouble(-1, 1);
        }
        yb = new double[n * batch];
    }

    /** Baseline: the plain scalar CSR loop (the original Kernels.csrMultiply). */
    @Benchmark
    public double[] csrNaive() {
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                s += values[p] * x[colIdx[p]];
            }
            y[i] = s;
        }
        return y;
    }

    @Benchmark
    public double[] kernelsCsrMultiply() {
        Kernels.csrMultiply(n, rowPtr, colIdx, values, x, y);
        return y;
    }

    @Benchmark
    public double[] csr4Accumulators() {
        Kernels.csrMultiply4(n, rowPtr, colIdx, values, x, y);
        return y;
    }

    @Benchmark
    public double[] ellGather() {
        ell.multiplyGather(x, y);
        return y;
    }

    @Benchmark
    public double[] csrVectorGather() {
        VectorKernels.csrMultiply(n, rowPtr, colIdx, values, x, y);
        return y;
    }

    @Benchmark
    public double[] ellMultiply() {
        ell.multiply(x, y);
        return y;
    }

    @Benchmark
    public double[] ellSimpleLoop() {
        ell.multiplyScalar(x, y);
        return y;
    }

    @Benchmark
    public double[] batchMultiplyRowwise() {
        ell.multiplyBatchRowwise(xb, yb, batch);
        return yb;
    }

    /** One product of the whole interleaved block (batch vectors), single thread. */
    @Benchmark
    public double[] batchMultiply() {
        ell.multiplyBatch(xb, yb, batch);
        return yb;
    }
}
