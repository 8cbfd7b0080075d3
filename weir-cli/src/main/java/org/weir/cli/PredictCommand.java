package org.weir.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.data.CsvTable;
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
        console.jsonResult(json);
        console.result("wrote %d forecasts (%s, %d step%s ahead) to %s", range.length(), String.join(",", card.targets()),
                h, h == 1 ? "" : "s", out);
        if (scores != null) {
            console.result("  against the %d true values in %s: %s", scored.size(), data, Scores.line(scores));
        } else if (!haveTruth) {
            console.result("  (no metrics: %s has no column %s)", data, card.targets());
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
}
