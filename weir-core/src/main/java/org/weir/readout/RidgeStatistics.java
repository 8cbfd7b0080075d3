package org.weir.readout;

import org.weir.linalg.Kernels;

/**
 * Streamed sufficient statistics of a least-squares problem: the count n, the means of x and y, and the
 * centred co-moment matrices {@code Sxx = sum (x - mx)(x - mx)^T} and {@code Sxy = sum (x - mx)(y - my)^T}.
 * Rows are buffered into blocks; each block's centred Gram matrix is merged with the running statistics
 * by the pairwise update of Chan, Golub and LeVeque (1979), which keeps full precision where the naive
 * {@code X^T X - n mx mx^T} would cancel. Any number of sequences of any length can be added; statistics
 * from separate accumulators combine with {@link #merge}.
 *
 * <p>How a block is centred without extra passes over it: rows are stored as {@code x - c}, with {@code c} the
 * mean of the previous block, while their column sums and sums of squares are accumulated in the same loop. At the
 * block's end its own mean is {@code c + delta}, {@code delta = sum(x - c)/m}, and its centred co-moment is
 * {@code sum (x-c)(x-c)^T - m delta delta^T}: the Gram product goes straight into the running (upper-triangular)
 * {@code Sxx}, and one rank-2 update applies both this correction and Chan's merge term. The correction cancels
 * when a block's mean moves far from the previous block's relative to its spread, but the rounding error it leaves,
 * about {@code eps m (mean_b - mean_{b-1})^2}, is bounded by {@code 4 eps} times the between-block part of the final
 * {@code Sxx}: every entry keeps an error of order {@code eps sqrt(Sxx_ii Sxx_jj)}, as with exact two-pass centring
 * (checked against exact arithmetic on stationary, trending and jumping data in {@code RidgeStatisticsTest}).
 * The first block is centred on its own mean (one extra pass).
 */
public final class RidgeStatistics {
    /**
     * Rows per block: about 16 MiB of features, between 256 and 4096 rows (amortizes the merge), a multiple of 512
     * when at least 512 (the Gram kernel's row chunk, so that no block ends in a short chunk).
     */
    private static int blockRows(int features) {
        int rows = Math.max(256, Math.min(4096, (1 << 21) / Math.max(1, features)));
        return rows >= 512 ? rows / 512 * 512 : rows;
    }

    private final int block;

    private final int d;
    private final int k;
    private long n;
    private final double[] meanX;
    private final double[] meanY;
    private final double[] sxx; // upper triangle (with the diagonal) holds the statistics; below it: scratch
    private final double[] sxy;

    private final double[] bx;
    private final double[] by;
    private int rows;
    // the shift of the rows in the buffer (the previous block's means) and the buffered rows' sums
    private boolean shifted;
    private final double[] cx;
    private final double[] cy;
    private final double[] sumX;
    private final double[] sumY;
    private final double[] deltaX;
    private final double[] deltaY;
    private final double[] moveX;
    private final double[] moveY;

    /**
     * @param features length d of x
     * @param outputs length k of y
     */
    public RidgeStatistics(int features, int outputs) {
        if (features < 0 || outputs < 1) {
            throw new IllegalArgumentException("need features >= 0 and outputs >= 1, got " + features + " and " + outputs);
        }
        this.d = features;
        this.k = outputs;
        this.meanX = new double[d];
        this.meanY = new double[k];
        this.sxx = new double[d * d];
        this.sxy = new double[d * k];
        this.block = blockRows(features);
        this.bx = new double[block * d];
        this.by = new double[block * k];
        this.cx = new double[d];
        this.cy = new double[k];
        this.sumX = new double[d];
        this.sumY = new double[k];
        this.deltaX = new double[d];
        this.deltaY = new double[k];
        this.moveX = new double[d];
        this.moveY = new double[k];
    }

    public int features() {
        return d;
    }

    public int outputs() {
        return k;
    }

    /** Adds one row (copied into the block buffer; nothing is allocated). */
    public void add(double[] x, double[] y) {
        if (x.length != d || y.length != k) {
            throw new IllegalArgumentException("expected " + d + " features and " + k + " targets, got "
                    + x.length + " and " + y.length);
        }
        int ox = rows * d;
        int oy = rows * k;
        if (shifted) {
            for (int j = 0; j < d; j++) {
                double v = x[j] - cx[j];
                bx[ox + j] = v;
                sumX[j] += v;
            }
            for (int j = 0; j < k; j++) {
                double v = y[j] - cy[j];
                by[oy + j] = v;
                sumY[j] += v;
            }
        } else {
            System.arraycopy(x, 0, bx, ox, d);
            System.arraycopy(y, 0, by, oy, k);
        }
        rows++;
        if (rows == block) {
            flush();
        }
    }

    /** Number of rows added. */
    public long count() {
        return n + rows;
    }

    private void flush() {
        if (rows == 0) {
            return;
        }
        int m = rows;
        boolean exact = !shifted;
        if (exact) {
            // centre the block on its own mean: delta is the mean of the buffered values, which then sum to ~0
            columnMeans(bx, m, d, deltaX);
            columnMeans(by, m, k, deltaY);
            center(bx, m, d, deltaX);
            center(by, m, k, deltaY);
        } else {
            for (int j = 0; j < d; j++) {
                deltaX[j] = sumX[j] / m;
            }
            for (int j = 0; j < k; j++) {
                deltaY[j] = sumY[j] / m;
            }
        }
        // block means (c + delta) and their moves from the running means
        for (int j = 0; j < d; j++) {
            double mb = (shifted ? cx[j] : 0.0) + deltaX[j];
            moveX[j] = mb - meanX[j];
            cx[j] = mb;
        }
        for (int j = 0; j < k; j++) {
            double mb = (shifted ? cy[j] : 0.0) + deltaY[j];
            moveY[j] = mb - meanY[j];
            cy[j] = mb;
        }
        Kernels.gramUpdateUpper(bx, m, d, sxx);
        Kernels.crossUpdate(bx, m, d, by, k, sxy);
        // S += S_block + f move move^T, S_block = (what was just added) - m delta delta^T (delta = 0 when exact)
        long total = n + m;
        double f = n == 0 ? 0.0 : (double) n * (double) m / (double) total;
        double cm = exact ? 0.0 : m;
        for (int i = 0; i < d; i++) {
            double fi = f * moveX[i];
            double ci = cm * deltaX[i];
            int off = i * d;
            for (int j = i; j < d; j++) {
                sxx[off + j] += fi * moveX[j] - ci * deltaX[j];
            }
            int offy = i * k;
            for (int j = 0; j < k; j++) {
                sxy[offy + j] += fi * moveY[j] - ci * deltaY[j];
            }
        }
        double g = (double) m / (double) total;
        for (int j = 0; j < d; j++) {
            meanX[j] += moveX[j] * g;
        }
        for (int j = 0; j < k; j++) {
            meanY[j] += moveY[j] * g;
        }
        n = total;
        shifted = true;
        java.util.Arrays.fill(sumX, 0.0);
        java.util.Arrays.fill(sumY, 0.0);
        rows = 0;
    }

    /** Chan et al.'s pairwise merge of another accumulator's flushed statistics into these (upper triangles). */
    private void combine(long nb, double[] mxb, double[] myb, double[] sxxb, double[] sxyb) {
        long na = n;
        long total = na + nb;
        if (na == 0) {
            System.arraycopy(mxb, 0, meanX, 0, d);
            System.arraycopy(myb, 0, meanY, 0, k);
            System.arraycopy(sxxb, 0, sxx, 0, d * d);
            System.arraycopy(sxyb, 0, sxy, 0, d * k);
            n = total;
            return;
        }
        double f = (double) na * (double) nb / (double) total;
        double g = (double) nb / (double) total;
        for (int i = 0; i < d; i++) {
            double di = mxb[i] - meanX[i];
            double fdi = f * di;
            int off = i * d;
            for (int j = i; j < d; j++) {
                sxx[off + j] += sxxb[off + j] + fdi * (mxb[j] - meanX[j]);
            }
            int offy = i * k;
            for (int j = 0; j < k; j++) {
                sxy[offy + j] += sxyb[offy + j] + fdi * (myb[j] - meanY[j]);
            }
        }
        for (int i = 0; i < d; i++) {
            meanX[i] += (mxb[i] - meanX[i]) * g;
        }
        for (int j = 0; j < k; j++) {
            meanY[j] += (myb[j] - meanY[j]) * g;
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
            combine(o.n, o.meanX, o.meanY, o.sxx, o.sxy);
        }
    }

    /** An independent copy. */
    public RidgeStatistics copy() {
        RidgeStatistics c = new RidgeStatistics(d, k);
        c.n = n;
        System.arraycopy(meanX, 0, c.meanX, 0, d);
        System.arraycopy(meanY, 0, c.meanY, 0, k);
        System.arraycopy(sxx, 0, c.sxx, 0, d * d);
        System.arraycopy(sxy, 0, c.sxy, 0, d * k);
        System.arraycopy(bx, 0, c.bx, 0, rows * d);
        System.arraycopy(by, 0, c.by, 0, rows * k);
        c.rows = rows;
        c.shifted = shifted;
        System.arraycopy(cx, 0, c.cx, 0, d);
        System.arraycopy(cy, 0, c.cy, 0, k);
        System.arraycopy(sumX, 0, c.sumX, 0, d);
        System.arraycopy(sumY, 0, c.sumY, 0, k);
        return c;
    }

    /** Snapshot of the statistics (flushes the block buffer first). */
    public Snapshot snapshot() {
        flush();
        double[] full = sxx.clone();
        Kernels.mirrorUpper(full, d);
        return new Snapshot(n, meanX.clone(), meanY.clone(), full, sxy.clone(), d, k);
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

    private static void columnMeans(double[] a, int m, int c, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int r = 0; r < m; r++) {
            int off = r * c;
            for (int j = 0; j < c; j++) {
                out[j] += a[off + j];
            }
        }
        double inv = 1.0 / m;
        for (int j = 0; j < c; j++) {
            out[j] *= inv;
        }
    }

    private static void center(double[] a, int m, int c, double[] mean) {
        for (int r = 0; r < m; r++) {
            int off = r * c;
            for (int j = 0; j < c; j++) {
                a[off + j] -= mean[j];
            }
        }
    }
}
