package org.weir.conformal;

import java.util.Locale;

/**
 * How ResCP (Neglia et al., ICLR 2026, arXiv 2510.05060) stores its memory keys. Cosines are always accumulated in double precision; {@link #FLOAT} rounds
 * each stored unit-norm key element to float, which changes a cosine by at most {@code 2^-24} (relative rounding
 * of each element, {@code |sum_j d_j q_j| <= 2^-24 sum_j |k_j q_j| <= 2^-24}) and halves the memory read per step.
 */
public enum KeyPrecision {
    /** Keys in double precision (exact to rounding; the default). */
    DOUBLE,
    /** Keys rounded to float: half the memory traffic, cosines within 2^-24 of the double ones. */
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
