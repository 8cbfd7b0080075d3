package org.weir.readout;

import org.weir.linalg.GramKernels;
import org.weir.linalg.Kernels;
import org.weir.linalg.PackedRows;

/**
 * Streamed sufficient statistics of a least-squares problem: the count n, the means of x and y, and the
 * centred co-moment matrices {@code Sxx = sum (x - mx)(x - mx)^T} and {@code Sxy = sum (x - mx)(y - my)^T}.
 * Rows are buffered into blocks; each block's centred Gram matrix is merged with the running statistics
 * by the pairwise update of Chan, Golub and LeVeque (1979), which keeps full precision where the naive
 * {@code X^T X - n mx mx^T} would cancel. Any number of sequences of any length can be added; statistics
 * from separate accumulators combine with {@link #merge}.
 *
 * <p>x and y are handled together as one row {@code z = (x, y)}: {@code Szz}'s blocks are {@code Sxx}, {@code Sxy}
 * (and {@code Syy}, unused), so the cross product comes out of the same Gram update as {@code Sxx}.
 *
 * <p>How a block is centred without extra passes over it: rows are stored as {@code z - c}, with {@code c} the
 * mean of the previous block, while their column sums are accumulated in the same loop, which writes them straight
 * into the Gram kernel's packed layout ({@link GramKernels#gramUpdateUpperPacked}). At the block's end its own mean is
 * {@code c + delta}, {@code delta = sum(z - c)/m}, and its centred co-moment is {@code sum (z-c)(z-c)^T - m delta
 * delta^T}: the Gram product goes straight into the running (upper-triangular) {@code Szz}, and one rank-2 update
 * applies both this correction and Chan's merge term. The correction cancels when a block's mean moves far from the
 * previous block's relative to its spread, but the rounding error it leaves, about {@code eps m (mean_b -
 * mean_{b-1})^2}, is bounded by {@code 4 eps} times the between-block part of the final {@code Szz}: every entry
 * keeps an error of order {@code eps sqrt(Szz_ii Szz_jj)}, as with exact two-pass centring (checked against exact
 * arithmetic on stationary, trending and jumping data in {@code RidgeStatisticsTest}). The first chunk of rows is
 * centred on its own mean (one extra pass over it), which then shifts the rest of the first block.
 *
 * <p>While the caller adds the rows of one chunk, the Gram update of the previous chunk runs on common-pool
 * threads (two chunk buffers); updates are applied in chunk order and each output element is summed in a fixed
 * order, so the statistics are bit-identical whatever the thread timing.
 */
public final class RidgeStatistics {
    /**
     * Rows per block: about 16 MiB of features, between 256 and 4096 rows (amortizes the merge), a multiple of the
     * packed chunk.
     */
    private static int blockRows(int features, int chunk) {
        int rows = Math.max(256, Math.min(4096, (1 << 21) / Math.max(1, features)));
        return Math.max(chunk, rows / chunk * chunk);
    }

    /** Rows per packed chunk: the Gram kernel's chunk, fewer (down to 64) when a row is long (about 16 MiB). */
    private static int chunkRows(int columns) {
        return Math.max(64, Math.min(GramKernels.CHUNK_ROWS, (1 << 21) / Math.max(1, columns)));
    }

    private static final int W = GramKernels.PANEL_WIDTH;

    private final int d;
    private final int k;
    /** Columns of z = (x, y). */
    private final int dz;
    private final int chunk;
    private final int block;
    private final int stride;

    private long n;
    private final double[] mean; // of z
    private final double[] szz; // upper triangle (with the diagonal) holds the statistics; below it: scratch

    // two packed chunk buffers: the caller fills one while the Gram update of the other may still run
    private final double[][] packed = new double[2][];
    private int cur;
    private int chunkFill;
    private int blockFill;
    private boolean centred; // false until the first chunk has been centred on its own mean
    private final double[] shift; // c: what is subtracted from the rows being added
    private final double[] sum; // sums of the shifted rows of the current block
    // the merge of the last finished block, read by the Gram update's row action
    private final double[] delta;
    private final double[] move;
    private double mergeF;
    private double mergeM;
    private GramKernels.Pending pending = null;

    /**
     * @param features length d of x
     * @param outputs length k of y
     */
    public RidgeStatistics(int features, int outputs) {
        if (features < 0 || outputs < 1) {
            throw new IllegalArgumentException("need features >= 0 and outputs >= 1, got " + features + " and " + outputs);
        }
        if ((long) features + outputs > 46_000) {
            throw new IllegalArgumentException("features + outputs must be at most 46000, got " + features + " + " + outputs);
        }
        this.d = features;
        this.k = outputs;
        this.dz = features + outputs;
        this.chunk = chunkRows(dz);
        this.block = blockRows(features, chunk);
        this.stride = chunk * W;
        this.mean = new double[dz];
        this.szz = new double[dz * dz];
        this.packed[0] = new double[GramKernels.packedLength(chunk, dz)];
        this.packed[1] = new double[packed[0].length];
        this.shift = new double[dz];
        this.sum = new double[dz];
        this.delta = new double[dz];
        this.move = new double[dz];
    }

    public int features() {
        return d;
    }

    public int outputs() {
        return k;
    }

    /** Adds one row (shifted and written into the packed chunk; nothing is allocated). */
    public void add(double[] x, double[] y) {
        if (x.length != d || y.length != k) {
            throw new IllegalArgumentException("expected " + d + " features and " + k + " targets, got "
                    + x.length + " and " + y.length);
        }
        double[] p = packed[cur];
        double[] c = shift;
        double[] s = sum;
        PackedRows.putShifted(x, c, s, d, p, chunkFill * W, stride);
        int rowOff = chunkFill * W;
        for (int j = 0; j < k; j++) {
            int z = d + j;
            double v = y[j] - c[z];
            p[(z / W) * stride + rowOff + z % W] = v;
            s[z] += v;
        }
        chunkFill++;
        blockFill++;
        if (chunkFill == chunk) {
            submit(blockFill == block, true);
        }
    }

    /**
     * Whether the Gram update of a full chunk runs on common-pool threads while the caller adds the next chunk
     * (wide rows on a machine with more than one core), so that adding rows already overlaps with the caller's
     * own work.
     */
    public boolean updatesInBackground() {
        return GramKernels.updatesInBackground(chunk, dz);
    }

    /** Number of rows added. */
    public long count() {
        return n + blockFill;
    }

    /**
     * Hands the current chunk to the Gram update (after the previous one is complete, so that updates add in
     * order); at a block's end also merges the block (Chan et al.) through the update's row action.
     */
    private void submit(boolean blockEnd, boolean background) {
        if (!centred && chunkFill > 0) {
            centreFirstChunk();
        }
        joinPending();
        GramKernels.RowAction action = null;
        long total = n + blockFill;
        if (blockEnd && blockFill > 0) {
            int m = blockFill;
            mergeF = n == 0 ? 0.0 : (double) n * (double) m / (double) total;
            mergeM = m;
            for (int j = 0; j < dz; j++) {
                delta[j] = sum[j] / m;
                move[j] = (shift[j] + delta[j]) - mean[j];
            }
            action = this::mergeRows;
        }
        if (chunkFill > 0 || action != null) {
            pending = GramKernels.gramUpdateUpperPacked(packed[cur], chunk, chunkFill, dz, szz, action, background);
        }
        if (action != null) {
            // block mean c + delta becomes the new shift and moves the running mean
            double g = (double) blockFill / (double) total;
            for (int j = 0; j < dz; j++) {
                mean[j] += move[j] * g;
                shift[j] += delta[j];
            }
            n = total;
            java.util.Arrays.fill(sum, 0.0);
            blockFill = 0;
        }
        if (chunkFill > 0) {
            cur ^= 1;
            chunkFill = 0;
        }
    }

    /**
     * S += S_block + f move move^T with S_block = (the block's shifted Gram, already added) - m delta delta^T, on
     * rows [i0, i1) of the upper triangle.
     */
    private void mergeRows(int i0, int i1) {
        double f = mergeF;
        double m = mergeM;
        for (int i = i0; i < i1; i++) {
            double fi = f * move[i];
            double ci = m * delta[i];
            int off = i * dz;
            for (int j = i; j < dz; j++) {
                szz[off + j] += fi * move[j] - ci * delta[j];
            }
        }
    }

    private void joinPending() {
        GramKernels.Pending p = pending;
        if (p != null) {
            pending = null;
            p.join();
        }
    }

    /** Centres the first chunk on its own mean, which becomes the shift of the rows that follow (one extra pass). */
    private void centreFirstChunk() {
        int m = chunkFill;
        double[] p = packed[cur];
        for (int j = 0; j < dz; j++) {
            shift[j] = sum[j] / m;
            sum[j] = 0.0;
        }
        for (int c0 = 0; c0 < dz; c0 += W) {
            int w = Math.min(W, dz - c0);
            int base = (c0 / W) * stride;
            for (int r = 0; r < m; r++) {
                int off = base + r * W;
                for (int q = 0; q < w; q++) {
                    double v = p[off + q] - shift[c0 + q];
                    p[off + q] = v;
                    sum[c0 + q] += v;
                }
            }
        }
        centred = true;
    }

    /** Ends the current block (complete or not) and waits for every update. */
    private void flush() {
        submit(true, false);
        joinPending();
    }

    /** Chan et al.'s pairwise merge of another accumulator's flushed statistics into these (upper triangles). */
    private void combine(long nb, double[] meanB, double[] szzB) {
        long na = n;
        long total = na + nb;
        if (na == 0) {
            System.arraycopy(meanB, 0, mean, 0, dz);
            System.arraycopy(szzB, 0, szz, 0, dz * dz);
            n = total;
            return;
        }
        double f = (double) na * (double) nb / (double) total;
        double g = (double) nb / (double) total;
        for (int i = 0; i < dz; i++) {
            double fdi = f * (meanB[i] - mean[i]);
            int off = i * dz;
            for (int j = i; j < dz; j++) {
                szz[off + j] += szzB[off + j] + fdi * (meanB[j] - mean[j]);
            }
        }
        for (int i = 0; i < dz; i++) {
            mean[i] += (meanB[i] - mean[i]) * g;
        }
        n = total;
    }

    /** Adds everything another accumulator of the same shape has seen (the other is not modified). */
    public void merge(RidgeStatistics other) {
        if (other.d != d || other.k != k) {
            throw new IllegalArgumentException("cannot merge statistics of different shapes");
        }
        flush();
        RidgeStatistics o = other.copy();
        o.flush();
        if (o.n > 0) {
            combine(o.n, o.mean, o.szz);
        }
    }

    /** An independent copy (in the same state: further rows give both the same bits). */
    public RidgeStatistics copy() {
        joinPending();
        RidgeStatistics c = new RidgeStatistics(d, k);
        c.n = n;
        System.arraycopy(mean, 0, c.mean, 0, dz);
        System.arraycopy(szz, 0, c.szz, 0, dz * dz);
        System.arraycopy(packed[cur], 0, c.packed[0], 0, packed[cur].length);
        c.cur = 0;
        c.chunkFill = chunkFill;
        c.blockFill = blockFill;
        c.centred = centred;
        System.arraycopy(shift, 0, c.shift, 0, dz);
        System.arraycopy(sum, 0, c.sum, 0, dz);
        return c;
    }

    /** Snapshot of the statistics (ends the current block first). */
    public Snapshot snapshot() {
        flush();
        double[] sxx = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(szz, i * dz + i, sxx, i * d + i, d - i);
        }
        Kernels.mirrorUpper(sxx, d);
        double[] sxy = new double[d * k];
        for (int i = 0; i < d; i++) {
            System.arraycopy(szz, i * dz + d, sxy, i * k, k);
        }
        return new Snapshot(n, java.util.Arrays.copyOf(mean, d), java.util.Arrays.copyOfRange(mean, d, dz), sxx, sxy,
                d, k);
    }

    /**
     * Sufficient statistics at one moment.
     *
     * @param count n
     * @param meanX mean of x (d)
     * @param meanY mean of y (k)
     * @param sxx centred co-moment of x, d x d row-major
     * @param sxy centred cross co-moment, d x k row-major
     */
    public record Snapshot(long count, double[] meanX, double[] meanY, double[] sxx, double[] sxy, int features,
            int outputs) {
    }
}
