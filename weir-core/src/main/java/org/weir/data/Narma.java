package org.weir.data;

import java.util.List;

/**
 * NARMA-k, the nonlinear autoregressive moving-average benchmark (A. F. Atiya and A. G. Parlos, "New
 * results on recurrent network training: unifying the algorithms and accelerating convergence", IEEE
 * Trans. Neural Networks 11(3), 2000). With input {@code u[t] ~ U[0, 0.5)} and {@code y[t] = 0} for
 * the first {@code order} steps:
 * <ul>
 * <li>{@link Variant#TEXTBOOK}: {@code y[t+1] = a1 y[t] + a2 y[t] sum_{i=0}^{k-1} y[t-i] + b u[t-k+1] u[t] + c}
 * (sum over {@code y[t-k+1..t]});</li>
 * <li>{@link Variant#RESERVOIRPY}: ReservoirPy 0.4.2's {@code reservoirpy.datasets.narma}:
 * {@code y[t+1] = a1 y[t] + a2 y[t] sum(y[t-k..t-1]) + b u[t-k] u[t] + c}, i.e. the sum is shifted one
 * step back and the input lag is {@code k} instead of {@code k-1}. The sum is evaluated in NumPy's
 * pairwise order, so with the same {@code u} the output is bit-identical to ReservoirPy's (verified
 * against the peer file {@code narma10.csv}: difference 0.0 over 7 010 rows).</li>
 * </ul>
 * NARMA-10 uses {@code a1 = 0.3, a2 = 0.05, b = 1.5, c = 0.1} ({@link #narma10(Variant)}). The recurrence
 * is iterated for {@code t = k .. T-2}, so {@code y[0..k]} ({@code k + 1} values) stay zero (ReservoirPy's loop bounds;
 * the textbook variant uses the same bounds so both have the same warm-up). NARMA with small orders may
 * diverge for unlucky inputs; {@link #outputFor(double[])} throws if {@code y} becomes non-finite.
 *
 * @param order k, {@code >= 1}
 * @param a1 coefficient of {@code y[t]}, finite
 * @param a2 coefficient of {@code y[t] * sum}, finite
 * @param b coefficient of the input product, finite
 * @param c constant, finite
 * @param variant which recurrence
 */
public record Narma(int order, double a1, double a2, double b, double c, Variant variant) {

    /** Which NARMA recurrence. */
    public enum Variant {
        /** Atiya and Parlos (2000): sum of {@code y[t-k+1..t]}, input product {@code u[t-k+1] u[t]}. */
        TEXTBOOK,
        /** ReservoirPy 0.4.2: sum of {@code y[t-k..t-1]}, input product {@code u[t-k] u[t]}. */
        RESERVOIRPY
    }

    /** Validates every parameter. */
    public Narma {
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1, got " + order);
        }
        MackeyGlass.requireFinite("a1", a1);
        MackeyGlass.requireFinite("a2", a2);
        MackeyGlass.requireFinite("b", b);
        MackeyGlass.requireFinite("c", c);
        if (variant == null) {
            throw new IllegalArgumentException("variant must not be null (TEXTBOOK or RESERVOIRPY)");
        }
    }

    /** NARMA-10: a1 0.3, a2 0.05, b 1.5, c 0.1. */
    public static Narma narma10(Variant variant) {
        return new Narma(10, 0.3, 0.05, 1.5, 0.1, variant);
    }

    /** NARMA-k with the NARMA-10 coefficients (0.3, 0.05, 1.5, 0.1), as commonly used for other orders. */
    public static Narma ofOrder(int order, Variant variant) {
        return new Narma(order, 0.3, 0.05, 1.5, 0.1, variant);
    }

    /**
     * Input {@code u[t] ~ U[0, 0.5)} of length {@code steps}, drawn as NumPy's
     * {@code default_rng(seed).uniform(0, 0.5, steps)} (so ReservoirPy's series can be reproduced from
     * its seed; ReservoirPy's default is 5555).
     *
     * @param steps length, {@code >= 0}
     * @param seed {@code >= 0}
     */
    public static double[] input(int steps, long seed) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        NumpyPcg64 rng = NumpyPcg64.defaultRng(seed);
        double[] u = new double[steps];
        for (int i = 0; i < steps; i++) {
            u[i] = rng.uniform(0.0, 0.5);
        }
        return u;
    }

    /**
     * The output {@code y} for a given input {@code u} (same length; {@code y[0..order]} are zero).
     *
     * @param u input (not modified), finite
     * @return a new array, {@code y.length == u.length}
     * @throws IllegalStateException if the recurrence diverges (non-finite y)
     */
    public double[] outputFor(double[] u) {
        for (int i = 0; i < u.length; i++) {
            MackeyGlass.requireFinite("u[" + i + "]", u[i]);
        }
        int k = order;
        int n = u.length;
        double[] y = new double[n];
        boolean textbook = variant == Variant.TEXTBOOK;
        for (int t = k; t < n - 1; t++) {
            double sum = 0.0;
            if (textbook) {
                for (int i = t - k + 1; i <= t; i++) {
                    sum += y[i];
                }
                y[t + 1] = a1 * y[t] + a2 * y[t] * sum + b * u[t - k + 1] * u[t] + c;
            } else {
                sum = numpyPairwiseSum(y, t - k, k);
                y[t + 1] = a1 * y[t] + a2 * y[t] * sum + b * u[t - k] * u[t] + c;
            }
            if (!Double.isFinite(y[t + 1])) {
                throw new IllegalStateException("NARMA-" + k + " (" + variant + ") diverged at t=" + (t + 1)
                        + ": y=" + y[t + 1] + "; use smaller coefficients or another input");
            }
        }
        return y;
    }

    /**
     * Sum of {@code a[from..from+n)} in the exact order of NumPy's pairwise summation ({@code np.sum} on
     * a contiguous float64 array: 8 interleaved partial sums within blocks of at most 128, recursive
     * halving above), so results match NumPy bit for bit. Rounding error grows like O(log n).
     */
    static double numpyPairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else if (n <= 128) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                int o = from + i;
                r0 += a[o];
                r1 += a[o + 1];
                r2 += a[o + 2];
                r3 += a[o + 3];
                r4 += a[o + 4];
                r5 += a[o + 5];
                r6 += a[o + 6];
                r7 += a[o + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return numpyPairwiseSum(a, from, n2) + numpyPairwiseSum(a, from + n2, n - n2);
        }
    }

    /**
     * {@code steps} rows of seeded input and output as a {@link TimeSeries} with columns {@code u}, {@code y}.
     *
     * @param steps number of rows including the {@code order + 1} leading zero outputs
     * @param seed input seed, {@code >= 0}
     */
    public TimeSeries generate(int steps, long seed) {
        double[] u = input(steps, seed);
        return TimeSeries.fromColumns("narma" + order, List.of("u", "y"), List.of(u, outputFor(u)));
    }
}
