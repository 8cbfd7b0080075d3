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
    /**
     * Sparse random in row groups: the rows come in groups of {@value org.weir.reservoir.init.RecurrentMatrices#ROW_GROUP}
     * consecutive units that draw one set of presynaptic units together (a fixed in-degree {@code k}, by default
     * {@code round(p N)}, distinct columns drawn uniformly), each of the group's rows with its own independent
     * weights on those columns. Same density, in-degree and weight distribution as {@link #RANDOM} with a fixed
     * in-degree; the non-zeros form {@code 8 x 1} blocks, so the product reads each {@code x[j]} once per group
     * and multiplies eight weights at once (one vector fused multiply-add, no gathers): several times the step
     * rate of {@link #RANDOM} on one sequence. Hardware-aware sparsity in the spirit of block-sparse formats
     * (Vuduc and Moon, "Fast sparse matrix-vector multiplication by exploiting variable block structure", 2005);
     * the forecasting quality and memory capacity are checked equal to {@link #RANDOM}'s within seed-to-seed noise.
     */
    BLOCK_RANDOM,
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

    /** Parses random, block-random, ring, delay-line, cycle-jumps, orthogonal (case-insensitive, '-' or '_'). */
    public static Topology parse(String s) {
        String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Topology t : values()) {
            if (t.name().equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("topology must be one of random, block-random, ring, delay-line, cycle-jumps, "
                + "orthogonal; got '" + s + "'");
    }
}
