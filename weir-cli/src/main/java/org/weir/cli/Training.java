package org.weir.cli;

import java.util.List;
import java.util.Map;
import org.weir.data.TimeSeries;
import org.weir.model.ForecastModel;
import org.weir.model.Forecaster;
import org.weir.model.Sequence;
import org.weir.readout.RidgeReadout;
import org.weir.data.Standardizer;
import org.weir.reservoir.Reservoir;

/**
 * Fits a forecaster on input rows {@code [A, B)} of a series: input row r is paired with the targets of
 * row r + horizon; the state starts at zero in row A and the first {@code warmup} states are not used
 * for training.
 */
final class Training {
    private Training() {
    }

    record Result(ForecastModel model, ModelCard card, RowRange rows, Map<String, Object> trainScores, long trainingRows,
            double seconds) {
    }

    /** Checks that every input row of {@code range} has a target row inside the data. */
    static void checkTargets(String flag, RowRange range, int horizon, int rows) {
        if (range.end() + horizon > rows) {
            throw CliError.usage(flag + " " + range + " with --horizon " + horizon + " needs target rows up to "
                    + (range.end() + horizon - 1) + ", but the data ends at row " + (rows - 1) + "; end the range at "
                    + (rows - horizon) + " at most");
        }
    }

    /**
     * Builds the reservoir for the training inputs; adaptive kinds adapt on them first, standardized as the
     * model will standardize them.
     */
    static Reservoir build(ModelOptions.Settings settings, double[][] trainingInputs, Console console) {
        ReservoirSpec spec = settings.reservoir();
        double[][] adapt = null;
        if (spec.adaptive()) {
            adapt = settings.scale() ? Standardizer.fit(trainingInputs).transform(trainingInputs) : trainingInputs;
            console.detail("adapting the %s reservoir: %d epochs over %d training rows", spec.kind(), spec.adaptEpochs(),
                    trainingInputs.length);
        }
        return spec.build(trainingInputs[0].length, adapt);
    }

    /** Residuals kept in the model for {@code weir predict --intervals} without {@code --calibration}. */
    static final int STORED_RESIDUALS = 2000;

    /**
     * The in-sample residuals (truth - forecast, one list per target) of the last {@value #STORED_RESIDUALS}
     * training rows after the warm-up, and the input rows they belong to.
     */
    static Map<String, Object> calibrationMetadata(double[][] truth, double[][] pred, int firstRow) {
        int rows = truth.length;
        int from = Math.max(0, rows - STORED_RESIDUALS);
        int k = rows == 0 ? 0 : truth[0].length;
        List<Object> perTarget = new java.util.ArrayList<>();
        for (int j = 0; j < k; j++) {
            List<Object> r = new java.util.ArrayList<>(rows - from);
            for (int t = from; t < rows; t++) {
                r.add(truth[t][j] - pred[t][j]);
            }
            perTarget.add(r);
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("calibration_residuals", perTarget);
        m.put("calibration_rows", (firstRow + from) + ":" + (firstRow + rows));
        return m;
    }

    /**
     * Chooses the readout once the training targets are known (T x k, warm-up rows included): plain ridge,
     * or a constrained readout whose bounds depend on the target scaling.
     */
    @FunctionalInterface
    interface ReadoutChoice {
        org.weir.readout.Readout choose(double[][] trainingTargets);
    }

    static Result fit(TimeSeries data, List<String> inputs, List<String> targets, int horizon, RowRange range,
            ModelOptions.Settings settings, Console console) {
        return fit(data, inputs, targets, horizon, range, settings, console,
                out -> RidgeReadout.withRidge(settings.ridge()));
    }

    static Result fit(TimeSeries data, List<String> inputs, List<String> targets, int horizon, RowRange range,
            ModelOptions.Settings settings, Console console, ReadoutChoice readoutChoice) {
        if (horizon < 0) {
            throw CliError.usage("--horizon must be at least 0, got " + horizon);
        }
        checkTargets("the training rows", range, horizon, data.length());
        if (range.length() <= settings.warmup()) {
            throw CliError.usage("the " + range.length() + " training rows " + range + " are not more than the warm-up of "
                    + settings.warmup() + " steps; use more rows or a smaller --warmup");
        }
        double[][] in = data.toRows(inputs, range.start(), range.end());
        double[][] out = data.toRows(targets, range.start() + horizon, range.end() + horizon);
        Reservoir reservoir = build(settings, in, console);
        Forecaster f = Forecaster.of(reservoir, readoutChoice.choose(out)).warmup(settings.warmup())
                .standardize(settings.scale());
        long t0 = System.nanoTime();
        ForecastModel model;
        try (ProgressBar bar = console.progress("fit", range.length())) {
            model = f.fit(List.of(new Sequence(in, out)), (done, total) -> bar.set(done));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ModelCard card = new ModelCard(inputs, targets, horizon);
        model = model.withMetadata(card.toMetadata());
        // in-sample fit over the rows used for training (after the warm-up)
        ForecastModel.Session s = model.newSession();
        int w = settings.warmup();
        double[][] pred = new double[in.length - w][];
        double[][] truth = new double[in.length - w][];
        for (int t = 0; t < in.length; t++) {
            double[] p = s.observe(in[t]);
            if (t >= w) {
                pred[t - w] = p.clone();
                truth[t - w] = out[t];
            }
        }
        model = model.withMetadata(calibrationMetadata(truth, pred, range.start() + w));
        return new Result(model, card, range, Scores.of(truth, pred), in.length - w, seconds);
    }
}
