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

    @Override
    int execute(Console console) throws Exception {
        ModelOptions.Settings settings = model.resolve();
        if (horizon < 0) {
            throw CliError.usage("--horizon must be at least 0, got " + horizon);
        }
        List<String> in = inputs == null || inputs.isEmpty() ? targets : inputs;
        TimeSeries series = DataFiles.read(data, DataFiles.union(in, targets), fill, console);
        int n = series.length();
        if (n <= horizon) {
            throw CliError.data(data + ": " + n + " rows are too few for --horizon " + horizon);
        }
        RowRange range = trainRows == null ? new RowRange(0, n - horizon) : RowRange.parse("--train-rows", trainRows, n);
        Training.checkTargets("--train-rows", range, horizon, n);
        Training.Result r = Training.fit(series, in, targets, horizon, range, settings, console);
        r.model().withMetadata(Map.of("data", data.getFileName().toString(), "train_rows", range.toString(),
                "fill", fill.name().toLowerCase(java.util.Locale.ROOT))).save(out);

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
        console.jsonResult(json);
        console.result("fitted %s on rows %s of %s (%d training rows after a warm-up of %d)",
                settings.reservoir().describe(r.model().reservoir().stateDimension()), range, data, r.trainingRows(), settings.warmup());
        console.result("  %s -> %s, horizon %d; training fit: %s", String.join(",", in), String.join(",", targets),
                horizon, Scores.line(r.trainScores()));
        console.result("model written to %s", out);
        return 0;
    }
}
