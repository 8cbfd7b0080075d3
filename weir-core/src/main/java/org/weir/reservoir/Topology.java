package org.weir.reservoir;

import java.util.Locale;

/** How the recurrent matrix W of an echo state reservoir is built. */
public enum Topology {
    /**
     * Sparse random: non-zero positions drawn uniformly (a fixed count {@code round(p N^2)}, as
     * {@code scipy.sparse.random}, or a fixed in-degree per row), values normal or uniform, rescaled to
     * the requested spectral radius.
     */
    RANDOM,
    /** Simple cycle reservoir (Rodan and Tino 2011): {@code W[(i+1) mod N, i] = r}; its spectral radius is exactly r. */
    RING,
    /**
     * Delay line (Rodan and Tino 2011): {@code W[i+1, i] = r} without wrap-around. W is nilpotent (spectral
     * radius 0), so the requested spectral radius is used as the weight r.
     */
    DELAY_LINE,
    /**
     * Cycle reservoir with regular jumps (Rodan and Tino 2012): a cycle of weight 1 plus bidirectional jumps
     * of weight 0.5 every {@code jumpSize} units, rescaled to the requested spectral radius.
     */
    CYCLE_JUMPS,
    /** Random orthogonal matrix (QR of a Gaussian matrix) times r: every eigenvalue has modulus exactly r. */
    ORTHOGONAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses random, ring, delay-line, cycle-jumps, orthogonal (case-insensitive, '-' or '_'). */
    public static Topology parse(String s) {
        String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Topology t : values()) {
            if (t.name().equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("topology must be one of random, ring, delay-line, cycle-jumps, "
                + "orthogonal; got '" + s + "'");
    }
}
