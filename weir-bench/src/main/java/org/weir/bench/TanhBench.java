package org.weir.bench;

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
import org.weir.linalg.FastTanh;
import org.weir.linalg.Kernels;

/** tanh over an array of n doubles drawn uniformly from [-3, 3] (typical reservoir pre-activations). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TanhBench {
    @Param({"1000"})
    int n;

    double[] src;
    double[] work;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        src = new double[n];
        for (int i = 0; i < n; i++) {
            src[i] = rnd.nextDouble(-3, 3);
        }
        work = new double[n];
    }

    /** Baseline: java.lang.Math.tanh element by element (fdlibm in JDK 17). */
    @Benchmark
    public double[] mathTanh() {
        double[] w = work;
        System.arraycopy(src, 0, w, 0, n);
        for (int i = 0; i < n; i++) {
            w[i] = Math.tanh(w[i]);
        }
        return w;
    }

    /** FastTanh scalar, element by element (the fallback without the Vector API). */
    @Benchmark
    public double[] fastTanhScalar() {
        double[] w = work;
        System.arraycopy(src, 0, w, 0, n);
        for (int i = 0; i < n; i++) {
            w[i] = FastTanh.tanh(w[i]);
        }
        return w;
    }

    /** Kernels.tanhInPlace: FastTanh vectorized (default; <= 1 ulp). */
    @Benchmark
    public double[] kernelsTanh() {
        double[] w = work;
        System.arraycopy(src, 0, w, 0, n);
        Kernels.tanhInPlace(w, 0, n);
        return w;
    }

    /** Copy alone, to subtract from the others. */
    @Benchmark
    public double[] copyOnly() {
        double[] w = work;
        System.arraycopy(src, 0, w, 0, n);
        return w;
    }
}
