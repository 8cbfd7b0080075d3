package org.weir.constrained;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a constrained readout problem is solved (the CLI's {@code --solver} values). */
public enum Solver {
    /** Exact dual ascent: closed-form reweighted ridge primal step, dual moved by L-BFGS, gradient ascent or nuPI. */
    DUAL_ASCENT("dual-ascent"),
    /** ADMM over every family's set view, one cached factorization per penalty value. */
    ADMM("admm"),
    /** Augmented Lagrangian (method of multipliers) with an L-BFGS inner solve and a penalty schedule. */
    AUGMENTED("augmented"),
    /** Stochastic primal-dual over mini-batches (loss bounds), averaged iterate. */
    STOCHASTIC("stochastic"),
    /** Dykstra / Kaczmarz projections onto per-row slabs (error tubes, output bounds). */
    PROJECTION("projection");

    private final String cliName;

    Solver(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    /** Parses a CLI name such as {@code dual-ascent}. */
    public static Solver parse(String s) {
        for (Solver v : values()) {
            if (v.cliName.equalsIgnoreCase(s == null ? "" : s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown solver '" + s + "'; expected one of "
                + Arrays.stream(values()).map(Solver::cliName).collect(Collectors.joining("|")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
