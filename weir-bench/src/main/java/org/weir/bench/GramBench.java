package org.weir.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.weir.linalg.GramKernels;
import org.weir.linalg.Kernels;
import org.weir.linalg.PackedRows;

/**
 * Gram matrix {@code A^T A} of a row-major rows x cols block (the ridge readout's statistics), Weir's
 * blocked kernel vs EJML vs OpenBLAS (JavaCPP presets) vs a naive loop. Effective GFLOP/s =
 * 2 rows cols^2 / time (the full product, as BLAS libraries are usually credited).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class GramBench {
    @Param({"20000"})
    int rows;
    @Param({"1000"})
    int cols;

    double[] a;
    double[] gram;
    DMatrixRMaj ejmlA;
    DMatrixRMaj ejmlC;
    double[][] packedChunks;
    DoublePointer nativeA;
    DoublePointer nativeC;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextDouble(-1, 1);
        }
        gram = new double[cols * cols];
        ejmlA = DMatrixRMaj.wrap(rows, cols, a);
        ejmlC = new DMatrixRMaj(cols, cols);
        int chunk = GramKernels.CHUNK_ROWS;
        int chunks = (rows + chunk - 1) / chunk;
        packedChunks = new double[chunks][GramKernels.packedLength(chunk, cols)];
        double[] zero = new double[cols];
        double[] sums = new double[cols];
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * cols, row, 0, cols);
            PackedRows.putShifted(row, zero, sums, cols, packedChunks[r / chunk], (r % chunk) * GramKernels.PANEL_WIDTH,
                    chunk * GramKernels.PANEL_WIDTH);
        }
    }

    DoublePointer nativeA() {
        if (nativeA == null) {
            nativeA = new DoublePointer(a);
            nativeC = new DoublePointer((long) cols * cols);
        }
        return nativeA;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (nativeA != null) {
            nativeA.close();
            nativeC.close();
        }
    }

    @Benchmark
    public double[] weirGramUpdate() {
        Arrays.fill(gram, 0.0);
        Kernels.gramUpdate(a, rows, cols, gram);
        return gram;
    }

    /**
     * The Gram kernel alone on rows already in its packed layout (as RidgeStatistics writes them), upper triangle:
     * what is left of {@link #weirGramUpdate} without the packing pass and the mirror.
     */
    @Benchmark
    public double[] weirGramPrepacked() {
        Arrays.fill(gram, 0.0);
        int chunk = GramKernels.CHUNK_ROWS;
        for (int c = 0; c < packedChunks.length; c++) {
            int kc = Math.min(chunk, rows - c * chunk);
            GramKernels.gramUpdateUpperPacked(packedChunks[c], chunk, kc, cols, gram, null, false);
        }
        return gram;
    }

    /** The same Gram matrix accumulated in calls of 256 rows (how RidgeStatistics feeds it). */
    @Benchmark
    public double[] weirGramUpdateBlocks256() {
        Arrays.fill(gram, 0.0);
        double[] blk = new double[256 * cols];
        for (int r0 = 0; r0 < rows; r0 += 256) {
            int m = Math.min(256, rows - r0);
            System.arraycopy(a, r0 * cols, blk, 0, m * cols);
            Kernels.gramUpdate(blk, m, cols, gram);
        }
        return gram;
    }

    @Benchmark
    public DMatrixRMaj ejmlMultInnerMT() {
        CommonOps_MT_DDRM.multInner(ejmlA, ejmlC);
        return ejmlC;
    }

    @Benchmark
    public DMatrixRMaj ejmlMultInner() {
        CommonOps_DDRM.multInner(ejmlA, ejmlC);
        return ejmlC;
    }

    /** OpenBLAS dsyrk, upper triangle only, on off-heap copies of the data (copy not timed). */
    @Benchmark
    public DoublePointer openblasDsyrk() {
        DoublePointer pa = nativeA();
        openblas_nolapack.cblas_dsyrk(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasUpper,
                openblas_nolapack.CblasTrans, cols, rows, 1.0, pa, cols, 0.0, nativeC, cols);
        return nativeC;
    }

    /** OpenBLAS dgemm A^T A (full product). */
    @Benchmark
    public DoublePointer openblasDgemm() {
        DoublePointer pa = nativeA();
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans,
                openblas_nolapack.CblasNoTrans, cols, cols, rows, 1.0, pa, cols, pa, cols, 0.0, nativeC, cols);
        return nativeC;
    }

    /** OpenBLAS dsyrk on Java arrays (JavaCPP copies the arrays in and out on every call). */
    @Benchmark
    public double[] openblasDsyrkHeapArrays() {
        openblas_nolapack.cblas_dsyrk(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasUpper,
                openblas_nolapack.CblasTrans, cols, rows, 1.0, a, cols, 0.0, gram, cols);
        return gram;
    }

    /** Naive: rank-1 updates of the upper triangle, row by row, then mirror (what a plain loop does). */
    @Benchmark
    public double[] naiveRank1() {
        double[] g = gram;
        int n = cols;
        Arrays.fill(g, 0.0);
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            for (int i = 0; i < n; i++) {
                double x = a[off + i];
                int gi = i * n;
                for (int j = i; j < n; j++) {
                    g[gi + j] += x * a[off + j];
                }
            }
        }
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                g[i * n + j] = g[j * n + i];
            }
        }
        return g;
    }
}
