package org.weir.linalg;

import java.util.SplittableRandom;

/**
 * Run by {@link WithoutVectorModuleTest} in a JVM started without {@code --add-modules
 * jdk.incubator.vector}: every kernel must work (on its scalar path) and give correct numbers.
 */
public final class WithoutVectorModuleMain {
    private WithoutVectorModuleMain() {
    }

    public static void main(String[] args) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            fail("the vector module is present; this check needs a JVM without it");
        }
        if (VectorSupport.ENABLED) {
            fail("VectorSupport.ENABLED is true without the module");
        }
        SplittableRandom rnd = new SplittableRandom(9);
        double[] x = new double[1003];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(-5, 5);
        }
        double[] t = x.clone();
        Kernels.tanhInPlace(t, 0, t.length);
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(t[i] - Math.tanh(x[i])) > 4 * Math.ulp(1.0)) {
                fail("tanh(" + x[i] + ") = " + t[i]);
            }
        }
        int rows = 300;
        int cols = 41;
        double[] a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextDouble(-1, 1);
        }
        double[] g = new double[cols * cols];
        Kernels.gramUpdate(a, rows, cols, g);
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += a[r * cols + i] * a[r * cols + j];
                }
                if (Math.abs(s - g[i * cols + j]) > 1e-12) {
                    fail("gram(" + i + "," + j + ") = " + g[i * cols + j] + ", naive " + s);
                }
            }
        }
        CsrMatrix m = CsrMatrix.fromDense(new double[][] {{2, 0, 1}, {0, 0, 0}, {0, -3, 4}});
        double[] y = new double[3];
        EllMatrix.of(m).multiply(new double[] {1, 2, 3}, y);
        double[] yb = new double[6];
        EllMatrix.of(m).multiplyBatch(new double[] {1, -1, 2, -2, 3, -3}, yb, 2);
        if (y[0] != 5 || y[1] != 0 || y[2] != 6 || yb[0] != 5 || yb[1] != -5 || yb[5] != -6) {
            fail("sparse products wrong: " + java.util.Arrays.toString(y) + " " + java.util.Arrays.toString(yb));
        }
        if (Kernels.dot(x, 0, x, 0, 100) <= 0) {
            fail("dot");
        }
        System.out.println("float-kernels-hash=" + floatKernelsHash());
        System.out.println("scalar kernels OK without jdk.incubator.vector");
    }

    /**
     * A hash of the bits of the single-precision kernels' results on a fixed input: the same in a JVM with the
     * vector module (vectorized twins) and without it (scalar code).
     */
    static long floatKernelsHash() {
        SplittableRandom rnd = new SplittableRandom(17);
        int rows = 97;
        int lanes = 53;
        int d = 2;
        CsrMatrix w = EllMatrixTest.randomCsr(rnd, rows, rows, 0.15);
        double[] v = w.values();
        float[] val = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            val[k] = (float) v[k];
        }
        float[] win = new float[rows * d];
        float[] bias = new float[rows];
        float[] u = new float[d * lanes];
        float[] xs = new float[rows * lanes];
        for (float[] a : new float[][] {win, bias, u, xs}) {
            for (int k = 0; k < a.length; k++) {
                a[k] = (float) rnd.nextDouble(-2, 2);
            }
        }
        float[] pre = new float[rows * lanes];
        FloatLaneKernels.preactivation(rows, w.rowPtr(), w.colIdx(), val, d, win, bias, u, xs, pre, lanes, 0, lanes);
        FloatTanh.tanhInPlace(pre, 0, pre.length);
        FloatLaneKernels.leak(xs, pre, 0, xs.length, 0.6f, 0.4f);
        long h = 1125899906842597L;
        for (float f : xs) {
            h = 31 * h + Float.floatToRawIntBits(f);
        }
        return h;
    }

    private static void fail(String message) {
        System.out.println("FAILED: " + message);
        System.exit(3);
    }
}
