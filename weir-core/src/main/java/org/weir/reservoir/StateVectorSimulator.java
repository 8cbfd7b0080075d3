package org.weir.reservoir;

/**
 * Exact state-vector simulation of n qubits on caller-supplied arrays (no allocation): the state
 * {@code |psi> = sum_k (re[k] + i im[k]) |k>} over the {@code 2^n} basis states, where bit q of k is the
 * value of qubit q (qubit 0 is the least significant bit). Gates (Nielsen and Chuang 2010, sec. 4.2):
 * <pre>
 *   H = [[1, 1], [1, -1]] / sqrt 2
 *   RY(t) = [[cos t/2, -sin t/2], [sin t/2, cos t/2]]
 *   RZ(t) = diag(e^{-i t/2}, e^{i t/2})
 *   CNOT(c, t): flips qubit t where qubit c is 1
 * </pre>
 * Every method modifies {@code re} and {@code im} in place (both of length {@code 2^n}); all gates are
 * unitary, so the norm is preserved up to rounding.
 */
public final class StateVectorSimulator {
    /** Most qubits simulated (2^20 amplitudes, 16 MiB). */
    public static final int MAX_QUBITS = 20;

    private StateVectorSimulator() {
    }

    /** Sets the state to {@code |0...0>}. */
    public static void reset(double[] re, double[] im) {
        java.util.Arrays.fill(re, 0.0);
        java.util.Arrays.fill(im, 0.0);
        re[0] = 1.0;
    }

    /** Hadamard on qubit q. */
    public static void hadamard(double[] re, double[] im, int q) {
        double s = 1.0 / Math.sqrt(2.0);
        int bit = 1 << q;
        for (int k = 0; k < re.length; k++) {
            if ((k & bit) == 0) {
                int k1 = k | bit;
                double ar = re[k];
                double ai = im[k];
                double br = re[k1];
                double bi = im[k1];
                re[k] = s * (ar + br);
                im[k] = s * (ai + bi);
                re[k1] = s * (ar - br);
                im[k1] = s * (ai - bi);
            }
        }
    }

    /** {@code RY(theta)} on qubit q. */
    public static void ry(double[] re, double[] im, int q, double theta) {
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        int bit = 1 << q;
        for (int k = 0; k < re.length; k++) {
            if ((k & bit) == 0) {
                int k1 = k | bit;
                double ar = re[k];
                double ai = im[k];
                double br = re[k1];
                double bi = im[k1];
                re[k] = c * ar - s * br;
                im[k] = c * ai - s * bi;
                re[k1] = s * ar + c * br;
                im[k1] = s * ai + c * bi;
            }
        }
    }

    /** {@code RZ(theta)} on qubit q. */
    public static void rz(double[] re, double[] im, int q, double theta) {
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        int bit = 1 << q;
        for (int k = 0; k < re.length; k++) {
            double r = re[k];
            double i = im[k];
            // multiply by e^{-i t/2} (bit 0) or e^{+i t/2} (bit 1)
            double si = (k & bit) == 0 ? -s : s;
            re[k] = c * r - si * i;
            im[k] = c * i + si * r;
        }
    }

    /** General single-qubit rotation {@code Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi)} on qubit q. */
    public static void rot(double[] re, double[] im, int q, double phi, double theta, double omega) {
        rz(re, im, q, phi);
        ry(re, im, q, theta);
        rz(re, im, q, omega);
    }

    /** CNOT with control c and target t (c != t). */
    public static void cnot(double[] re, double[] im, int c, int t) {
        if (c == t) {
            throw new IllegalArgumentException("CNOT needs distinct control and target, got " + c + " twice");
        }
        int cb = 1 << c;
        int tb = 1 << t;
        for (int k = 0; k < re.length; k++) {
            if ((k & cb) != 0 && (k & tb) == 0) {
                int k1 = k | tb;
                double r = re[k];
                double i = im[k];
                re[k] = re[k1];
                im[k] = im[k1];
                re[k1] = r;
                im[k1] = i;
            }
        }
    }

    /** {@code <psi| Z_q |psi>} = probability of qubit q being 0 minus being 1 (not modified). */
    public static double expectationZ(double[] re, double[] im, int q) {
        int bit = 1 << q;
        double e = 0;
        for (int k = 0; k < re.length; k++) {
            double p = re[k] * re[k] + im[k] * im[k];
            e += (k & bit) == 0 ? p : -p;
        }
        return e;
    }

    /** {@code <psi| Z_a Z_b |psi>} (not modified). */
    public static double expectationZZ(double[] re, double[] im, int a, int b) {
        int mask = (1 << a) | (1 << b);
        double e = 0;
        for (int k = 0; k < re.length; k++) {
            double p = re[k] * re[k] + im[k] * im[k];
            e += Integer.bitCount(k & mask) % 2 == 0 ? p : -p;
        }
        return e;
    }

    /** {@code <psi|psi>} (not modified). */
    public static double norm2(double[] re, double[] im) {
        double s = 0;
        for (int k = 0; k < re.length; k++) {
            s += re[k] * re[k] + im[k] * im[k];
        }
        return s;
    }
}
