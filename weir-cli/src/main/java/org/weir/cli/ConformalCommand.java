package org.weir.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.weir.conformal.Calibration;
import org.weir.conformal.ConformalEvaluation;
import org.weir.conformal.ConformalMethods;
import org.weir.conformal.IntervalMethod;
import org.weir.data.TimeSeries;
import org.weir.model.ForecastModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weir conformal}: fits a forecaster and scores conformal interval methods on a test stream. */
@Command(name = "conformal", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Conformal prediction intervals, evaluated: fits the forecaster on the --train input rows "
                + "(standardized like fit), continues the reservoir state through the --calibration and --test rows, "
                + "calibrates every method on the calibration residuals (truth - forecast) and runs it online over the "
                + "test rows (for --horizon H the truth of a step becomes known H steps after its interval was issued). "
                + "Prints coverage, coverage_gap (coverage - (1 - alpha)), mean width, mean Winkler score "
                + "(U-L) + (2/alpha)((L-y)1{y<L} + (y-U)1{y>U}) and seconds per method.",
            "Methods: split, split-asym, aci, agaci, nexcp, enbpi, pid, rescp, each optionally with parameters "
                + "name:key=value,... (e.g. aci:gamma=0.01, rescp:tune=false,units=50; see ConformalMethods). enbpi "
                + "fits its bootstrap ridge readouts on the training states; rescp tunes its reservoir on the last 30% "
                + "of the calibration rows.",
            "Without --train/--calibration/--test the rows that have a target are split 60/20/20 in time order. "
                + "Writes intervals.csv (every test row, every method) and intervals.png (the last 200 test rows "
                + "with the bands of up to three methods, rescp and split first) into --out."},
        footer = {"", "Example: weir conformal --data load.csv --target load --alpha 0.1 --methods split,aci,rescp --json"})
final class ConformalCommand extends BaseCommand {
    static final String DEFAULT_METHODS = "split,aci,nexcp,enbpi,pid,rescp";

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with a header row.")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COL", description = "The column to forecast (one).")
    String target;

    @Option(names = "--input", split = ",", paramLabel = "COL", description = "Input column(s) (default: the target).")
    List<String> inputs;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.1",
            description = "Target miscoverage in (0, 1): intervals should hold the truth 1 - alpha of the time "
                    + "(default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--methods", paramLabel = "M[,M...]", defaultValue = DEFAULT_METHODS,
            description = "Interval methods (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--train", paramLabel = "A:B", description = "Training input rows (half-open, zero-based).")
    String train;

    @Option(names = "--calibration", paramLabel = "C:D", description = "Calibration input rows, after the training rows.")
    String calibration;

    @Option(names = "--test", paramLabel = "E:F", description = "Test input rows, after the calibration rows.")
    String test;

    @Option(names = "--horizon", paramLabel = "H", defaultValue = "1",
            description = "Steps ahead: the target of input row r is row r+H, at least 1 (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--fill", paramLabel = "HOW", defaultValue = "error", converter = Fill.Converter.class,
            description = "Missing cells: error (default) or interpolate.")
    Fill fill;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "weir-conformal",
            description = "Folder for intervals.csv and intervals.png (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    int execute(Console console) throws Exception {
        ModelOptions.Settings settings = model.resolve();
        checkAlpha(alpha);
        if (horizon < 1) {
            throw CliError.usage("--horizon must be at least 1, got " + horizon);
        }
        List<String> specs = splitMethods(methods);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw CliError.usage("--out " + out + " is a file, not a folder");
        }
        List<String> in = inputs == null || inputs.isEmpty() ? List.of(target) : inputs;
        List<String> targets = List.of(target);
        TimeSeries series = DataFiles.read(data, DataFiles.union(in, targets), fill, console);
        int n = series.length();
        RowRange[] ranges = ranges(n);
        RowRange tr = ranges[0];
        RowRange cal = ranges[1];
        RowRange te = ranges[2];

        Training.Result fit = Training.fit(series, in, targets, horizon, tr, settings, console);
        ForecastModel m = fit.model();
        double[][] x = series.toRows(in, 0, n);
        double[] y = series.column(target);
        boolean enbpi = specs.stream().anyMatch(s -> methodName(s).equals("enbpi"));
        ConformalMethods.EnsembleData ensemble = enbpi ? ensemble(m, x, y, tr, settings.warmup(), horizon) : null;

        double[] calF = new double[cal.length()];
        double[] calY = new double[cal.length()];
        double[] testF = new double[te.length()];
        double[] testY = new double[te.length()];
        double[][] features = enbpi ? new double[te.length()][] : null;
        ForecastModel.Session s = m.continueFromTraining();
        for (int r = tr.end(); r < te.end(); r++) {
            double f = s.observe(x[r])[0];
            if (r >= cal.start() && r < cal.end()) {
                calF[r - cal.start()] = f;
                calY[r - cal.start()] = y[r + horizon];
            } else if (r >= te.start()) {
                testF[r - te.start()] = f;
                testY[r - te.start()] = y[r + horizon];
                if (features != null) {
                    features[r - te.start()] = s.state().values().clone();
                }
            }
        }
        List<IntervalMethod> list = create(specs, alpha, horizon, ensemble);
        ConformalEvaluation.Report report;
        try (ProgressBar bar = console.progress("conformal", list.size())) {
            List<ConformalEvaluation.MethodResult> results = new ArrayList<>();
            for (IntervalMethod method : list) {
                results.addAll(ConformalEvaluation.evaluate(List.of(method), Calibration.of(calF, calY), testF, testY,
                        horizon, features).results());
                bar.advance(1);
            }
            report = new ConformalEvaluation.Report(results);
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage() + " (calibration rows " + cal + ")", e);
        }

        Files.createDirectories(out);
        writeCsv(out.resolve("intervals.csv"), te, testF, testY, report);
        Path png = out.resolve("intervals.png");
        plot(report, te, testF, testY, alpha).write(png);

        console.jsonResult(report.toMap());
        console.result("%s: train %s, calibration %s, test %s (input rows), %d step%s ahead, alpha %s", data, tr, cal, te,
                horizon, horizon == 1 ? "" : "s", HtmlReport.formatNumber(alpha));
        console.result("point forecast on the test rows: %s", Scores.line(Scores.of(col(testY), col(testF))));
        console.result("%s", table(report).stripTrailing());
        console.result("wrote intervals.csv and intervals.png in %s", out);
        return 0;
    }

    /** The three ranges, given or 60/20/20 of the rows that have a target; checked for order and targets. */
    private RowRange[] ranges(int n) {
        int usable = n - horizon;
        if (train == null && calibration == null && test == null) {
            int a = (int) Math.round(0.6 * usable);
            int b = (int) Math.round(0.8 * usable);
            if (a < 1 || b <= a || usable <= b) {
                throw CliError.data(data + ": " + n + " rows are too few to split into training, calibration and test rows");
            }
            return new RowRange[] {new RowRange(0, a), new RowRange(a, b), new RowRange(b, usable)};
        }
        if (train == null || calibration == null || test == null) {
            throw CliError.usage("give all three of --train, --calibration and --test, or none (a 60/20/20 split)");
        }
        RowRange tr = RowRange.parse("--train", train, n);
        RowRange cal = RowRange.parse("--calibration", calibration, n);
        RowRange te = RowRange.parse("--test", test, n);
        Training.checkTargets("--train", tr, horizon, n);
        Training.checkTargets("--calibration", cal, horizon, n);
        Training.checkTargets("--test", te, horizon, n);
        if (cal.start() < tr.end()) {
            throw CliError.usage("--calibration " + cal + " must start at or after the end of --train " + tr);
        }
        if (te.start() < cal.end()) {
            throw CliError.usage("--test " + te + " must start at or after the end of --calibration " + cal);
        }
        return new RowRange[] {tr, cal, te};
    }

    /** EnbPI's training data: the states after the warm-up of the training rows and their targets. */
    static ConformalMethods.EnsembleData ensemble(ForecastModel m, double[][] x, double[] y, RowRange tr, int warmup,
            int h) {
        ForecastModel.Session s = m.newSession();
        int rows = tr.length() - warmup;
        double[][] states = new double[rows][];
        double[] targets = new double[rows];
        for (int r = tr.start(); r < tr.end(); r++) {
            s.observe(x[r]);
            if (r - tr.start() >= warmup) {
                states[r - tr.start() - warmup] = s.state().values().clone();
                targets[r - tr.start() - warmup] = y[r + h];
            }
        }
        return new ConformalMethods.EnsembleData(states, targets);
    }

    /** Checks alpha is in (0, 1). */
    static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw CliError.usage("--alpha must be in (0, 1), got " + HtmlReport.formatNumber(alpha));
        }
    }

    /**
     * Splits a method list on commas, keeping parameters with their method: {@code nexcp:rho=0.9,window=500,split}
     * is {@code [nexcp:rho=0.9,window=500, split]}. Unknown names are a usage error.
     */
    static List<String> splitMethods(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.contains("=") && !p.contains(":") && !out.isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + p);
            } else {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw CliError.usage("--methods names no method; choose from " + String.join(", ", ConformalMethods.NAMES));
        }
        for (String spec : out) {
            if (!ConformalMethods.NAMES.contains(methodName(spec))) {
                throw CliError.usage("unknown interval method '" + methodName(spec) + "'; choose from "
                        + String.join(", ", ConformalMethods.NAMES));
            }
        }
        return out;
    }

    static String methodName(String spec) {
        int colon = spec.indexOf(':');
        return (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Creates the methods; a bad parameter is a usage error. */
    static List<IntervalMethod> create(List<String> specs, double alpha, int horizon,
            ConformalMethods.EnsembleData ensemble) {
        List<IntervalMethod> list = new ArrayList<>();
        for (String spec : specs) {
            try {
                list.add(ConformalMethods.create(spec, alpha, horizon, ensemble));
            } catch (IllegalArgumentException e) {
                throw CliError.usage("interval method '" + spec + "': " + e.getMessage(), e);
            }
        }
        return list;
    }

    static String table(ConformalEvaluation.Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-12s %9s %9s %11s %11s %9s%n", "method", "coverage", "gap", "width",
                "winkler", "seconds"));
        for (ConformalEvaluation.MethodResult r : report.results()) {
            sb.append(String.format(Locale.ROOT, "%-12s %9.4f %+9.4f %11s %11s %9.3f%n", r.method(), r.coverage(),
                    r.coverageGap(), HtmlReport.formatNumber(r.width()), HtmlReport.formatNumber(r.winkler()),
                    r.seconds()));
        }
        return sb.toString();
    }

    private void writeCsv(Path file, RowRange te, double[] f, double[] y, ConformalEvaluation.Report report)
            throws java.io.IOException {
        List<String> header = new ArrayList<>(List.of("input_row", "target_row", target + "_pred", target + "_true"));
        Map<String, Map<String, Object>> keys = report.toMap();
        List<String> names = new ArrayList<>(keys.keySet());
        for (String name : names) {
            header.add(name + "_lower");
            header.add(name + "_upper");
        }
        double[][] rows = new double[te.length()][];
        for (int i = 0; i < rows.length; i++) {
            double[] row = new double[header.size()];
            row[0] = te.start() + i;
            row[1] = te.start() + i + horizon;
            row[2] = f[i];
            row[3] = y[i];
            for (int k = 0; k < report.results().size(); k++) {
                row[4 + 2 * k] = report.results().get(k).intervals().lower()[i];
                row[5 + 2 * k] = report.results().get(k).intervals().upper()[i];
            }
            rows[i] = row;
        }
        DataFiles.writeCsv(file, header, rows, 2);
    }

    /** Truth, forecast and the bands of up to three methods (rescp, split, then the first others) over the last rows. */
    private LinePlot plot(ConformalEvaluation.Report report, RowRange te, double[] f, double[] y, double a) {
        int m = te.length();
        int k = Math.min(200, m);
        double[] xs = new double[k];
        double[] ys = new double[k];
        double[] fs = new double[k];
        for (int i = 0; i < k; i++) {
            int j = m - k + i;
            xs[i] = te.start() + j + horizon;
            ys[i] = y[j];
            fs[i] = f[j];
        }
        List<ConformalEvaluation.MethodResult> shown = new ArrayList<>();
        for (String prefer : List.of("rescp", "split")) {
            for (ConformalEvaluation.MethodResult r : report.results()) {
                if (r.method().equals(prefer) && shown.size() < 3 && !shown.contains(r)) {
                    shown.add(r);
                }
            }
        }
        for (ConformalEvaluation.MethodResult r : report.results()) {
            if (shown.size() < 3 && !shown.contains(r)) {
                shown.add(r);
            }
        }
        LinePlot plot = new LinePlot(String.format(Locale.ROOT, "%s: %s%% prediction intervals over the last %d test rows",
                target, HtmlReport.formatNumber(100 * (1 - a)), k), "target row", target).xPattern("0").legendOutside()
                .size(1200, 480);
        java.awt.Color[] colors = {LinePlot.VERMILION, LinePlot.BLUE, LinePlot.GREEN};
        for (int q = 0; q < shown.size(); q++) {
            ConformalEvaluation.MethodResult r = shown.get(q);
            double[][] b = finiteBand(r.intervals().lower(), r.intervals().upper(), m - k, k, ys, fs);
            plot.band(String.format(Locale.ROOT, "%s: coverage %.2f, width %.3g", r.method(), r.coverage(), r.width()),
                    xs, b[0], b[1], colors[q]);
        }
        return plot.line("truth", xs, ys, LinePlot.BLACK).dashed("forecast", xs, fs, LinePlot.BLUE);
    }

    /**
     * The bounds of rows [from, from+k), with infinite bounds clipped to a margin of the data's range so the
     * band shows as reaching the edge of the plot.
     */
    static double[][] finiteBand(double[] lo, double[] hi, int from, int k, double[] ys, double[] fs) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            min = Math.min(min, Math.min(ys[i], fs[i]));
            max = Math.max(max, Math.max(ys[i], fs[i]));
            if (Double.isFinite(lo[from + i])) {
                min = Math.min(min, lo[from + i]);
            }
            if (Double.isFinite(hi[from + i])) {
                max = Math.max(max, hi[from + i]);
            }
        }
        double pad = 0.1 * Math.max(max - min, 1e-9);
        double[][] out = new double[2][k];
        for (int i = 0; i < k; i++) {
            out[0][i] = Math.max(lo[from + i], min - pad);
            out[1][i] = Math.min(hi[from + i], max + pad);
        }
        return out;
    }

    static double[][] col(double[] v) {
        double[][] o = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            o[i][0] = v[i];
        }
        return o;
    }
}
