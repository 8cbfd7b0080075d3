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
        int kcMax = Math.min(KC, rows);
        double[] pk = new double[packedLength(kcMax, cols)];
        for (int r0 = 0; r0 < rows; r0 += KC) {
            final int kc = Math.min(KC, rows - r0);
            packPanels(block, r0, kc, cols, pk, NR);
            packedUpdate(pk, kc, kc, cols, gram, null, threads, false);
        }
    }

    /** Width of a column panel of the packed layout of {@link #gramUpdateUpperPacked}. */
    public static final int PANEL_WIDTH = NR;

    /** Rows per packed chunk that the kernel is tuned for (longer chunks are fine; shorter ones run slower). */
    public static final int CHUNK_ROWS = KC;

    /**
     * Whether {@link #gramUpdateUpperPacked} with {@code background} set returns before a chunk of
     * {@code chunkRows} rows of {@code cols} columns is done (the update is large enough to be shared and there is
     * a common-pool thread to share it with); otherwise it runs on the caller.
     */
    public static boolean updatesInBackground(int chunkRows, int cols) {
        return updateThreads(chunkRows, cols, defaultThreads(), PARALLEL_WORK) > 1;
    }

    /** Threads sharing a packed update of kc rows of cols columns: 1 (the caller alone) below parallelWork. */
    private static int updateThreads(int kc, int cols, int threads, long parallelWork) {
        long work = (long) kc * cols * cols / 2;
        return work >= parallelWork ? Math.min(threads, (cols + MR - 1) / MR) : 1;
    }

    /**
     * Length of a packed buffer for up to {@code chunkRows} rows of {@code cols} columns: {@code ceil(cols /
     * PANEL_WIDTH)} panels of {@code chunkRows * PANEL_WIDTH} values.
     */
    public static int packedLength(int chunkRows, int cols) {
        long len = (long) ((cols + NR - 1) / NR) * chunkRows * NR;
        if (chunkRows < 0 || cols < 0 || len > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot pack " + chunkRows + " rows of " + cols + " columns");
        }
        return (int) len;
    }

    /** Work applied to rows {@code [from, to)} of the upper triangle once a packed update has added their tiles. */
    public interface RowAction {
        void apply(int from, int to);
    }

    /**
     * {@code upper(G) += upper(A^T A)} for a chunk of {@code kc} rows of {@code A} already in the packed layout:
     * value {@code A[r][c]} at {@code pk[(c / PANEL_WIDTH) * chunkRows * PANEL_WIDTH + r * PANEL_WIDTH + c %
     * PANEL_WIDTH]}, {@code r < kc <= chunkRows} (entries past {@code cols} in the last panel are never used in the
     * result). After the tiles of rows {@code [i0, i0 + 8)} of G are added, {@code after} (when not null) is applied
     * to those rows, on the same thread, so it may update them without a race. The same bits as {@link
     * #gramUpdateUpper} on the unpacked chunk, for any thread count and timing.
     *
     * <p>With {@code background} true and work enough for several threads, the update is started on common-pool
     * threads and this returns at once: {@code pk} and G's upper triangle belong to the update until {@link
     * Pending#join()} (which also puts the caller to work on what is left). Otherwise it has completed on return.
     *
     * @param pk the packed chunk (not modified)
     * @param chunkRows rows per panel of the layout
     * @param kc rows of the chunk, {@code 0 <= kc <= chunkRows} (0: only {@code after} is applied)
     * @param cols columns of {@code A}
     * @param gram {@code G}, row-major {@code cols x cols} (upper triangle updated; just below it: scratch)
     */
    public static Pending gramUpdateUpperPacked(double[] pk, int chunkRows, int kc, int cols, double[] gram,
            RowAction after, boolean background) {
        if (kc < 0 || kc > chunkRows || cols < 0) {
            throw new IllegalArgumentException("need 0 <= kc <= chunkRows and cols >= 0, got kc=" + kc + ", chunkRows="
                    + chunkRows + ", cols=" + cols);
        }
        if (pk.length < packedLength(chunkRows, cols)) {
            throw new IllegalArgumentException("packed buffer has length " + pk.length + ", needs "
                    + packedLength(chunkRows, cols));
        }
        if (gram.length < (long) cols * cols) {
            throw new IllegalArgumentException("gram has length " + gram.length + ", needs cols*cols = "
                    + (long) cols * cols);
        }
        return packedUpdate(pk, chunkRows, kc, cols, gram, after, defaultThreads(), background);
    }

    static Pending packedUpdate(double[] pk, int chunkRows, int kc, int cols, double[] gram, RowAction after,
            int threads, boolean background) {
        return packedUpdate(pk, chunkRows, kc, cols, gram, 0, cols, false, after, threads, background, PARALLEL_WORK);
    }

    /**
     * The packed update into the {@code cols x cols} window of {@code gram} at {@code gOff} with row stride
     * {@code ldg}, adding or (with {@code subtract}) subtracting {@code A^T A}.
     */
    static Pending packedUpdate(double[] pk, int chunkRows, int kc, int cols, double[] gram, int gOff, int ldg,
            boolean subtract, RowAction after, int threads, boolean background, long parallelWork) {
        if (cols == 0) {
            return Pending.DONE;
        }
        final int panels = (cols + NR - 1) / NR;
        final int iPanels = (cols + MR - 1) / MR;
        final int stride = chunkRows * NR;
        final boolean vector = VectorSupport.ENABLED && VectorKernels.L == 8;
        IndexTask task = (ip, tmp) -> {
            int i0 = ip * MR;
            int iPanel = i0 / NR;
            int iOff = iPanel * stride + (i0 - iPanel * NR);
            if (kc > 0) {
                for (int jp = iPanel; jp < panels; jp++) {
                    int j0 = jp * NR;
                    tile(vector, pk, iOff, NR, pk, jp * stride, NR, kc, tmp);
                    if (subtract) {
                        subtractTile(tmp, gram, gOff, ldg, i0, Math.min(MR, cols - i0), j0, Math.min(NR, cols - j0));
                    } else {
                        addTile(tmp, gram, gOff, ldg, i0, Math.min(MR, cols - i0), j0, Math.min(NR, cols - j0));
                    }
                }
            }
            if (after != null) {
                after.apply(i0, Math.min(cols, i0 + MR));
            }
        };
        int t = updateThreads(kc, cols, threads, parallelWork);
        Pending p = new Pending(iPanels, task);
        if (t > 1) {
            p.start(t - 1);
            if (!background) {
                p.join();
            }
        } else {
            p.join();
        }
        return p;
    }

    /**
     * An update started by {@link #gramUpdateUpperPacked}; threads take its row panels from a shared counter, so
     * the split between them does not change any result.
     */
    public static final class Pending {
        static final Pending DONE = new Pending(0, (i, s) -> { });

        private final AtomicInteger next = new AtomicInteger();
        private final int count;
        private final IndexTask task;
        private ForkJoinTask<?>[] helpers = new ForkJoinTask<?>[0];

        Pending(int count, IndexTask task) {
            this.count = count;
            this.task = task;
        }

        void start(int threads) {
            helpers = new ForkJoinTask<?>[threads];
            for (int h = 0; h < threads; h++) {
                helpers[h] = ForkJoinPool.commonPool().submit(this::drain);
            }
        }

        private void drain() {
            if (next.get() >= count) {
                return;
            }
            double[] s = new double[MR * NR];
            for (int k = next.getAndIncrement(); k < count; k = next.getAndIncrement()) {
                task.run(k, s);
            }
        }

        /** Works on what is left of the update on the calling thread, then waits until it is complete. */
        public void join() {
            drain();
            ForkJoinTask<?>[] h = helpers;
            for (ForkJoinTask<?> f : h) {
                f.join();
            }
            helpers = new ForkJoinTask<?>[0];
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
     * {@code upper(C) -= upper(A^T A)} for {@code A} the {@code rows x cols} window of {@code a} at {@code aOff}
     * (row stride {@code lda}) and {@code C} the {@code cols x cols} window of {@code c} at {@code cOff} (row stride
     * {@code ldc}); up to 23 entries just below C's diagonal are used as scratch. The symmetric rank-k downdate of
     * a right-looking blocked Cholesky factorization ({@link Cholesky#factorUpper}); bit-identical for any thread
     * count.
     */
    static void syrkUpperSubtract(double[] a, int aOff, int lda, int rows, int cols, double[] c, int cOff, int ldc,
            int threads) {
        if (rows <= 0 || cols <= 0) {
            return;
        }
        int kcMax = Math.min(KC, rows);
        double[] pk = new double[packedLength(kcMax, cols)];
        for (int r0 = 0; r0 < rows; r0 += KC) {
            int kc = Math.min(KC, rows - r0);
            int panels = (cols + NR - 1) / NR;
            for (int p = 0; p < panels; p++) {
                int c0 = p * NR;
                int n = Math.min(NR, cols - c0);
                int base = p * kc * NR;
                for (int r = 0; r < kc; r++) {
                    int dst = base + r * NR;
                    System.arraycopy(a, aOff + (r0 + r) * lda + c0, pk, dst, n);
                    for (int q = n; q < NR; q++) {
                        pk[dst + q] = 0.0;
                    }
                }
            }
            packedUpdate(pk, kc, kc, cols, c, cOff, ldc, true, null, threads, false, PARALLEL_WORK / 4);
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
        addTile(tmp, dst, 0, ld, i0, ni, j0, nj);
    }

    /** {@code dst[off + (i0+i)*ld + j0+j] -= tmp[i*NR + j]} for i < ni, j < nj. */
    static void subtractTile(double[] tmp, double[] dst, int off, int ld, int i0, int ni, int j0, int nj) {
        for (int i = 0; i < ni; i++) {
            int d = off + (i0 + i) * ld + j0;
            int t = i * NR;
            for (int j = 0; j < nj; j++) {
                dst[d + j] -= tmp[t + j];
            }
        }
    }

    /** {@code dst[off + (i0+i)*ld + j0+j] += tmp[i*NR + j]} for i < ni, j < nj. */
    static void addTile(double[] tmp, double[] dst, int off, int ld, int i0, int ni, int j0, int nj) {
        for (int i = 0; i < ni; i++) {
            int d = off + (i0 + i) * ld + j0;
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
