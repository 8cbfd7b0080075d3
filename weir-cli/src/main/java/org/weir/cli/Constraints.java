package org.weir.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.constrained.ConstrainedFit;
import org.weir.constrained.ConstrainedReadout;
import org.weir.constrained.ConstraintSpec;
import org.weir.constrained.ConstraintSpecParseException;
import org.weir.constrained.Objective;
import org.weir.constrained.Solver;
import org.weir.constrained.SolverOptions;
import org.weir.data.CsvTable;
import org.weir.data.Standardizer;
import org.weir.readout.Readout;

/**
 * {@code weir fit --constraint SPEC --solver NAME}: parses the specs (bounds in the target's own units),
 * reads the group columns they name, builds the {@link ConstrainedReadout} for the training rows, and
 * reports the certificate and its convergence plot.
 */
final class Constraints {
    private final List<ConstraintSpec> specs;
    private final Solver solver;
    private final SolverOptions solverOptions;
    private final String objective;

    private Constraints(List<ConstraintSpec> specs, Solver solver, SolverOptions solverOptions, String objective) {
        this.specs = specs;
        this.solver = solver;
        this.solverOptions = solverOptions;
        this.objective = objective;
    }

    /** Parses {@code --constraint} values and {@code --solver}; errors are usage errors naming the flag. */
    static Constraints parse(List<String> texts, String solverName, double gapTolerance, double feasibilityTolerance,
            int maxIterations) {
        return parse(texts, solverName, gapTolerance, feasibilityTolerance, maxIterations, "squared");
    }

    /** As above, with the {@code --objective} value ({@code squared}, {@code min-norm}, {@code pinball:TAU}, ...). */
    static Constraints parse(List<String> texts, String solverName, double gapTolerance, double feasibilityTolerance,
            int maxIterations, String objectiveText) {
        try {
            Objective.parse(objectiveText, 1.0);
        } catch (IllegalArgumentException e) {
            throw CliError.usage("--objective: " + e.getMessage());
        }
        SolverOptions options;
        try {
            options = SolverOptions.builder().gapTolerance(gapTolerance).feasibilityTolerance(feasibilityTolerance)
                    .maxIterations(maxIterations).build();
        } catch (IllegalArgumentException e) {
            throw CliError.usage("solver settings: " + e.getMessage());
        }
        List<ConstraintSpec> specs = new ArrayList<>();
        for (String t : texts) {
            try {
                specs.add(ConstraintSpec.parse(t));
            } catch (ConstraintSpecParseException e) {
                throw CliError.usage("--constraint '" + t + "': " + e.getMessage().replace('\n', ' '));
            } catch (IllegalArgumentException e) {
                throw CliError.usage("--constraint '" + t + "': " + e.getMessage());
            }
        }
        Solver solver;
        try {
            solver = Solver.parse(solverName);
        } catch (IllegalArgumentException e) {
            throw CliError.usage("--solver: " + e.getMessage());
        }
        return new Constraints(specs, solver, options, objectiveText);
    }

    /** Group columns named by {@code per-group=COLUMN} specs. */
    List<String> groupColumns() {
        List<String> cols = new ArrayList<>();
        for (ConstraintSpec s : specs) {
            String c = null;
            if (s instanceof ConstraintSpec.LossBoundSpec l) {
                c = l.column();
            } else if (s instanceof ConstraintSpec.CrossEntropySpec x) {
                c = x.column();
            } else if (s instanceof ConstraintSpec.ParitySpec p) {
                c = p.column();
            } else if (s instanceof ConstraintSpec.GroupMaxErrorSpec g) {
                c = g.column();
            }
            if (c != null && !cols.contains(c)) {
                cols.add(c);
            }
        }
        return cols;
    }

    /**
     * Labels of each group column for the training samples: the sample of input row r belongs to the group
     * of its target row r + horizon; samples start after the warm-up.
     */
    Map<String, int[]> groups(CsvTable table, RowRange range, int horizon, int warmup) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String col : groupColumns()) {
            List<String> cells;
            try {
                cells = table.textColumn(col);
            } catch (IllegalArgumentException e) {
                throw CliError.usage("--constraint names the group column '" + col + "': " + e.getMessage());
            }
            int from = range.start() + warmup + horizon;
            int to = range.end() + horizon;
            int[] labels = new int[to - from];
            Map<String, Integer> ids = new HashMap<>();
            for (int r = from; r < to; r++) {
                String v = cells.get(r).trim();
                if (v.isEmpty()) {
                    throw CliError.data(table.source() + ": group column '" + col + "' is empty at data row " + r
                            + " (file line " + (r + 2) + "); every training row needs a group");
                }
                labels[r - from] = ids.computeIfAbsent(v, k -> ids.size());
            }
            out.put(col, labels);
        }
        return out;
    }

    /**
     * The readout for these training targets: bounds are converted into the standardized units the model
     * trains in when scaling is on.
     */
    Readout readout(double[][] trainingTargets, boolean scale, double ridge, Map<String, int[]> groups) {
        int k = trainingTargets[0].length;
        List<ConstraintSpec> bound = specs;
        Objective obj;
        try {
            obj = Objective.parse(objective, ridge);
        } catch (IllegalArgumentException e) {
            throw CliError.usage("--objective: " + e.getMessage());
        }
        if (obj.kind() == Objective.Kind.CROSS_ENTROPY && scale) {
            throw CliError.usage("--objective cross-entropy takes one-hot class columns as targets: add --no-scale");
        }
        if (scale) {
            Standardizer st = Standardizer.fit(trainingTargets);
            if (k > 1) {
                for (int j = 1; j < k; j++) {
                    if (st.std()[j] != st.std()[0] || st.mean()[j] != st.mean()[0]) {
                        throw CliError.usage("constraints on several targets with different scales need --no-scale "
                                + "(bounds are given in the targets' own units)");
                    }
                }
            }
            bound = new ArrayList<>();
            for (ConstraintSpec s : specs) {
                bound.add(s.standardized(st.mean()[0], st.std()[0]));
            }
        }
        ConstrainedFit.Options options = ConstrainedFit.Options.defaults()
                .withObjective(obj).withSolver(solver).withSolverOptions(solverOptions);
        return new ConstrainedReadout(bound, options, groups);
    }

    /**
     * eps* of an infeasible fit in the target's own units, when exactly one loss bound was given: the
     * certificate holds it in the units the model trains in (abs-error in std units, mse in std^2 units).
     */
    Double epsStarInTargetUnits(Object epsStar, boolean scale, double std) {
        if (!(epsStar instanceof Number n)) {
            return null;
        }
        List<ConstraintSpec.LossBoundSpec> losses = new ArrayList<>();
        for (ConstraintSpec s : specs) {
            if (s instanceof ConstraintSpec.LossBoundSpec l) {
                losses.add(l);
            }
        }
        if (losses.size() != 1) {
            return null;
        }
        double f = !scale ? 1.0 : "abs-error".equals(losses.get(0).loss()) ? std : std * std;
        return n.doubleValue() * f;
    }

    /** The solver's name as given on the command line. */
    String solverName() {
        Objective.Kind kind = Objective.parse(objective, 1.0).kind();
        if (kind == Objective.Kind.PINBALL) {
            return "admm";
        }
        if (kind == Objective.Kind.CROSS_ENTROPY) {
            return "augmented";
        }
        return solver.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The {@code --objective} value. */
    String objectiveName() {
        return objective;
    }

    List<String> texts() {
        List<String> t = new ArrayList<>();
        for (ConstraintSpec s : specs) {
            t.add(s.text());
        }
        return t;
    }

    /** Writes the convergence plot (log10 of the worst violation and of the largest multiplier per iteration). */
    static boolean plot(Map<String, Object> certificate, Path file) throws IOException {
        if (!(certificate.get("log") instanceof List<?> log) || log.isEmpty()) {
            return false;
        }
        double[] it = new double[log.size()];
        double[] viol = new double[log.size()];
        double[] mult = new double[log.size()];
        for (int i = 0; i < log.size(); i++) {
            Map<?, ?> e = (Map<?, ?>) log.get(i);
            it[i] = number(e.get("iteration"), i);
            viol[i] = Math.log10(Math.max(1e-300, Math.abs(number(e.get("max_violation"), 0))) + 1e-16);
            mult[i] = Math.log10(Math.max(1e-300, Math.abs(number(e.get("multiplier_max"), 0))) + 1e-16);
        }
        new LinePlot("Constrained fit: convergence", "iteration", "log10")
                .line("log10 worst constraint violation", it, viol, LinePlot.VERMILION)
                .line("log10 largest multiplier", it, mult, LinePlot.BLUE)
                .write(file);
        return true;
    }

    private static double number(Object o, double fallback) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
