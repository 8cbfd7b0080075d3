package org.weir.conformal;

import java.util.Locale;

/**
 * The precision of ResCP's similarity search (Neglia et al., ICLR 2026, arXiv 2510.05060). {@link #DOUBLE}: keys,
 * cosines and exponentials in double. {@link #FLOAT}: keys stored as floats (half the memory read per step),
 * cosines accumulated in float and the softmax exponentials computed in float, so the SIMD lanes double: each
 * cosine of unit-norm vectors is within about {@code (k + 2) 2^-24} of the double one (key and query rounding plus
 * the {@code k 2^-24} bound of a float sum of k products), and each weight within a factor
 * {@code exp(+-2 d / tau) (1 +- 2^-22)} of the double weight for a cosine error d. The interval can then change only
 * where a cumulative weight lies that close to a quantile level: its mass under the double weights is still at least
 * {@code 1 - alpha - eta} and its width at most that of the double interval at {@code alpha - eta}, eta the
 * relative change of the weights (tested in {@code SimilarityWindowTest}).
 */
public enum KeyPrecision {
    /** Keys in double precision (exact to rounding; the default). */
    DOUBLE,
    /** Single-precision keys, cosines and exponentials: half the memory traffic, twice the SIMD lanes. */
    FLOAT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyPrecision parse(String s) {
        for (KeyPrecision p : values()) {
            if (p.id().equalsIgnoreCase(s.trim())) {
                return p;
            }
        }
        if ("float64".equalsIgnoreCase(s.trim())) {
            return DOUBLE;
        }
        if ("float32".equalsIgnoreCase(s.trim())) {
            return FLOAT;
        }
        throw new IllegalArgumentException("key precision must be double (float64) or float (float32); got '" + s + "'");
    }
}
