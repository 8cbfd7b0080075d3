package org.weir.conformal;

import java.util.Locale;

/** Optional recency factor multiplying ResCP's similarity weights, by the age a of a stored pair (a = 1 newest). */
public enum Recency {
    /** No recency factor. */
    NONE,
    /** Factor {@code 1/a}. */
    INVERSE_AGE,
    /** Factor {@code rho^a}. */
    EXPONENTIAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Recency parse(String s) {
        for (Recency r : values()) {
            if (r.id().equals(s.trim().toLowerCase(Locale.ROOT)) || r.name().equalsIgnoreCase(s.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("recency must be none, inverse-age or exponential; got '" + s + "'");
    }
}
