package org.weir.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blocked Gram and cross-product accumulation, {@code G += A^T A} and {@code C += A^T B}, the sufficient
 * statistics of ridge regression (normal equations, Hoerl and Kennard 1970).
 *
 * <p>Method (after Goto and van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS
 * 2008): the rows of {@code A} are taken in chunks of {@link #KC}; each chunk is packed into column
 * panels {@link #NR} wide so that a micro-kernel can compute an {@link #MR} x {@link #NR} tile of the
 * product with register accumulators, reading both operands contiguously. Tiles are independent, so
 * they are spread over threads (the common fork-join pool plus the caller) when the work is large.
 *
 * <p>Determinism: each output element is the sum over chunks, in chunk order, of a fused multiply-add
 * chain over the chunk's rows in row order; which thread computes a tile does not change it, so the
 * result is bit-identical for any thread count.
 */
public final class GramKernels {
    /**
     * Rows of {@code A} per packed chunk: 512 measured best on a 2-core Zen 4 (GramBench, A 20000 x 1000, same
     * session: KC 128 245 ms, 256 227 ms, 384 223 ms, 512 221 ms, 1024 219 ms; OpenBLAS dsyrk 222 ms); a longer
     * chunk amortizes each tile's start and its addition into G.
     */
    static final int KC = 512;
    /** Rows of a micro-tile (broadcast operand). */
    static final int MR = 8;
    /** Columns of a micro-tile (vector operand): three 8-lane vectors. */
    static final int NR = 24;
    /** Multiply-adds per chunk above which the work is spread over threads. */
    static final long PARALLEL_WORK = 1L << 22;

    private GramKernels() {
    }

    /** Threads to use by default: the common pool's parallelism plus the calling thread. */
    static int defaultThreads() {
        return ForkJoinPool.getCommonPoolParallelism() + 1;
    }

    /**
     * {@code G := sym(upper(G) + A^T A)}: the upper triangle (with the diagonal) of {@code gram} is
     * increased by that of {@code A^T A} and then mirrored into the lower triangle. When {@code gram}
     * is symmetric on entry (as when it starts at zero and only this method updates it) this is
     * exactly {@code G += A^T A}.
     *
     * @param block {@code A}, row-major {@code rows x cols} (not modified)
     * @param rows rows of {@code A}, at least 0
     * @param cols columns of {@code A}, at least 0
     * @param gram {@code G}, row-major {@code cols x cols} (modified)
     */
    public static void gramUpdate(double[] block, int rows, int cols, double[] gram) {
        gramUpdate(block, rows, cols, gram, defaultThreads());
    }

    static void gramUpdate(double[] block, int rows, int cols, double[] gram, int threads) {
        gramUpdateUpper(block, rows, cols, gram, threads);
        if (rows > 0 && cols > 0) {
            mirrorUpper(gram, cols);
        }
    }

    /**
     * {@code upper(G) += upper(A^T A)}: the upper triangle (with the diagonal) of {@code gram} receives the
     * update; entries just below the diagonal are used as scratch (tiles that cross the diagonal add there too), so
     * treat the lower triangle as undefined until {@link #mirrorUpper} completes the matrix, once, after any number
     * of updates. The upper triangle gets the same sums, the same bits, as from {@link #gramUpdate}.
     */
    public static void gramUpdateUpper(double[] block, int rows, int cols, double[] gram) {
        gramUpdateUpper(block, rows, cols, gram, defaultThreads());
    }

    static void gramUpdateUpper(double[] block, int rows, int cols, double[] gram, int threads) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("rows and cols must be >= 0, got rows=" + rows + ", cols=" + cols);
        }
        if (block.length < (long) rows * cols) {
            throw new IllegalArgumentException("block has length " + block.length + ", needs rows*cols = "
                    + (long) rows * cols);
        }
        if (gram.length < (long) cols * cols) {
            throw new IllegalArgumentException("gram has length " + gram.length + ", needs cols*cols = "
                    + (long) cols * cols);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        int panels = (cols + NR - 1) / NR;
        int iPanels = (cols + MR - 1) / MR;
        int kcMax = Math.min(KC, rows);
        double[] pk = new double[panels * kcMax * NR];
        boolean vector = VectorSupport.ENABLED && VectorKernels.L == 8;
        for (int r0 = 0; r0 < rows; r0 += KC) {
            final int kc = Math.min(KC, rows - r0);
            packPanels(block, r0, kc, cols, pk, NR);
            final int stride = kc * NR;
            long work = (long) kc * cols * cols / 2;
            int t = work >= PARALLEL_WORK ? Math.min(threads, iPanels) : 1;
            forEachIndex(iPanels, t, () -> new double[MR * NR], (ip, tmp) -> {
                int i0 = ip * MR;
                int iPanel = i0 / NR;
                int iOff = iPanel * stride + (i0 - iPanel * NR);
                for (int jp = iPanel; jp < panels; jp++) {
                    int j0 = jp * NR;
                    tile(vector, pk, iOff, NR, pk, jp * stride, NR, kc, tmp);
                    addTile(tmp, gram, cols, i0, Math.min(MR, cols - i0), j0, Math.min(NR, cols - j0));
                }
            });
        }
    }

    /** Copies the strict upper triangle into the lower one, in 32 x 32 tiles to stay within the cache. */
    public static void mirrorUpper(double[] g, int n) {
        final int t = 32;
        for (int i0 = 0; i0 < n; i0 += t) {
            int i1 = Math.min(n, i0 + t);
            for (int j0 = 0; j0 <= i0; j0 += t) {
                int j1 = Math.min(n, j0 + t);
                for (int i = i0; i < i1; i++) {
                    int row = i * n;
                    int jEnd = Math.min(j1, i);
                    for (int j = j0; j < jEnd; j++) {
                        g[row + j] = g[j * n + i];
                    }
                }
            }
        }
    }

    /**
     * {@code C += A^T B}.
     *
     * @param a {@code A}, row-major {@code rows x colsA} (not modified)
     * @param rows rows of {@code A} and {@code B}, at least 0
     * @param colsA columns of {@code A}
     * @param b {@code B}, row-major {@code rows x colsB} (not modified)
     * @param colsB columns of {@code B}
     * @param c {@code C}, row-major {@code colsA x colsB} (modified)
     */
    public static void crossUpdate(double[] a, int rows, int colsA, double[] b, int colsB, double[] c) {
        crossUpdate(a, rows, colsA, b, colsB, c, defaultThreads());
    }

    static void crossUpdate(double[] a, int rows, int colsA, double[] b, int colsB, double[] c, int threads) {
        if (rows < 0 || colsA < 0 || colsB < 0) {
            throw new IllegalArgumentException("rows, colsA and colsB must be >= 0, got rows=" + rows
                    + ", colsA=" + colsA + ", colsB=" + colsB);
        }
        if (a.length < (long) rows * colsA) {
            throw new IllegalArgumentException("a has length " + a.length + ", needs rows*colsA = " + (long) rows * colsA);
        }
        if (b.length < (long) rows * colsB) {
            throw new IllegalArgumentException("b has length " + b.length + ", needs rows*colsB = " + (long) rows * colsB);
        }
        if (c.length < (long) colsA * colsB) {
            throw new IllegalArgumentException("c has length " + c.length + ", needs colsA*colsB = "
                    + (long) colsA * colsB);
        }
        if (rows == 0 || colsA == 0 || colsB == 0) {
            return;
        }
        // The broadcast side (MR wide) is the operand with fewer columns, so narrow targets
        // (a ridge readout's few outputs) do not pad a 24-wide vector panel.
        boolean transposed = colsB < colsA;
        final double[] bc = transposed ? b : a; // broadcast operand
        final int nBc = transposed ? colsB : colsA;
        final double[] vc = transposed ? a : b; // vector operand
        final int nVc = transposed ? colsA : colsB;
        int bPanels = (nBc + MR - 1) / MR;
        int vPanels = (nVc + NR - 1) / NR;
        int kcMax = Math.min(KC, rows);
        double[] pkB = new double[bPanels * kcMax * MR];
        double[] pkV = new double[vPanels * kcMax * NR];
        boolean vector = VectorSupport.ENABLED && VectorKernels.L == 8;
        for (int r0 = 0; r0 < rows; r0 += KC) {
            final int kc = Math.min(KC, rows - r0);
            packPanels(bc, r0, kc, nBc, pkB, MR);
            packPanels(vc, r0, kc, nVc, pkV, NR);
            long work = (long) kc * colsA * colsB;
            int tiles = bPanels * vPanels;
            int t = work >= PARALLEL_WORK ? Math.min(threads, tiles) : 1;
            forEachIndex(tiles, t, () -> new double[MR * NR], (k, tmp) -> {
                int bp = k / vPanels;
                int vp = k - bp * vPanels;
                tile(vector, pkB, bp * kc * MR, MR, pkV, vp * kc * NR, NR, kc, tmp);
                int p0 = bp * MR;
                int q0 = vp * NR;
                int np = Math.min(MR, nBc - p0);
                int nq = Math.min(NR, nVc - q0);
                if (transposed) {
                    for (int p = 0; p < np; p++) {
                        for (int q = 0; q < nq; q++) {
                            c[(q0 + q) * colsB + p0 + p] += tmp[p * NR + q];
                        }
                    }
                } else {
                    addTile(tmp, c, colsB, p0, np, q0, nq);
                }
            });
        }
    }

    /**
     * Packs rows {@code [r0, r0+kc)} of the row-major {@code rows x cols} matrix {@code m} into panels
     * of {@code w} columns: panel {@code p} holds, for each chunk row {@code r}, the {@code w} values
     * {@code m[r0+r][p*w .. p*w+w)} contiguously at {@code p*kc*w + r*w}, zero-padded past {@code cols}.
     */
    static void packPanels(double[] m, int r0, int kc, int cols, double[] pk, int w) {
        int panels = (cols + w - 1) / w;
        for (int p = 0; p < panels; p++) {
            int c0 = p * w;
            int n = Math.min(w, cols - c0);
            int base = p * kc * w;
            for (int r = 0; r < kc; r++) {
                int dst = base + r * w;
                System.arraycopy(m, (r0 + r) * cols + c0, pk, dst, n);
                for (int k = n; k < w; k++) {
                    pk[dst + k] = 0.0;
                }
            }
        }
    }

    /**
     * {@code tmp[i*NR + j] = sum_{r<kc} pi[iOff + r*si + i] * pj[jOff + r*sj + j]} for i < MR, j < NR,
     * each sum a fused multiply-add chain in r order.
     */
    static void tile(boolean vector, double[] pi, int iOff, int si, double[] pj, int jOff, int sj, int kc,
            double[] tmp) {
        if (vector && si == NR && sj == NR) {
            VectorKernels.gramTile8x24(pi, iOff, pj, jOff, kc, tmp);
        } else if (vector && si == MR && sj == NR) {
            VectorKernels.crossTile8x24(pi, iOff, pj, jOff, kc, tmp);
        } else {
            scalarTile(pi, iOff, si, pj, jOff, sj, kc, tmp);
        }
    }

    static void scalarTile(double[] pi, int iOff, int si, double[] pj, int jOff, int sj, int kc, double[] tmp) {
        java.util.Arrays.fill(tmp, 0, MR * NR, 0.0);
        for (int r = 0; r < kc; r++) {
            int ib = iOff + r * si;
            int jb = jOff + r * sj;
            for (int i = 0; i < MR; i++) {
                double x = pi[ib + i];
                int t = i * NR;
                for (int j = 0; j < NR; j++) {
                    tmp[t + j] = Math.fma(x, pj[jb + j], tmp[t + j]);
                }
            }
        }
    }

    /** {@code dst[(i0+i)*ld + j0+j] += tmp[i*NR + j]} for i < ni, j < nj. */
    static void addTile(double[] tmp, double[] dst, int ld, int i0, int ni, int j0, int nj) {
        for (int i = 0; i < ni; i++) {
            int d = (i0 + i) * ld + j0;
            int t = i * NR;
            for (int j = 0; j < nj; j++) {
                dst[d + j] += tmp[t + j];
            }
        }
    }

    interface IndexTask {
        void run(int index, double[] scratch);
    }

    /**
     * Runs {@code task} for every index in [0, n), spread over {@code threads} threads (the caller plus
     * common-pool workers) that take indices from a shared counter; each thread has its own scratch.
     */
    static void forEachIndex(int n, int threads, java.util.function.Supplier<double[]> scratch, IndexTask task) {
        if (threads <= 1 || n <= 1) {
            double[] s = scratch.get();
            for (int k = 0; k < n; k++) {
                task.run(k, s);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            double[] s = scratch.get();
            for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                task.run(k, s);
            }
        };
        ForkJoinTask<?>[] helpers = new ForkJoinTask<?>[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = ForkJoinPool.commonPool().submit(worker);
        }
        worker.run();
        for (ForkJoinTask<?> h : helpers) {
            h.join();
        }
    }
}
