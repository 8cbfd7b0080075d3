package org.weir.conformal;

import java.util.Locale;

/**
 * Precision of the keys in ResCP's memory. The similarity scan reads all W x N keys every step, so it is bound
 * by memory bandwidth at large windows; FLOAT32 halves that traffic. Unit-norm keys rounded to float32 change
 * each cosine by at most about {@code 6e-8 sqrt(N)}, i.e. each weight by a factor {@code exp(+-6e-8 sqrt(N)/tau)}.
 */
public enum KeyStorage {
    /** Keys stored as float64 (exact to double rounding). */
    FLOAT64,
    /** Keys stored as float32 (query and accumulation stay float64). */
    FLOAT32;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyStorage parse(String s) {
        for (KeyStorage k : values()) {
            if (k.id().equalsIgnoreCase(s.trim()) || (k == FLOAT64 && s.trim().equals("64"))
                    || (k == FLOAT32 && s.trim().equals("32"))) {
                return k;
            }
        }
        throw new IllegalArgumentException("key storage must be float64 or float32; got '" + s + "'");
    }
}
