package org.weir.readout;

import org.weir.linalg.Kernels;

/**
 * Streamed sufficient statistics of a least-squares problem: the count n, the means of x and y, and the
 * centred co-moment matrices {@code Sxx = sum (x - mx)(x - mx)^T} and {@code Sxy = sum (x - mx)(y - my)^T}.
 * Rows are buffered into blocks; each block's centred Gram matrix is merged with the running statistics
 * by the pairwise update of Chan, Golub and LeVeque (1979), which keeps full precision where the naive
 * {@code X^T X - n mx mx^T} would cancel. Any number of sequences of any length can be added; statistics
 * from separate accumulators combine with {@link #merge}.
 */
public final class RidgeStatistics {
    private static final int BLOCK = 256;

    private final int d;
    private final int k;
    private long n;
    private final double[] meanX;
    private final double[] meanY;
    private final double[] sxx;
    private final double[] sxy;

    private final double[] bx;
    private final double[] by;
    private int rows;
    private final double[] blockMeanX;
    private final double[] blockMeanY;
    private final double[] blockSxx;
    private final double[] blockSxy;

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
        this.bx = new double[BLOCK * d];
        this.by = new double[BLOCK * k];
        this.blockMeanX = new double[d];
        this.blockMeanY = new double[k];
        this.blockSxx = new double[d * d];
        this.blockSxy = new double[d * k];
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
        System.arraycopy(x, 0, bx, rows * d, d);
        System.arraycopy(y, 0, by, rows * k, k);
        rows++;
        if (rows == BLOCK) {
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
        columnMeans(bx, m, d, blockMeanX);
        columnMeans(by, m, k, blockMeanY);
        center(bx, m, d, blockMeanX);
        center(by, m, k, blockMeanY);
        java.util.Arrays.fill(blockSxx, 0.0);
        java.util.Arrays.fill(blockSxy, 0.0);
        Kernels.gramUpdate(bx, m, d, blockSxx);
        Kernels.crossUpdate(bx, m, d, by, k, blockSxy);
        combine(m, blockMeanX, blockMeanY, blockSxx, blockSxy);
        rows = 0;
    }

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
            for (int j = 0; j < d; j++) {
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
        return c;
    }

    /** Snapshot of the statistics (flushes the block buffer first). */
    public Snapshot snapshot() {
        flush();
        return new Snapshot(n, meanX.clone(), meanY.clone(), sxx.clone(), sxy.clone(), d, k);
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
