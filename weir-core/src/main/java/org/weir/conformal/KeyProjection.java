package org.weir.conformal;

import java.util.SplittableRandom;
import org.weir.linalg.Kernels;

/**
 * A fixed Gaussian random projection {@code k = P h}, P of shape (k x N) with entries N(0, 1/k), used to shrink
 * ResCP's memory keys: inner products, hence cosines, are preserved up to a relative error of order
 * {@code 1/sqrt(k)} (Johnson and Lindenstrauss 1984; Achlioptas 2003), while the per-step cost and the memory
 * traffic of the similarity scan drop by N/k.
 */
final class KeyProjection {
    private final int in;
    private final int out;
    private final double[] p;

    KeyProjection(int in, int out, long seed) {
        if (out < 1 || in < 1) {
            throw new IllegalArgumentException("projection dimensions must be at least 1, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.p = new double[in * out];
        SplittableRandom rnd = new SplittableRandom(seed);
        double s = 1.0 / Math.sqrt(out);
        for (int i = 0; i < p.length; i++) {
            p[i] = rnd.nextGaussian() * s;
        }
    }

    int outputDimension() {
        return out;
    }

    /** {@code dst[dOff..dOff+k) = P src[sOff..sOff+N)} (src not modified). */
    void apply(double[] src, int sOff, double[] dst, int dOff) {
        for (int i = 0; i < out; i++) {
            dst[dOff + i] = Kernels.dot(p, i * in, src, sOff, in);
        }
    }
}
