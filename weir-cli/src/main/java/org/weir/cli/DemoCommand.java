package org.weir.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.weir.conformal.Calibration;
import org.weir.conformal.ConformalEvaluation;
import org.weir.conformal.ConformalMethods;
import org.weir.data.Datasets;
import org.weir.data.MissingValues;
import org.weir.model.ForecastModel;
import org.weir.reservoir.EchoStateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weir demo}: the whole story on the Mauna Loa weekly CO2 record shipped with Weir. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Forecasts atmospheric CO2 at Mauna Loa (weekly, 1958-2001, shipped with Weir) with an echo "
                + "state network: fits on everything but the last four years, forecasts those four years one year "
                + "ahead, runs a closed-loop generation over them, compares both with seasonal naive baselines, and "
                + "writes the model, forecast.csv, generation.csv, PNG plots and a self-contained report.html.",
            "The record has 59 missing weeks; the demo fills them by linear interpolation (--fill interpolate) "
                + "and says so in the report."})
final class DemoCommand extends BaseCommand {
    static final int TEST_WEEKS = 208;
    static final EchoStateConfig RESERVOIR = EchoStateConfig.builder().units(300).spectralRadius(0.9).leakRate(0.3)
            .inputScaling(0.3).inputConnectivity(1.0).biasScaling(0.2).connectivity(0.1).seed(42).config();
    static final double RIDGE = 0.1;
    static final int WARMUP = 100;
    static final int[] HORIZONS = {1, 13, 26, 52};
    /** The validation years before the held-out years: hyperparameters were chosen there, intervals calibrate there. */
    static final int VALIDATION_WEEKS = 208;
    static final double ALPHA = 0.1;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "weir-demo",
            description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    int execute(Console console) throws Exception {
        long start = System.nanoTime();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw CliError.usage("--out " + out + " is a file, not a folder");
        }
        Files.createDirectories(out);
        int filled = Datasets.maunaLoaCo2Table().convert(List.of("co2"), MissingValues.INTERPOLATE).filledCells();
        Co2Experiment e = new Co2Experiment(TEST_WEEKS);
        console.note("Mauna Loa CO2: %d weeks, %d missing filled by linear interpolation (--fill interpolate)", e.n, filled);

        long t0 = System.nanoTime();
        ForecastModel model;
        try (ProgressBar bar = console.progress("fit", 1)) {
            model = e.fit(RESERVOIR, RIDGE, WARMUP);
            bar.set(1);
        }
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        double[][] fc = e.directForecasts(model);
        int origin = e.testStart - 1;
        double[] gen = e.generate(model, origin, TEST_WEEKS);

        // one-year-ahead forecasts of every test week, and the baselines
        int m = TEST_WEEKS;
        double[] truth = new double[m];
        double[][] byMethod = new double[3][m];
        double[] years = new double[m];
        for (int i = 0; i < m; i++) {
            int target = e.testStart + i;
            int o = target - 52;
            truth[i] = e.co2[target];
            years[i] = e.year(target);
            byMethod[0][i] = fc[o][51];
            byMethod[1][i] = e.seasonalNaive(o, 52);
            byMethod[2][i] = e.seasonalNaiveDrift(o, 52);
        }
        String[] methods = {"echo state network", "seasonal naive (same week last year)",
            "seasonal naive + drift (plus last year's growth)"};
        List<List<?>> horizonRows = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        for (int h : HORIZONS) {
            double[] esn = new double[m];
            double[] sn = new double[m];
            double[] snd = new double[m];
            for (int i = 0; i < m; i++) {
                int target = e.testStart + i;
                esn[i] = fc[target - h][h - 1];
                sn[i] = e.seasonalNaive(target - h, h);
                snd[i] = e.seasonalNaiveDrift(target - h, h);
            }
            double re = Co2Experiment.rmse(truth, esn);
            double rs = Co2Experiment.rmse(truth, sn);
            double rd = Co2Experiment.rmse(truth, snd);
            horizonRows.add(List.of(h + (h == 1 ? " week" : " weeks"), re, rs, rd,
                    String.format(Locale.ROOT, "%.0f%%", 100 * (1 - re / Math.min(rs, rd)))));
            json.put("rmse_h" + h, re);
            json.put("rmse_h" + h + "_seasonal_naive", rs);
            json.put("rmse_h" + h + "_seasonal_naive_drift", rd);
        }
        double[][] t2 = col(truth);
        Map<String, Object> esnScores = Scores.of(t2, col(byMethod[0]));
        double genRmse = Co2Experiment.rmse(truth, gen);
        double[] genBase = new double[m];
        for (int i = 0; i < m; i++) {
            genBase[i] = e.seasonalNaiveDrift(origin, i + 1);
        }
        double genBaseRmse = Co2Experiment.rmse(truth, genBase);

        // conformal intervals for the one-year-ahead forecast: out-of-sample residuals of a model fitted before the
        // validation years calibrate them; online, each truth arrives 52 weeks after its interval was issued
        Co2Experiment calExp = new Co2Experiment(TEST_WEEKS + VALIDATION_WEEKS);
        double[][] calFc = calExp.directForecasts(calExp.fit(RESERVOIR, RIDGE, WARMUP));
        double[] calF = new double[VALIDATION_WEEKS];
        double[] calY = new double[VALIDATION_WEEKS];
        for (int i = 0; i < VALIDATION_WEEKS; i++) {
            int target = calExp.testStart + i;
            calF[i] = calFc[target - Co2Experiment.HORIZONS][Co2Experiment.HORIZONS - 1];
            calY[i] = e.co2[target];
        }
        ConformalEvaluation.Report intervals = ConformalEvaluation.evaluate(
                List.of(ConformalMethods.create("split", ALPHA), ConformalMethods.create("rescp", ALPHA,
                        Co2Experiment.HORIZONS, null)),
                Calibration.of(calF, calY), byMethod[0], truth, Co2Experiment.HORIZONS, null);
        ConformalEvaluation.MethodResult splitCp = intervals.get("split");
        ConformalEvaluation.MethodResult rescp = intervals.get("rescp");

        // files
        Path modelFile = out.resolve("co2.weir");
        model.withMetadata(Map.of("data", "Mauna Loa weekly CO2 (org/weir/data/co2.csv)", "fill", "interpolate",
                "inputs", List.of("co2[t] - mean(co2[t-51..t])", "co2[t] - co2[t-52]"),
                "targets", "co2[t+k] - co2[t], k = 1..52", "train_rows", Co2Experiment.PERIOD + ":" + (e.testStart - 52)))
                .save(modelFile);
        double[][] rows = new double[m][];
        for (int i = 0; i < m; i++) {
            rows[i] = new double[] {e.testStart + i, dateNumber(e, e.testStart + i), truth[i], byMethod[0][i],
                byMethod[1][i], byMethod[2][i], gen[i], genBase[i], splitCp.intervals().lower()[i],
                splitCp.intervals().upper()[i], rescp.intervals().lower()[i], rescp.intervals().upper()[i]};
        }
        DataFiles.writeCsv(out.resolve("forecast.csv"), List.of("row", "date", "co2", "forecast_1y_esn",
                "forecast_1y_seasonal_naive", "forecast_1y_seasonal_naive_drift", "generation_esn",
                "generation_seasonal_naive_drift", "lower_1y_split", "upper_1y_split", "lower_1y_rescp", "upper_1y_rescp"),
                rows, 2);

        int ctx = 156; // three years of context before the test tail
        double[] cx = new double[ctx + m];
        double[] cy = new double[ctx + m];
        for (int i = 0; i < ctx + m; i++) {
            cx[i] = e.year(e.testStart - ctx + i);
            cy[i] = e.co2[e.testStart - ctx + i];
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : cy) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double split = e.year(e.testStart);
        byte[] forecastPng = new LinePlot("One-year-ahead forecasts of the held-out years", "year",
                "CO2 at Mauna Loa (ppm)").xPattern("0").xRange(Math.floor(cx[0]), Math.ceil(cx[cx.length - 1]))
                .band(String.format(Locale.ROOT, "%.0f%% interval, split conformal", 100 * (1 - ALPHA)), years,
                        bounded(splitCp.intervals().lower(), lo - 1), bounded(splitCp.intervals().upper(), hi + 1), LinePlot.BLUE)
                .band(String.format(Locale.ROOT, "%.0f%% interval, ResCP", 100 * (1 - ALPHA)), years,
                        bounded(rescp.intervals().lower(), lo - 1), bounded(rescp.intervals().upper(), hi + 1),
                        LinePlot.VERMILION)
                .line("measured", cx, cy, LinePlot.BLACK)
                .line("echo state network, forecast 52 weeks earlier", years, byMethod[0], LinePlot.BLUE)
                .dashed("seasonal naive + drift, 52 weeks earlier", years, byMethod[2], LinePlot.ORANGE)
                .vertical("end of training data", split, lo - 1, hi + 1, LinePlot.GREY)
                .write(out.resolve("forecast.png"));
        byte[] genPng = new LinePlot("Closed-loop generation over the held-out years", "year", "CO2 at Mauna Loa (ppm)").xPattern("0").xRange(Math.floor(cx[0]), Math.ceil(cx[cx.length - 1]))
                
                .line("measured", cx, cy, LinePlot.BLACK)
                .line("echo state network, closed loop from " + e.isoDate(origin), years, gen, LinePlot.VERMILION)
                .dashed("seasonal naive + drift from " + e.isoDate(origin), years, genBase, LinePlot.ORANGE)
                .vertical("end of training data", split, lo - 1, hi + 1, LinePlot.GREY)
                .write(out.resolve("generation.png"));

        double seconds = (System.nanoTime() - start) / 1e9;
        HtmlReport report = new HtmlReport("Weir demo: forecasting CO2 at Mauna Loa",
                "An echo state network forecasts the weekly CO2 record of the last four years it has not seen.");
        report.heading("Data")
                .paragraph("Weekly atmospheric CO2 at Mauna Loa, Hawaii, " + e.isoDate(0) + " to " + e.isoDate(e.n - 1)
                        + " (" + e.n + " weeks; Keeling and Whorf, Scripps/NOAA, public domain; shipped inside Weir).")
                .note(filled + " weeks are missing in the record. The demo fills them by linear interpolation between "
                        + "the neighbouring weeks (the same as --fill interpolate on the command line); without it, Weir "
                        + "stops with an error naming the first missing cell.")
                .keyValues(mapOf("training weeks (forecast origins)", e.isoDate(Co2Experiment.PERIOD) + " to "
                        + e.isoDate(e.testStart - 53) + ", the last target " + e.isoDate(e.testStart - 1),
                        "held-out test weeks", e.isoDate(e.testStart) + " to " + e.isoDate(e.n - 1) + " (" + m + " weeks)"));
        report.heading("One-year-ahead forecast")
                .paragraph("Every test week is forecast 52 weeks in advance, using only the data up to the forecast "
                        + "origin. The plot compares the network with the seasonal naive forecast with drift (the same "
                        + "week one year earlier, plus the growth of the year before), a strong baseline for a "
                        + "trend-plus-cycle series.")
                .figure(forecastPng, "One-year-ahead forecasts against the measured CO2",
                        "Black: measured. Blue: echo state network. Orange dashes: seasonal naive with drift. "
                                + "Grey: end of the training data. Shaded: 90% prediction intervals, split conformal "
                                + "(blue) and ResCP (red).")
                .paragraph("Root mean squared error (ppm) over the " + m + " test weeks, by forecast horizon:")
                .table(List.of("horizon", "echo state network", "seasonal naive", "seasonal naive + drift",
                        "error reduction vs the better baseline"), horizonRows)
                .paragraph("All metrics of the one-year-ahead network forecast:")
                .keyValues(esnScores);
        List<List<?>> ivRows = new ArrayList<>();
        for (ConformalEvaluation.MethodResult r : intervals.results()) {
            ivRows.add(List.of(r.method().equals("rescp") ? "ResCP (reservoir conformal prediction)"
                    : "split conformal", r.coverage(), r.coverageGap(), r.width(), r.winkler()));
        }
        report.heading("Prediction intervals")
                .paragraph(String.format(Locale.ROOT, "The bands in the plot above are %.0f%% conformal prediction "
                        + "intervals (alpha = %s) around the one-year-ahead forecast. They are calibrated on out-of-sample "
                        + "errors: a network with the same settings, fitted on the data before the four validation years "
                        + "(%s to %s), forecast those years one year ahead, and its %d errors calibrate the intervals. "
                        + "During the held-out years each true value becomes known 52 weeks after its interval was "
                        + "issued, and both methods learn from it then. Split conformal uses one width for all weeks; "
                        + "ResCP weighs past errors by the similarity of a second reservoir's state over the error "
                        + "series (Neglia et al., ICLR 2026).", 100 * (1 - ALPHA), HtmlReport.formatNumber(ALPHA),
                        e.isoDate(calExp.testStart), e.isoDate(e.testStart - 1), VALIDATION_WEEKS))
                .table(List.of("method", "coverage", "coverage - (1 - alpha)", "mean width (ppm)", "mean Winkler score"),
                        ivRows);
        double worstCoverage = intervals.results().stream()
                .mapToDouble(ConformalEvaluation.MethodResult::coverage).min().orElse(1.0);
        if (worstCoverage < 1 - ALPHA - 0.05) {
            report.paragraph(String.format(Locale.ROOT, "Coverage falls short of the nominal %.0f%% here, and the "
                    + "table says so rather than hiding it. Conformal guarantees assume exchangeable errors; errors "
                    + "of a forecast made 52 weeks ahead are strongly autocorrelated, the calibration years hold only "
                    + "about four independent years of them, and the forecast runs low through 1998-99, so the "
                    + "calibrated widths are too narrow for this stretch. Shorter horizons, longer calibration or "
                    + "the adaptive methods of weir conformal (aci, pid) are the remedies.", 100 * (1 - ALPHA)));
        }
        report.heading("Closed-loop generation")
                .paragraph("From " + e.isoDate(origin) + " on the network runs alone for " + m + " weeks: each "
                        + "one-week-ahead prediction becomes the next week's value, from which the inputs are "
                        + "recomputed. Errors can accumulate; this shows what the network has learned of the cycle "
                        + "and the trend.")
                .figure(genPng, "Closed-loop generation against the measured CO2",
                        "Black: measured. Vermilion: closed-loop generation. Orange dashes: seasonal naive with drift "
                                + "from the same origin.")
                .keyValues(mapOf("RMSE of the generation over " + m + " weeks (ppm)", genRmse,
                        "RMSE of seasonal naive + drift from the same origin (ppm)", genBaseRmse));
        report.heading("Model and settings")
                .paragraph("The network never sees the CO2 level itself, only two features of the past: the anomaly "
                        + "co2[t] - mean(co2[t-51..t]), which carries the phase of the yearly cycle, and the yearly "
                        + "growth co2[t] - co2[t-52]. Its linear readout predicts the changes co2[t+k] - co2[t] for "
                        + "k = 1..52 at once (direct multi-horizon forecasting). Inputs and targets are standardized "
                        + "with training statistics, stored in the model. The settings below were chosen by a small grid "
                        + "search scored on the four years before the held-out years (mean RMSE over the 52 horizons), "
                        + "never on the held-out years themselves.")
                .keyValues(settingsTable(model, fitSeconds, seconds));
        report.heading("Files")
                .keyValues(mapOf("model", modelFile.getFileName().toString(), "forecasts and generation", "forecast.csv",
                        "plots", "forecast.png, generation.png"));
        report.footer("Made by weir demo " + org.weir.io.ModelFile.WEIR_VERSION + ". Reproduce with: ./weir demo --out "
                + out);
        Path reportFile = out.resolve("report.html");
        report.write(reportFile);

        json.put("nrmse", esnScores.get("nrmse"));
        json.put("rmse", esnScores.get("rmse"));
        json.put("mae", esnScores.get("mae"));
        json.put("r2", esnScores.get("r2"));
        json.put("generation_rmse", genRmse);
        json.put("generation_rmse_seasonal_naive_drift", genBaseRmse);
        Map<String, Object> iv = new LinkedHashMap<>();
        iv.put("alpha", ALPHA);
        iv.put("horizon_weeks", Co2Experiment.HORIZONS);
        iv.put("calibration_weeks", VALIDATION_WEEKS);
        iv.putAll(intervals.toMap());
        json.put("intervals", iv);
        json.put("filled_missing_weeks", filled);
        json.put("test_weeks", m);
        json.put("fit_seconds", fitSeconds);
        json.put("seconds", seconds);
        json.put("out", out.toString());
        json.put("report", reportFile.toString());
        json.put("model", modelFile.toString());
        console.jsonResult(json);
        console.result("Mauna Loa CO2, last %d weeks held out; one-year-ahead forecast RMSE %s ppm "
                + "(seasonal naive %s, seasonal naive + drift %s)", m, fmt(json.get("rmse_h52")),
                fmt(json.get("rmse_h52_seasonal_naive")), fmt(json.get("rmse_h52_seasonal_naive_drift")));
        for (ConformalEvaluation.MethodResult r : intervals.results()) {
            console.result("%.0f%% intervals, %-6s coverage %.3f, mean width %s ppm, Winkler %s", 100 * (1 - ALPHA),
                    r.method() + ":", r.coverage(), fmt(r.width()), fmt(r.winkler()));
        }
        console.result("closed-loop generation over %d weeks: RMSE %s ppm (seasonal naive + drift %s)", m, fmt(genRmse),
                fmt(genBaseRmse));
        console.result("wrote %s, forecast.csv, forecast.png, generation.png in %s (%.1f s)", modelFile.getFileName(), out,
                seconds);
        console.result("report: %s", reportFile.toAbsolutePath().normalize());
        return 0;
    }

    private static String fmt(Object v) {
        return HtmlReport.formatNumber(((Number) v).doubleValue());
    }

    /** Infinite bounds clipped to the plot's edge. */
    private static double[] bounded(double[] v, double limit) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isInfinite(out[i])) {
                out[i] = limit;
            }
        }
        return out;
    }

    private static double dateNumber(Co2Experiment e, int r) {
        return Double.parseDouble(e.dates.get(r));
    }

    private static double[][] col(double[] v) {
        double[][] out = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> settingsTable(ForecastModel model, double fitSeconds, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reservoir", "echo state network (esn)");
        m.put("units", (double) RESERVOIR.units());
        m.put("spectral radius", RESERVOIR.spectralRadius());
        m.put("leak rate", RESERVOIR.leakRate());
        m.put("input scaling", RESERVOIR.inputScaling(0));
        m.put("input connectivity", RESERVOIR.inputConnectivity());
        m.put("bias scaling", RESERVOIR.biasScaling());
        m.put("recurrent connectivity", RESERVOIR.connectivity());
        m.put("activation", RESERVOIR.activation().id());
        m.put("seed", (double) RESERVOIR.seed());
        m.put("ridge", RIDGE);
        m.put("warm-up steps", (double) WARMUP);
        m.put("standardized", model.standardized() ? "yes (training mean and deviation)" : "no");
        m.put("training rows", model.metadata().get("training_rows"));
        m.put("fit time (s)", fitSeconds);
        m.put("whole demo (s)", seconds);
        return m;
    }
}
