package org.weir.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.conformal.Calibration;
import org.weir.conformal.Interval;
import org.weir.conformal.IntervalMethod;
import org.weir.data.CsvTable;
import org.weir.metrics.IntervalMetrics;
import org.weir.data.TimeSeries;
import org.weir.model.ForecastModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weir predict}: forecasts with a saved model over rows of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Forecasts with a saved model. The model reads its input columns (by name) from the CSV file, "
                + "starting from a zero state at row 0, and for every input row r in --rows writes the forecast of "
                + "row r + horizon. Rows whose target lies past the end of the file get a forecast with an empty "
                + "true value. When the file has the target columns, nrmse, rmse, mae and r2 are printed.",
            "With --horizon larger than the model's (a one-step model whose inputs are its targets), forecasts "
                + "are iterated: each prediction is fed back as the next input."},
        footer = {"", "Example: weir predict --model co2.weir --data co2.csv --rows 2000:2283 --out forecast.csv"})
final class PredictCommand extends BaseCommand {
    @Option(names = "--model", required = true, paramLabel = "MODEL.weir", description = "Model written by 'weir fit'.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with the model's input columns.")
    Path data;

    @Option(names = "--rows", paramLabel = "A:B",
            description = "Input rows to forecast from, half-open and zero-based (default: from the model's warm-up "
                    + "length to the last row).")
    String rows;

    @Option(names = "--horizon", paramLabel = "H", description = "Steps ahead (default: the model's horizon).")
    Integer horizon;

    @Option(names = "--fill", paramLabel = "HOW", defaultValue = "error", converter = Fill.Converter.class,
            description = "Missing cells: error (default) or interpolate.")
    Fill fill;

    @Option(names = "--out", required = true, paramLabel = "PRED.csv", description = "CSV file to write.")
    Path out;

    @Option(names = "--intervals", paramLabel = "METHOD",
            description = "Add prediction intervals from a conformal method: split, split-asym, aci, agaci, nexcp, pid "
                    + "or rescp, optionally with parameters (e.g. aci:gamma=0.01). Writes lower and upper columns "
                    + "(<target>_lower, <target>_upper with several targets).")
    String intervals;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Miscoverage of the intervals in (0, 1): they aim to hold the truth 1 - A of the time "
                    + "(default with --intervals: 0.1).")
    Double alpha;

    @Option(names = "--calibration", paramLabel = "A:B",
            description = "Calibrate the intervals on the forecast errors of these input rows of --data (choose rows "
                    + "the model was not trained on and that come before --rows). Without it, the intervals are "
                    + "calibrated on the residuals of the last (up to 2000) training rows stored in the model by "
                    + "'weir fit': those are in-sample errors, usually smaller than errors on new data, so the "
                    + "intervals can be too narrow; methods that learn online (aci, agaci, nexcp, pid, rescp) correct "
                    + "this as the true values of --rows arrive.")
    String calibration;

    @Override
    int execute(Console console) throws Exception {
        ModelCard.Loaded loaded = ModelCard.load(modelFile);
        ForecastModel model = loaded.model();
        ModelCard card = loaded.card();
        int h = horizon == null ? card.horizon() : horizon;
        if (h < 0) {
            throw CliError.usage("--horizon must be at least 0, got " + h);
        }
        if (h != card.horizon() && !(card.autonomous() && h >= 1)) {
            throw CliError.usage("--horizon " + h + " differs from the model's horizon " + card.horizon()
                    + "; iterating forecasts needs a one-step model whose inputs are its targets (this one maps "
                    + card.inputs() + " to " + card.targets() + ")");
        }
        CsvTable table = DataFiles.table(data);
        boolean haveTruth = table.header().containsAll(card.targets());
        TimeSeries series = DataFiles.convert(table,
                haveTruth ? DataFiles.union(card.inputs(), card.targets()) : card.inputs(), fill, console);
        int n = series.length();
        RowRange range = rows == null ? new RowRange(Math.min(model.warmup(), n - 1), n)
                : RowRange.parse("--rows", rows, n);
        if (range.start() < model.warmup()) {
            console.note("note: rows before %d are within the model's warm-up of %d steps; their forecasts start "
                    + "from a reservoir that has seen little data", model.warmup(), model.warmup());
        }
        double[][] in = series.toRows(card.inputs(), 0, n);
        double[][] truthAll = haveTruth ? series.toRows(card.targets(), 0, n) : null;
        double[][] pred = forecast(model, card, in, range, h, console);

        int k = card.targets().size();
        List<String> header = new ArrayList<>(List.of("input_row", "target_row"));
        for (String t : card.targets()) {
            header.add(t + "_pred");
        }
        if (haveTruth) {
            for (String t : card.targets()) {
                header.add(t + "_true");
            }
        }
        double[][] table2 = new double[range.length()][];
        List<double[]> truth = new ArrayList<>();
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < range.length(); i++) {
            int r = range.start() + i;
            int target = r + h;
            double[] row = new double[header.size()];
            row[0] = r;
            row[1] = target;
            System.arraycopy(pred[i], 0, row, 2, k);
            if (haveTruth) {
                if (target < n) {
                    System.arraycopy(truthAll[target], 0, row, 2 + k, k);
                    truth.add(truthAll[target]);
                    scored.add(pred[i]);
                } else {
                    Arrays.fill(row, 2 + k, 2 + 2 * k, Double.NaN);
                }
            }
            table2[i] = row;
        }
        IntervalColumns iv = null;
        if (intervals != null) {
            iv = intervals(model, card, in, truthAll, n, range, h, pred, console);
            for (int j = 0; j < k; j++) {
                header.add(k == 1 ? "lower" : card.targets().get(j) + "_lower");
                header.add(k == 1 ? "upper" : card.targets().get(j) + "_upper");
            }
            for (int i = 0; i < table2.length; i++) {
                double[] row = Arrays.copyOf(table2[i], header.size());
                for (int j = 0; j < k; j++) {
                    row[row.length - 2 * k + 2 * j] = iv.lower[i][j];
                    row[row.length - 2 * k + 2 * j + 1] = iv.upper[i][j];
                }
                table2[i] = row;
            }
        } else if (alpha != null || calibration != null) {
            throw CliError.usage((alpha != null ? "--alpha" : "--calibration") + " needs --intervals METHOD");
        }
        DataFiles.writeCsv(out, header, table2, 2);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("out", out.toString());
        json.put("rows", range.toString());
        json.put("horizon", h);
        json.put("forecasts", range.length());
        json.put("scored", scored.size());
        Map<String, Object> scores = null;
        if (scored.size() >= 2) {
            scores = Scores.of(truth.toArray(new double[0][]), scored.toArray(new double[0][]));
            json.putAll(scores);
        }
        if (iv != null) {
            json.put("intervals", intervals);
            json.put("alpha", iv.alpha);
            json.put("calibration", iv.source);
            if (iv.scored > 0) {
                json.put("coverage", iv.coverage);
                json.put("width", iv.width);
                json.put("winkler", iv.winkler);
            }
        }
        console.jsonResult(json);
        console.result("wrote %d forecasts (%s, %d step%s ahead) to %s", range.length(), String.join(",", card.targets()),
                h, h == 1 ? "" : "s", out);
        if (scores != null) {
            console.result("  against the %d true values in %s: %s", scored.size(), data, Scores.line(scores));
        } else if (!haveTruth) {
            console.result("  (no metrics: %s has no column %s)", data, card.targets());
        }
        if (iv != null) {
            console.result("  %s intervals at alpha %s, calibrated on %s%s", intervals, HtmlReport.formatNumber(iv.alpha),
                    iv.source, iv.scored > 0 ? String.format(java.util.Locale.ROOT, "; on the %d true values: coverage "
                            + "%.4f, mean width %s, Winkler %s", iv.scored, iv.coverage, HtmlReport.formatNumber(iv.width),
                            HtmlReport.formatNumber(iv.winkler)) : "");
        }
        return 0;
    }

    /**
     * Forecasts of row r + h for each input row r of the range: the model runs teacher-forced from a zero
     * state over rows [0, r]; for h above the model's horizon the remaining steps are a closed loop.
     */
    static double[][] forecast(ForecastModel model, ModelCard card, double[][] in, RowRange range, int h,
            Console console) {
        ForecastModel.Session s = model.newSession();
        for (int r = 0; r < range.start(); r++) {
            s.observe(in[r]);
        }
        double[][] pred = new double[range.length()][];
        try (ProgressBar bar = console.progress("predict", range.length())) {
            for (int i = 0; i < range.length(); i++) {
                int r = range.start() + i;
                if (h == card.horizon()) {
                    pred[i] = s.observe(in[r]).clone();
                } else {
                    ForecastModel.Session loop = model.newSession();
                    loop.state().copyFrom(s.state());
                    s.observe(in[r]);
                    loop.observe(in[r]);
                    double[][] gen = loop.generate(h);
                    pred[i] = gen[h - 1];
                }
                bar.set(i + 1);
            }
        }
        return pred;
    }

    /** Interval bounds per forecast row and target, with where they were calibrated and their scores. */
    private record IntervalColumns(double[][] lower, double[][] upper, double alpha, String source, int scored,
            double coverage, double width, double winkler) {
    }

    /**
     * One online interval method per target: calibrated on --calibration rows or on the stored training
     * residuals, then run over the forecast rows in order, learning each true value as soon as a live
     * system would know it (h rows later) while the data has it.
     */
    private IntervalColumns intervals(ForecastModel model, ModelCard card, double[][] in, double[][] truthAll, int n,
            RowRange range, int h, double[][] pred, Console console) {
        double a = alpha == null ? 0.1 : alpha;
        ConformalCommand.checkAlpha(a);
        List<String> specs = ConformalCommand.splitMethods(intervals);
        if (specs.size() != 1) {
            throw CliError.usage("--intervals takes one method, got " + specs.size() + " (" + intervals + ")");
        }
        if (ConformalCommand.methodName(specs.get(0)).equals("enbpi")) {
            throw CliError.usage("--intervals enbpi needs the model's training states; use 'weir conformal' for EnbPI, "
                    + "or another method here");
        }
        int k = card.targets().size();
        Calibration[] cals = new Calibration[k];
        String source;
        if (calibration != null) {
            RowRange cr = RowRange.parse("--calibration", calibration, n);
            if (truthAll == null) {
                throw CliError.usage("--calibration needs the target columns " + card.targets() + " in " + data);
            }
            if (cr.end() + h > n) {
                throw CliError.usage("--calibration " + cr + " with horizon " + h + " needs target rows up to "
                        + (cr.end() + h - 1) + ", but the data ends at row " + (n - 1));
            }
            if (cr.end() > range.start()) {
                console.note("note: --calibration %s overlaps or follows --rows %s; calibrating on rows that are also "
                        + "forecast lets the intervals see those errors in advance", cr, range);
            }
            double[][] f = forecast(model, card, in, cr, h, console);
            for (int j = 0; j < k; j++) {
                double[] fj = new double[cr.length()];
                double[] yj = new double[cr.length()];
                for (int i = 0; i < fj.length; i++) {
                    fj[i] = f[i][j];
                    yj[i] = truthAll[cr.start() + i + h][j];
                }
                cals[j] = Calibration.of(fj, yj);
            }
            source = "rows " + cr + " of " + data.getFileName();
        } else {
            if (h != card.horizon()) {
                throw CliError.usage("the residuals stored in the model are for its horizon " + card.horizon()
                        + "; for --horizon " + h + " give --calibration A:B rows to calibrate on");
            }
            if (!(model.metadata().get("calibration_residuals") instanceof List<?> stored) || stored.size() != k) {
                throw CliError.data(modelFile + ": the model stores no training residuals (it was written by an older "
                        + "weir fit); give --calibration A:B rows to calibrate on");
            }
            for (int j = 0; j < k; j++) {
                List<?> r = (List<?>) stored.get(j);
                double[] res = new double[r.size()];
                for (int i = 0; i < res.length; i++) {
                    res[i] = ((Number) r.get(i)).doubleValue();
                }
                cals[j] = Calibration.ofResiduals(res);
            }
            source = "the in-sample residuals of training rows " + model.metadata().get("calibration_rows")
                    + " stored in the model";
        }
        int m = range.length();
        double[][] lo = new double[m][k];
        double[][] hi = new double[m][k];
        int scored = 0;
        int covered = 0;
        double width = 0;
        double winkler = 0;
        for (int j = 0; j < k; j++) {
            IntervalMethod method = ConformalCommand.create(specs, a, h, null).get(0);
            try {
                method.calibrate(cals[j]);
            } catch (IllegalArgumentException e) {
                throw CliError.usage("--intervals " + intervals + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < m; i++) {
                Interval v = method.interval(pred[i][j]);
                lo[i][j] = v.lower();
                hi[i][j] = v.upper();
                int target = range.start() + i + h;
                if (truthAll != null && target < n) {
                    double y = truthAll[target][j];
                    scored++;
                    covered += v.contains(y) ? 1 : 0;
                    width += v.width();
                    winkler += IntervalMetrics.winkler(v.lower(), v.upper(), y, a);
                }
                int known = i - h + 1;
                if (known >= 0 && truthAll != null && range.start() + known + h < n) {
                    method.observe(truthAll[range.start() + known + h][j]);
                }
            }
        }
        return new IntervalColumns(lo, hi, a, source, scored, scored == 0 ? Double.NaN : (double) covered / scored,
                scored == 0 ? Double.NaN : width / scored, scored == 0 ? Double.NaN : winkler / scored);
    }
}
