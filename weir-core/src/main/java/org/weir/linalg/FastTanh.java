package org.weir.linalg;

/**
 * Hyperbolic tangent over arrays, fast and accurate.
 *
 * <p>{@link #tanh(double)} computes, for {@code a = |x|}:
 * <ul>
 *   <li>{@code a < atanh(1/2)}: {@code tanh(a) = a + a^3 P(a^2)}, P a degree-10 near-minimax
 *       (Chebyshev) fit of {@code (tanh(a) - a) / a^3} (relative truncation error below 1e-17);</li>
 *   <li>otherwise: {@code tanh(a) = 1 - 2 / (e^{2a} + 1)} with {@code a} clamped to 22 (beyond which
 *       tanh rounds to 1), {@code e^{2a} = 2^k e^r}, {@code |r| <= ln2/2}, and the division corrected
 *       by one residual step so that {@code 2/(e^{2a}+1)} is nearly correctly rounded;</li>
 * </ul>
 * and restores the sign of {@code x}. The measured error against {@link Math#tanh} is at most 1 ulp
 * over a dense sweep of [-20, 20] (see {@code FastTanhTest}); 0, -0, subnormals, infinities and NaN
 * give the same results as {@link Math#tanh}. The operations are all IEEE-754 exact roundings
 * (add, multiply, fused multiply-add, divide), so the vectorized version ({@code VectorKernels}) gives
 * bit-identical results to this scalar one, and results never depend on the vector width.
 *
 * <p>{@link #approximateInPlace} is a cheaper variant with a larger, tested error bound.
 */
public final class FastTanh {
    /** atanh(1/2): below it the odd polynomial is used. */
    static final double POLY_LIMIT = 0.5493061443340549;
    /** tanh(22) rounds to 1 in double precision. */
    static final double CLAMP = 22.0;
    static final double INV_LN2 = 1.4426950408889634;
    static final double LN2_HI = 0.6931471804855391;
    static final double LN2_LO = 7.440617110012397e-11;
    /** 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer held in the low bits. */
    static final double SHIFT = 0x1.8p52;
    static final long ONE_BITS = 0x3ff0000000000000L;
    static final long SIGN_BIT = 0x8000000000000000L;

    // tanh(a) = a + a^3 * P(a^2), P(s) = T0 + T1 s + ... + T10 s^10 on s in [0, atanh(1/2)^2]
    static final double T0 = -0.3333333333333333;
    static final double T1 = 0.13333333333332728;
    static final double T2 = -0.053968253967450516;
    static final double T3 = 0.021869488494421545;
    static final double T4 = -0.008863234415241197;
    static final double T5 = 0.0035921106087655414;
    static final double T6 = -0.0014556636717036357;
    static final double T7 = 0.0005889451420823537;
    static final double T8 = -0.00023466176752647328;
    static final double T9 = 8.515749545895449e-05;
    static final double T10 = -2.0633627500468464e-05;

    // e^r = 1 + r + r^2 * Q(r), Q(r) = E0 + E1 r + ... + E10 r^10 on |r| <= ln2/2
    static final double E0 = 0.5;
    static final double E1 = 0.1666666666666667;
    static final double E2 = 0.04166666666666667;
    static final double E3 = 0.008333333333325544;
    static final double E4 = 0.0013888888888883327;
    static final double E5 = 0.00019841269876864356;
    static final double E6 = 2.4801587327007187e-05;
    static final double E7 = 2.755725283351691e-06;
    static final double E8 = 2.75572718102198e-07;
    static final double E9 = 2.5106274733573296e-08;
    static final double E10 = 2.0915442297780116e-09;

    private FastTanh() {
    }

    /**
     * tanh(x) to within 1 ulp of {@link Math#tanh}; bit-identical to the array versions.
     *
     * @param x argument
     * @return tanh(x)
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        double r;
        if (a < POLY_LIMIT) {
            double s = a * a;
            double p = Math.fma(s, T10, T9);
            p = Math.fma(s, p, T8);
            p = Math.fma(s, p, T7);
            p = Math.fma(s, p, T6);
            p = Math.fma(s, p, T5);
            p = Math.fma(s, p, T4);
            p = Math.fma(s, p, T3);
            p = Math.fma(s, p, T2);
            p = Math.fma(s, p, T1);
            p = Math.fma(s, p, T0);
            r = Math.fma(a * s, p, a);
        } else {
            r = largeBranch(Math.min(a, CLAMP));
        }
        return Double.longBitsToDouble(Double.doubleToRawLongBits(r)
                | (Double.doubleToRawLongBits(x) & SIGN_BIT));
    }

    /** 1 - 2/(e^{2a} + 1) for a in [atanh(1/2), 22] (or NaN). */
    static double largeBranch(double a) {
        double y = a + a;
        double kd = Math.fma(y, INV_LN2, SHIFT);
        long ki = Double.doubleToRawLongBits(kd);
        kd = kd - SHIFT;
        double r = Math.fma(-kd, LN2_HI, y);
        r = Math.fma(-kd, LN2_LO, r);
        double q = Math.fma(r, E10, E9);
        q = Math.fma(r, q, E8);
        q = Math.fma(r, q, E7);
        q = Math.fma(r, q, E6);
        q = Math.fma(r, q, E5);
        q = Math.fma(r, q, E4);
        q = Math.fma(r, q, E3);
        q = Math.fma(r, q, E2);
        q = Math.fma(r, q, E1);
        q = Math.fma(r, q, E0);
        double t = Math.fma(r * r, q, r); // e^r - 1
        double scale = Double.longBitsToDouble((ki << 52) + ONE_BITS);
        // e^{2a} + 1 = scale * (1 + t) + 1 = (scale + 1) + scale * t, scale + 1 exact for k <= 52
        double d = Math.fma(scale, t, scale + 1.0);
        double dErr = Math.fma(scale, t, (scale + 1.0) - d); // d + dErr = e^{2a} + 1 (to rounding of the fma)
        double quo = 2.0 / d;
        double rem = Math.fma(-quo, d, 2.0) - quo * dErr; // 2 - quo * (d + dErr)
        quo = Math.fma(rem, quo * 0.5, quo);
        return 1.0 - quo;
    }

    /**
     * {@code a[i] = tanh(a[i])} for i in [from, to), each within 1 ulp of {@link Math#tanh}, using the
     * vectorized kernel when available; identical results either way.
     *
     * @param a values (modified)
     */
    public static void tanhInPlace(double[] a, int from, int to) {
        if (VectorSupport.ENABLED) {
            VectorKernels.tanh(a, from, to);
        } else {
            tanhScalar(a, from, to);
        }
    }

    static void tanhScalar(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = tanh(a[i]);
        }
    }
}
