package org.weir.linalg;

import java.util.Locale;

/**
 * Storage precision of a reservoir's recurrent weights.
 *
 * <p>{@link #FLOAT32} rounds every weight to the nearest IEEE single-precision value when the reservoir is
 * built and keeps it in 4 bytes with a 2-byte column index (when the matrix has at most 65536 columns):
 * 6 bytes per non-zero instead of 12, so an N=1000, 10 % reservoir's W (100,000 entries) fits a 1 MiB L2
 * cache. Products still widen every weight exactly to double and accumulate in double, so a FLOAT32
 * reservoir computes exactly what a FLOAT64 one computes with the rounded weights; its states differ from
 * the unrounded reservoir's by the weight rounding only (relative 2^-24 per weight, contracted by the echo
 * state property).
 */
public enum Precision {
    /** Weights in double precision (the default; what the parity tests with ReservoirPy use). */
    FLOAT64,
    /** Weights rounded to single precision and stored with narrow column indices. */
    FLOAT32;

    /** Identifier in configuration files and on the command line: {@code float64} or {@code float32}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code float64} / {@code float32} (also {@code double} / {@code float}), ignoring case. */
    public static Precision parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "float64":
            case "double":
                return FLOAT64;
            case "float32":
            case "float":
                return FLOAT32;
            default:
                throw new IllegalArgumentException("precision must be float64 or float32; got '" + s + "'");
        }
    }
}
