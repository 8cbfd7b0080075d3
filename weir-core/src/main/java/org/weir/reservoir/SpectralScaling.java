package org.weir.reservoir;

import java.util.Locale;

/** How a random recurrent matrix is rescaled to the requested spectral radius. */
public enum SpectralScaling {
    /** Compute rho(W) with the Arnoldi method (relative residual 1e-8) and divide by it: exact. */
    EXACT,
    /**
     * Circular law (Girko 1984; Tao and Vu 2010): for N x N matrices with i.i.d. entries of variance
     * sigma^2 and density p, rho(W) tends to {@code sigma sqrt(N p)} (or {@code sigma sqrt(k)} for in-degree
     * k). No eigen-solve: instant, but only asymptotically exact (a few percent off at N in the hundreds).
     */
    CIRCULAR_LAW;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SpectralScaling parse(String s) {
        String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spectral scaling must be exact or circular-law; got '" + s + "'");
        }
    }
}
