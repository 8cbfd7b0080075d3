package org.weir.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.data.TimeSeries;
import org.weir.metrics.Metrics;
import org.weir.model.ForecastModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weir eval}: fit on train rows, score on test rows, in one go (nothing is written). */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fits on the --train input rows and scores on the --test input rows (the target of input row r "
                + "is row r + horizon; --horizon 0 reads the target from the same row). The reservoir state continues "
                + "from the end of training into the test rows. Prints nrmse, rmse, mae, r2.",
            "With --generative it instead reports the mean valid prediction time (valid_time_steps) of closed-loop "
                + "runs started at each row t0 of --starts A:B:STEP: the model runs teacher-forced over the rows before "
                + "t0, takes row t0 as input, then feeds each prediction back for --steps G steps; prediction i is "
                + "compared with row t0+1+i, and the run is valid until the normalized error exceeds --threshold."},
        footer = {"", "Example: weir eval --data narma.csv --input u --target y --horizon 0 --train 0:4000 --test 4000:5000 "
                + "--warmup 100 --json"})
final class EvalCommand extends BaseCommand {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with a header row.")
    Path data;

    @Option(names = "--input", split = ",", paramLabel = "COL", description = "Input column(s) (default: the targets).")
    List<String> inputs;

    @Option(names = "--target", required = true, split = ",", paramLabel = "COL", description = "Column(s) to predict.")
    List<String> targets;

    @Option(names = "--horizon", paramLabel = "H", defaultValue = "1",
            description = "Steps ahead; 0 = target from the same row (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--train", required = true, paramLabel = "A:B", description = "Training input rows (half-open, zero-based).")
    String train;

    @Option(names = "--test", paramLabel = "C:D", description = "Test input rows (required unless --generative).")
    String test;

    @Option(names = "--generative", description = "Score closed-loop runs by valid prediction time instead.")
    boolean generative;

    @Option(names = "--starts", paramLabel = "A:B:STEP", description = "Start rows t0 of the closed-loop runs (--generative).")
    String starts;

    @Option(names = "--steps", paramLabel = "G", description = "Closed-loop steps per run (--generative).")
    Integer steps;

    @Option(names = "--threshold", paramLabel = "E", defaultValue = "0.4",
            description = "Normalized error ending a valid prediction (--generative; default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--fill", paramLabel = "HOW", defaultValue = "error", converter = Fill.Converter.class,
            description = "Missing cells: error (default) or interpolate.")
    Fill fill;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Override
    int execute(Console console) throws Exception {
        ModelOptions.Settings settings = model.resolve();
        if (horizon < 0) {
            throw CliError.usage("--horizon must be at least 0, got " + horizon);
        }
        List<String> in = inputs == null || inputs.isEmpty() ? targets : inputs;
        if (generative) {
            if (starts == null || steps == null) {
                throw CliError.usage("--generative needs --starts A:B:STEP and --steps G");
            }
            if (horizon != 1 || !in.equals(targets)) {
                throw CliError.usage("--generative needs a one-step model whose inputs are its targets "
                        + "(--horizon 1 and --input equal to --target)");
            }
            if (steps < 1) {
                throw CliError.usage("--steps must be at least 1, got " + steps);
            }
            if (!(threshold > 0) || !Double.isFinite(threshold)) {
                throw CliError.usage("--threshold must be a number > 0, got " + threshold);
            }
        } else if (test == null) {
            throw CliError.usage("missing --test C:D (or use --generative)");
        }
        TimeSeries series = DataFiles.read(data, DataFiles.union(in, targets), fill, console);
        int n = series.length();
        RowRange trainRange = RowRange.parse("--train", train, n);
        Training.checkTargets("--train", trainRange, horizon, n);
        if (generative) {
            int[] t0s = StartRows.parse("--starts", starts, n);
            int last = t0s[t0s.length - 1];
            if (last + steps >= n) {
                throw CliError.usage("--starts " + starts + " with --steps " + steps + ": the run from row " + last
                        + " is compared with rows up to " + (last + steps) + ", but the data ends at row " + (n - 1));
            }
            Training.Result fit = Training.fit(series, in, targets, horizon, trainRange, settings, console);
            return generative(console, series, fit, t0s, settings);
        }
        RowRange testRange = RowRange.parse("--test", test, n);
        Training.checkTargets("--test", testRange, horizon, n);
        Training.Result fit = Training.fit(series, in, targets, horizon, trainRange, settings, console);
        double[][] x = series.toRows(in, 0, n);
        ForecastModel m = fit.model();
        ForecastModel.Session s;
        int from;
        if (testRange.start() >= trainRange.end()) {
            s = m.continueFromTraining();
            from = trainRange.end();
        } else {
            s = m.newSession();
            from = testRange.start() >= trainRange.start() ? trainRange.start() : 0;
        }
        for (int r = from; r < testRange.start(); r++) {
            s.observe(x[r]);
        }
        double[][] pred = new double[testRange.length()][];
        try (ProgressBar bar = console.progress("test", testRange.length())) {
            for (int i = 0; i < testRange.length(); i++) {
                pred[i] = s.observe(x[testRange.start() + i]).clone();
                bar.set(i + 1);
            }
        }
        double[][] truth = series.toRows(targets, testRange.start() + horizon, testRange.end() + horizon);
        Map<String, Object> scores = Scores.of(truth, pred);
        Map<String, Object> json = new LinkedHashMap<>(scores);
        json.put("train_rows", trainRange.toString());
        json.put("test_rows", testRange.toString());
        json.put("horizon", horizon);
        json.put("train_nrmse", fit.trainScores().get("nrmse"));
        json.put("fit_seconds", fit.seconds());
        json.put("settings", settings.toMap());
        console.jsonResult(json);
        console.result("test rows %s, %d step%s ahead: %s", testRange, horizon, horizon == 1 ? "" : "s",
                Scores.line(scores));
        console.result("  (trained on rows %s: nrmse %s, %.2f s)", trainRange,
                HtmlReport.formatNumber((Double) fit.trainScores().get("nrmse")), fit.seconds());
        return 0;
    }

    private int generative(Console console, TimeSeries series, Training.Result fit, int[] t0s,
            ModelOptions.Settings settings) {
        int n = series.length();
        double[][] x = series.toRows(targets, 0, n);
        ForecastModel m = fit.model();
        ForecastModel.Session s = m.newSession();
        int[] valid = new int[t0s.length];
        int next = 0;
        try (ProgressBar bar = console.progress("closed loop", t0s.length)) {
            for (int r = 0; r <= t0s[t0s.length - 1]; r++) {
                while (next < t0s.length && t0s[next] == r) {
                    ForecastModel.Session loop = m.newSession();
                    loop.state().copyFrom(s.state());
                    loop.observe(x[r]);
                    double[][] gen = loop.generate(steps);
                    double[][] truth = java.util.Arrays.copyOfRange(x, r + 1, r + 1 + steps);
                    try {
                        valid[next] = Metrics.validPredictionTime(truth, gen, threshold);
                    } catch (IllegalArgumentException constant) {
                        throw CliError.data("the " + steps + " rows after row " + r + " are constant, so the valid "
                                + "prediction time is undefined; use more --steps");
                    }
                    next++;
                    bar.set(next);
                }
                s.observe(x[r]);
            }
        }
        double mean = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int v : valid) {
            mean += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        mean /= valid.length;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valid_time_steps", mean);
        json.put("valid_time_min", min);
        json.put("valid_time_max", max);
        json.put("runs", valid.length);
        json.put("steps", steps);
        json.put("threshold", threshold);
        json.put("starts", t0s);
        json.put("valid_times", valid);
        json.put("train_rows", fit.rows().toString());
        json.put("train_nrmse", fit.trainScores().get("nrmse"));
        json.put("fit_seconds", fit.seconds());
        json.put("settings", settings.toMap());
        console.jsonResult(json);
        console.result("closed loop from %d start rows %s: valid for %s steps on average (min %d, max %d; "
                + "threshold %s, %d steps per run)", valid.length, StartRows.describe(t0s), HtmlReport.formatNumber(mean),
                min, max, HtmlReport.formatNumber(threshold), steps);
        return 0;
    }
}
