package org.weir.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.data.TimeSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weir fit}: trains a reservoir forecaster on CSV columns and writes a .weir model file. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fits a reservoir forecaster (an echo state network unless --reservoir says otherwise) on columns of a CSV file and saves it as a .weir file.",
            "Input row r is paired with the targets of row r + horizon (default 1: one step ahead); the inputs "
                + "default to the targets themselves. Inputs and targets are standardized with training-row "
                + "statistics (stored in the model) unless --no-scale is given."},
        footer = {"", "Example: weir fit --data co2.csv --target co2 --train-rows 0:2000 --units 300 --out co2.weir"})
final class FitCommand extends BaseCommand {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with a header row.")
    Path data;

    @Option(names = "--target", required = true, split = ",", paramLabel = "COL", description = "Column(s) to predict.")
    List<String> targets;

    @Option(names = "--input", split = ",", paramLabel = "COL", description = "Input column(s) (default: the targets).")
    List<String> inputs;

    @Option(names = "--train-rows", paramLabel = "A:B",
            description = "Input rows to train on, half-open and zero-based (default: every row that has a target).")
    String trainRows;

    @Option(names = "--horizon", paramLabel = "H", defaultValue = "1",
            description = "Steps ahead: the target of input row r is row r+H; 0 = same row (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--fill", paramLabel = "HOW", defaultValue = "error", converter = Fill.Converter.class,
            description = "Missing cells: error (default) or interpolate (linear, between the neighbouring rows).")
    Fill fill;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--out", required = true, paramLabel = "MODEL.weir", description = "Model file to write.")
    Path out;

    @Option(names = "--constraint", paramLabel = "SPEC",
            description = {"Train the readout under a constraint (repeatable), bounds in the target's own units:",
                "  abs-error<=E [per-sample] [resilient=B]   every training error within E (Feasible Learning)",
                "  mse<=V per-sample | per-group=COL | mean  squared-error bounds (COL: a column of the data)",
                "  output in [LO,HI] [robust]                outputs within bounds (robust: for every tanh state)",
                "  l1<=T | l2<=T                             weight budgets",
                "  parity<=D per-group=COL                   mean predictions of any two groups within D",
                "  parity==0 per-group=COL                   exact parity (an equality)",
                "  max-abs-error<=E per-group=COL [G:E ...]  worst error of each group within its bound",
                "  output==V rows=I,J,...                    outputs at given training rows equal V",
                "  weights>=0 | weights monotone             sign or order of the weights",
                "  width<=W | non-crossing                   quantile band width (with --objective pinball:LO,HI)",
                "  xent<=V [per-group=COL]                   mean cross-entropy (with --objective cross-entropy)",
                "The fit prints a certificate (status, objective, dual bound, gap, worst violation) and stores it in "
                    + "the model file."})
    List<String> constraints;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "squared",
            description = {"What the readout minimizes (with the model's ridge on the weights):",
                "  squared (default) | min-norm | pinball:TAU (quantile readout, e.g. pinball:0.9)",
                "  | pinball:LO,HI (quantile band: give the target column once per level)",
                "  | cross-entropy (one-hot class columns as targets, needs --no-scale).",
                "Any objective other than squared trains with the constrained engine and prints a certificate, "
                    + "with or without --constraint; pinball uses --solver admm, cross-entropy --solver augmented."})
    String objective;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "dual-ascent",
            description = "Constrained solver: dual-ascent (default), admm, augmented, stochastic, projection.")
    String solver;

    @Option(names = "--gap-tolerance", paramLabel = "G", defaultValue = "1e-6",
            description = "Relative duality gap under which a constrained fit is CERTIFIED (default: ${DEFAULT-VALUE}).")
    double gapTolerance;

    @Option(names = "--feasibility-tolerance", paramLabel = "F", defaultValue = "1e-6",
            description = "Largest constraint violation (relative to the bound, at most 1) a CERTIFIED fit may have "
                    + "(default: ${DEFAULT-VALUE}).")
    double feasibilityTolerance;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "2000",
            description = "Iteration limit of the constrained solver; reaching it gives status MAX_ITER "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--convergence-plot", paramLabel = "FILE.png",
            description = "Where to write the constrained fit's convergence plot (default: next to the model, "
                    + "MODEL.convergence.png).")
    Path convergencePlot;

    private static String fmt(Object v) {
        return v instanceof Number n ? String.format(java.util.Locale.ROOT, "%.4g", n.doubleValue()) : String.valueOf(v);
    }

    @Override
    int execute(Console console) throws Exception {
        ModelOptions.Settings settings = model.resolve();
        if (horizon < 0) {
            throw CliError.usage("--horizon must be at least 0, got " + horizon);
        }
        List<String> in = inputs == null || inputs.isEmpty() ? targets : inputs;
        boolean plainObjective = "squared".equalsIgnoreCase(objective.trim());
        Constraints cons = (constraints == null || constraints.isEmpty()) && plainObjective ? null
                : Constraints.parse(constraints == null ? List.of() : constraints, solver, gapTolerance,
                        feasibilityTolerance, maxIterations, objective);
        org.weir.data.CsvTable table = DataFiles.table(data);
        TimeSeries series = DataFiles.convert(table, DataFiles.union(in, targets), fill, console);
        int n = series.length();
        if (n <= horizon) {
            throw CliError.data(data + ": " + n + " rows are too few for --horizon " + horizon);
        }
        RowRange range = trainRows == null ? new RowRange(0, n - horizon) : RowRange.parse("--train-rows", trainRows, n);
        Training.checkTargets("--train-rows", range, horizon, n);
        Training.Result r;
        if (cons == null) {
            r = Training.fit(series, in, targets, horizon, range, settings, console);
        } else {
            Map<String, int[]> groups = cons.groups(table, range, horizon, Math.min(settings.warmup(), range.length()));
            console.detail("constrained readout: %s, objective %s, solver %s", String.join("; ", cons.texts()),
                    cons.objectiveName(), cons.solverName());
            r = Training.fit(series, in, targets, horizon, range, settings, console,
                    y -> cons.readout(y, settings.scale(), settings.ridge(), groups));
        }
        r.model().withMetadata(Map.of("data", data.getFileName().toString(), "train_rows", range.toString(),
                "fill", fill.name().toLowerCase(java.util.Locale.ROOT))).save(out);
        @SuppressWarnings("unchecked")
        Map<String, Object> certificate = (Map<String, Object>) r.model().metadata().get("readout_fit");
        Path plot = null;
        if (certificate != null) {
            plot = convergencePlot != null ? convergencePlot
                    : out.resolveSibling(out.getFileName().toString().replaceFirst("\\.weir$", "") + ".convergence.png");
            if (!Constraints.plot(certificate, plot)) {
                plot = null;
            }
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", out.toString());
        json.put("inputs", in);
        json.put("targets", targets);
        json.put("horizon", horizon);
        json.put("train_rows", range.toString());
        json.put("training_rows", r.trainingRows());
        json.put("train_nrmse", r.trainScores().get("nrmse"));
        json.put("train_rmse", r.trainScores().get("rmse"));
        json.put("seconds", r.seconds());
        json.put("settings", settings.toMap());
        if (certificate != null) {
            for (String key : List.of("status", "objective", "dual_bound", "gap", "relative_gap", "max_violation",
                    "eps_star", "eps_star_lower", "iterations")) {
                if (certificate.containsKey(key)) {
                    json.put(key, certificate.get(key));
                }
            }
            json.put("solve_seconds", certificate.get("seconds"));
            Double epsTarget = cons.epsStarInTargetUnits(certificate.get("eps_star"), settings.scale(),
                    r.model().targetScale().std()[0]);
            if (epsTarget != null) {
                json.put("eps_star_target_units", epsTarget);
            }
            json.put("constraints", cons.texts());
            json.put("solver", cons.solverName());
            json.put("objective", cons.objectiveName());
            json.put("units", settings.scale() ? "bounds, violations and eps_star in standardized target units "
                    + "(divide bounds by the target's training std)" : "target units");
            Map<String, Object> cert = new LinkedHashMap<>(certificate);
            cert.remove("log");
            json.put("certificate", cert);
            json.put("convergence_plot", plot == null ? null : plot.toString());
        }
        console.jsonResult(json);
        console.result("fitted %s on rows %s of %s (%d training rows after a warm-up of %d)",
                settings.reservoir().describe(r.model().reservoir().stateDimension()), range, data, r.trainingRows(), settings.warmup());
        console.result("  %s -> %s, horizon %d; training fit: %s", String.join(",", in), String.join(",", targets),
                horizon, Scores.line(r.trainScores()));
        if (certificate != null) {
            Double epsTarget = cons.epsStarInTargetUnits(certificate.get("eps_star"), settings.scale(),
                    r.model().targetScale().std()[0]);
            console.result("  constrained readout (%s, objective %s, solver %s): %s", String.join("; ", cons.texts()),
                    cons.objectiveName(), cons.solverName(), certificate.get("status"));
            console.result("    objective %s, dual bound %s, gap %s, worst violation %s, %s iterations, %s s",
                    fmt(certificate.get("objective")), fmt(certificate.get("dual_bound")), fmt(certificate.get("gap")),
                    fmt(certificate.get("max_violation")), certificate.get("iterations"), fmt(certificate.get("seconds")));
            if (certificate.containsKey("eps_star")) {
                console.result("    infeasible: the smallest feasible bound is eps* = %s%s", epsTarget != null
                        ? fmt(epsTarget) + " (target units)" : fmt(certificate.get("eps_star"))
                        + (settings.scale() ? " (standardized units)" : ""), "");
            }
            if (plot != null) {
                console.result("  convergence plot: %s", plot);
            }
        }
        console.result("model written to %s", out);
        return 0;
    }
}
