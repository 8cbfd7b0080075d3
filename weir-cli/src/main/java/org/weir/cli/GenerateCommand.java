package org.weir.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.data.CsvTable;
import org.weir.data.TimeSeries;
import org.weir.metrics.Metrics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weir generate}: closed-loop (autonomous) generation with a saved one-step model. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Closed-loop generation: from a zero state the model reads the --warmup-rows A:B of the CSV "
                + "file teacher-forced, then feeds each prediction back as its next input for --steps G steps. "
                + "Generated value i stands for row B+i. Needs a one-step model whose inputs are its targets.",
            "Where the file holds the true rows, nrmse, rmse, mae, r2 and the valid prediction time (steps until "
                + "the normalized error first exceeds --threshold) are printed."},
        footer = {"", "Example: weir generate --model mg.weir --data mg.csv --warmup-rows 0:2000 --steps 500 --out gen.csv"})
final class GenerateCommand extends BaseCommand {
    @Option(names = "--model", required = true, paramLabel = "MODEL.weir", description = "Model written by 'weir fit'.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with the model's columns.")
    Path data;

    @Option(names = "--warmup-rows", required = true, paramLabel = "A:B",
            description = "Rows read teacher-forced before the loop closes (half-open, zero-based).")
    String warmupRows;

    @Option(names = "--steps", required = true, paramLabel = "G", description = "Steps to generate.")
    int steps;

    @Option(names = "--threshold", paramLabel = "E", defaultValue = "0.4",
            description = "Normalized error that ends the valid prediction time (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--fill", paramLabel = "HOW", defaultValue = "error", converter = Fill.Converter.class,
            description = "Missing cells: error (default) or interpolate.")
    Fill fill;

    @Option(names = "--out", required = true, paramLabel = "GEN.csv", description = "CSV file to write.")
    Path out;

    @Override
    int execute(Console console) throws Exception {
        if (steps < 1) {
            throw CliError.usage("--steps must be at least 1, got " + steps);
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw CliError.usage("--threshold must be a number > 0, got " + threshold);
        }
        ModelCard.Loaded loaded = ModelCard.load(modelFile);
        ModelCard card = loaded.card();
        if (!card.autonomous()) {
            throw CliError.usage("closed-loop generation needs a one-step model whose inputs are its targets; "
                    + modelFile + " maps " + card.inputs() + " to " + card.targets() + " with horizon " + card.horizon());
        }
        CsvTable table = DataFiles.table(data);
        TimeSeries series = DataFiles.convert(table, card.inputs(), fill, console);
        int n = series.length();
        RowRange warm = RowRange.parse("--warmup-rows", warmupRows, n);
        double[][] in = series.toRows(card.inputs(), warm.start(), warm.end());
        double[][] gen;
        try (ProgressBar bar = console.progress("generate", 1)) {
            gen = loaded.model().generate(in, steps);
            bar.set(1);
        }
        int k = card.targets().size();
        int known = Math.max(0, Math.min(steps, n - warm.end()));
        double[][] truth = known > 0 ? series.toRows(card.targets(), warm.end(), warm.end() + known) : new double[0][];
        List<String> header = new ArrayList<>(List.of("row"));
        for (String t : card.targets()) {
            header.add(t + "_gen");
        }
        for (String t : card.targets()) {
            header.add(t + "_true");
        }
        double[][] rows = new double[steps][];
        for (int i = 0; i < steps; i++) {
            double[] row = new double[1 + 2 * k];
            row[0] = warm.end() + i;
            System.arraycopy(gen[i], 0, row, 1, k);
            if (i < known) {
                System.arraycopy(truth[i], 0, row, 1 + k, k);
            } else {
                Arrays.fill(row, 1 + k, 1 + 2 * k, Double.NaN);
            }
            rows[i] = row;
        }
        DataFiles.writeCsv(out, header, rows, 1);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("out", out.toString());
        json.put("warmup_rows", warm.toString());
        json.put("steps", steps);
        json.put("scored", known);
        Map<String, Object> scores = null;
        if (known >= 2) {
            double[][] g = Arrays.copyOf(gen, known);
            scores = Scores.of(truth, g);
            json.putAll(scores);
            int vpt;
            try {
                vpt = Metrics.validPredictionTime(truth, g, threshold);
            } catch (IllegalArgumentException constant) {
                vpt = -1;
            }
            json.put("valid_time_steps", vpt < 0 ? null : vpt);
            json.put("threshold", threshold);
            scores.put("valid_time_steps", vpt);
        }
        console.jsonResult(json);
        console.result("generated %d steps after rows %s, written to %s", steps, warm, out);
        if (scores != null) {
            console.result("  against the %d true rows that follow: %s  valid for %s steps (threshold %s)", known,
                    Scores.line(scores), scores.get("valid_time_steps"), HtmlReport.formatNumber(threshold));
        }
        return 0;
    }

}
