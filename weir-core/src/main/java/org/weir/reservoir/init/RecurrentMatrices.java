package org.weir.reservoir.init;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.weir.linalg.CsrMatrix;
import org.weir.reservoir.WeightDistribution;

/**
 * Builders of recurrent (N x N) and input (N x d) weight matrices. Every method is deterministic in its
 * {@link SplittableRandom}. Scaling to a spectral radius is the caller's job.
 */
public final class RecurrentMatrices {
    private RecurrentMatrices() {
    }

    /**
     * Sparse random matrix with exactly {@code round(p rows cols)} non-zeros (at least one) at distinct
     * positions drawn uniformly, values from {@code dist} (as {@code scipy.sparse.random}).
     */
    public static CsrMatrix randomSparse(int rows, int cols, double p, WeightDistribution dist, SplittableRandom rnd) {
        long cells = (long) rows * cols;
        long k = Math.max(1, Math.round(p * cells));
        if (cells > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix is too large for a density; "
                    + "use a fixed in-degree instead");
        }
        int[] r = new int[(int) k];
        int[] c = new int[(int) k];
        double[] v = new double[(int) k];
        if (k * 2 > cells) {
            // dense-ish: partial Fisher-Yates over all cells
            int[] all = new int[(int) cells];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int j = i + rnd.nextInt(all.length - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            for (int i = 0; i < k; i++) {
                r[i] = all[i] / cols;
                c[i] = all[i] % cols;
            }
        } else {
            BitSet taken = new BitSet((int) cells);
            int n = 0;
            while (n < k) {
                int cell = rnd.nextInt((int) cells);
                if (!taken.get(cell)) {
                    taken.set(cell);
                    r[n] = cell / cols;
                    c[n] = cell % cols;
                    n++;
                }
            }
        }
        for (int i = 0; i < k; i++) {
            v[i] = dist.sample(rnd);
        }
        return CsrMatrix.fromTriplets(rows, cols, r, c, v);
    }

    /** Sparse random N x N matrix with exactly {@code inDegree} non-zeros per row at distinct columns. */
    public static CsrMatrix fixedInDegree(int n, int inDegree, WeightDistribution dist, SplittableRandom rnd) {
        int[] r = new int[n * inDegree];
        int[] c = new int[n * inDegree];
        double[] v = new double[n * inDegree];
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < inDegree; j++) {
                int s = j + rnd.nextInt(n - j);
                int t = pool[j];
                pool[j] = pool[s];
                pool[s] = t;
                r[p] = i;
                c[p] = pool[j];
                v[p] = dist.sample(rnd);
                p++;
            }
        }
        return CsrMatrix.fromTriplets(n, n, r, c, v);
    }

    /** Rows per group of {@link #blockRandom}: the slice height of the sliced-ELL product. */
    public static final int ROW_GROUP = org.weir.linalg.EllMatrix.C;

    /**
     * Sparse random matrix whose rows come in groups of {@link #ROW_GROUP} consecutive rows sharing one set of
     * {@code inDegree} distinct columns (drawn uniformly, a partial Fisher-Yates shuffle per group); every entry
     * gets its own independent value from {@code dist}. The last group is shorter when n is not a multiple of
     * {@link #ROW_GROUP}.
     *
     * @param n rows and columns
     * @param inDegree non-zeros per row, in [1, n]
     */
    public static CsrMatrix blockRandom(int n, int inDegree, WeightDistribution dist, SplittableRandom rnd) {
        if (n < 1) {
            throw new IllegalArgumentException("units must be at least 1, got " + n);
        }
        if (inDegree < 1 || inDegree > n) {
            throw new IllegalArgumentException("in-degree must be in [1, units=" + n + "], got " + inDegree);
        }
        long total = (long) n * inDegree;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("units x in-degree = " + total + " non-zeros is too many");
        }
        int[] r = new int[(int) total];
        int[] c = new int[(int) total];
        double[] v = new double[(int) total];
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        int[] cols = new int[inDegree];
        int p = 0;
        for (int g = 0; g < n; g += ROW_GROUP) {
            for (int j = 0; j < inDegree; j++) {
                int s = j + rnd.nextInt(n - j);
                int t = pool[j];
                pool[j] = pool[s];
                pool[s] = t;
                cols[j] = pool[j];
            }
            java.util.Arrays.sort(cols);
            for (int i = g; i < Math.min(n, g + ROW_GROUP); i++) {
                for (int j = 0; j < inDegree; j++) {
                    r[p] = i;
                    c[p] = cols[j];
                    v[p] = dist.sample(rnd);
                    p++;
                }
            }
        }
        return CsrMatrix.fromTriplets(n, n, r, c, v);
    }

    /** Simple cycle: {@code W[(i+1) mod n, i] = w}. */
    public static CsrMatrix ring(int n, double w) {
        int[] r = new int[n];
        int[] c = new int[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = (i + 1) % n;
            c[i] = i;
            v[i] = w;
        }
        return CsrMatrix.fromTriplets(n, n, r, c, v);
    }

    /** Delay line: {@code W[i+1, i] = w} for i &lt; n-1. */
    public static CsrMatrix delayLine(int n, double w) {
        int m = Math.max(0, n - 1);
        int[] r = new int[m];
        int[] c = new int[m];
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            r[i] = i + 1;
            c[i] = i;
            v[i] = w;
        }
        return CsrMatrix.fromTriplets(n, n, r, c, v);
    }

    /**
     * Cycle with regular jumps (Rodan and Tino 2012): a cycle of weight {@code cycleWeight} plus
     * bidirectional links of weight {@code jumpWeight} between units {@code i} and {@code i+jump} for i a
     * multiple of {@code jump}.
     */
    public static CsrMatrix cycleWithJumps(int n, int jump, double cycleWeight, double jumpWeight) {
        java.util.List<int[]> pos = new java.util.ArrayList<>();
        java.util.List<Double> val = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            pos.add(new int[] {(i + 1) % n, i});
            val.add(cycleWeight);
        }
        for (int i = 0; i + jump < n; i += jump) {
            pos.add(new int[] {i, i + jump});
            val.add(jumpWeight);
            pos.add(new int[] {i + jump, i});
            val.add(jumpWeight);
        }
        int k = pos.size();
        int[] r = new int[k];
        int[] c = new int[k];
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            r[i] = pos.get(i)[0];
            c[i] = pos.get(i)[1];
            v[i] = val.get(i);
        }
        return CsrMatrix.fromTriplets(n, n, r, c, v);
    }

    /** Random orthogonal matrix (Q of the QR decomposition of a standard normal matrix, sign-fixed) times w. */
    public static CsrMatrix orthogonal(int n, double w, SplittableRandom rnd) {
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            g.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (!qr.decompose(g)) {
            throw new ArithmeticException("QR decomposition failed");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj rr = qr.getR(null, false);
        double[][] d = new double[n][n];
        for (int j = 0; j < n; j++) {
            double sign = rr.get(j, j) < 0 ? -1.0 : 1.0; // Haar-distributed Q (Mezzadri 2007)
            for (int i = 0; i < n; i++) {
                d[i][j] = w * sign * q.get(i, j);
            }
        }
        return CsrMatrix.fromDense(d);
    }

    /**
     * Dense N x d matrix (row-major) whose non-zeros, {@code max(1, round(p N d))} of them at distinct
     * random positions, are drawn from {@code dist}; column j is then multiplied by {@code scale[j]}.
     */
    public static double[] denseInput(int n, int d, double p, WeightDistribution dist, double[] scale,
            SplittableRandom rnd) {
        double[] out = new double[n * d];
        if (n * d == 0) {
            return out;
        }
        CsrMatrix s = randomSparse(n, d, p, dist, rnd);
        double[][] dense = s.toDense();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = dense[i][j] * scale[j];
            }
        }
        return out;
    }
}
