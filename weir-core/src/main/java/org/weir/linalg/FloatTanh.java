package org.weir.linalg;

/**
 * Hyperbolic tangent in single precision, for the single-precision state paths (e.g.
 * {@link FloatLaneKernels}).
 *
 * <p>One formula for every argument (no branches, so the vectorized twin is short): with {@code a = min(|x|, 10)}
 * (tanh(10) rounds to 1 in float), {@code m = e^{2a} - 1} and {@code tanh(a) = m / (m + 2)}; {@code e^{2a} =
 * 2^k e^r}, {@code |r| <= ln2/2}, {@code e^r - 1 = t} by its Taylor polynomial to {@code r^7}, and {@code m =
 * 2^k t + (2^k - 1)} in one fused multiply-add, accurate also for small a (k = 0, m = t). The sign of x is then
 * restored (zeros keep theirs). Only IEEE-754 single-precision roundings (add, multiply, fused multiply-add,
 * divide), so the vectorized twin gives bit-identical results (NaN in gives NaN out, payload unspecified).
 * Against {@link Math#tanh} rounded to float the error is at most {@value #MAX_ULP} float ulp (see
 * {@code FloatTanhTest}, which sweeps every 61st float in [2^-20, 12], both signs).
 */
public final class FloatTanh {
    /** Error bound, in units of the last place of the float result, that the tests assert. */
    public static final int MAX_ULP = 3;

    static final float CLAMP = 10.0f;
    static final float INV_LN2 = 1.4426950f;
    static final float LN2_HI = 0.693145752f; // 0x3f317200: low 12 bits zero, so k * LN2_HI is exact
    static final float LN2_LO = 1.42860677e-06f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low bits. */
    static final float SHIFT = 0x1.8p23f;
    static final int ONE_BITS = 0x3f800000;

    // e^r - 1 = r + r^2 Q(r), Q Taylor
    static final float Q0 = 0.5f;
    static final float Q1 = 1.0f / 6;
    static final float Q2 = 1.0f / 24;
    static final float Q3 = 1.0f / 120;
    static final float Q4 = 1.0f / 720;
    static final float Q5 = 1.0f / 5040;

    private FloatTanh() {
    }

    /**
     * tanh(x) in single precision, within {@value #MAX_ULP} ulp of the correctly rounded value;
     * bit-identical to {@link #tanhInPlace}.
     */
    public static float tanh(float x) {
        float a = Math.min(Math.abs(x), CLAMP);
        float y = a + a;
        float kd = Math.fma(y, INV_LN2, SHIFT);
        int ki = Float.floatToRawIntBits(kd);
        kd = kd - SHIFT;
        float r = Math.fma(-kd, LN2_HI, y);
        r = Math.fma(-kd, LN2_LO, r);
        float q = Math.fma(r, Q5, Q4);
        q = Math.fma(r, q, Q3);
        q = Math.fma(r, q, Q2);
        q = Math.fma(r, q, Q1);
        q = Math.fma(r, q, Q0);
        float t = Math.fma(r * r, q, r); // e^r - 1
        float scale = Float.intBitsToFloat((ki << 23) + ONE_BITS);
        float m = Math.fma(scale, t, scale - 1.0f); // e^{2a} - 1
        float v = m / (m + 2.0f);
        if (x < 0) {
            v = -v;
        }
        return x == 0 ? x : v;
    }

    /** {@code a[i] = tanh(a[i])} for i in [from, to), vectorized when available; identical results either way. */
    public static void tanhInPlace(float[] a, int from, int to) {
        int i = from;
        if (VectorSupport.ENABLED) {
            i = VectorFloatKernels.tanh(a, from, to);
        }
        for (; i < to; i++) {
            a[i] = tanh(a[i]);
        }
    }
}
