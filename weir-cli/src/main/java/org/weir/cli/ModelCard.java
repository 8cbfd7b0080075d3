package org.weir.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.model.ForecastModel;

/**
 * What the CLI stores in a model's metadata besides the arrays: the input and target column names and
 * the horizon (the target of input row r is row r + horizon), so predict and generate can read a CSV file
 * by column name.
 */
record ModelCard(List<String> inputs, List<String> targets, int horizon) {

    ModelCard {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
    }

    /** Whether the model maps each row of its columns to the next row of the same columns (closed loop possible). */
    boolean autonomous() {
        return horizon == 1 && inputs.equals(targets);
    }

    Map<String, Object> toMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", inputs);
        m.put("targets", targets);
        m.put("horizon", (long) horizon);
        return m;
    }

    /** Loads a model file and its card; every problem is a data error naming the file. */
    static Loaded load(Path path) {
        if (!Files.exists(path)) {
            throw CliError.data("model file not found: " + path);
        }
        ForecastModel model;
        try {
            model = ForecastModel.load(path);
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw CliError.data(msg.contains(path.toString()) ? msg : path + ": not a readable Weir model (" + msg + ")", e);
        }
        Map<String, Object> m = model.metadata();
        if (!(m.get("inputs") instanceof List<?> in) || !(m.get("targets") instanceof List<?> out)
                || !(m.get("horizon") instanceof Number h)) {
            throw CliError.data(path + ": the model has no column names (it was not written by 'weir fit')");
        }
        ModelCard card = new ModelCard(strings(in), strings(out), h.intValue());
        if (card.inputs().size() != model.inputDimension() || card.targets().size() != model.outputDimension()) {
            throw CliError.data(path + ": column names do not match the model's " + model.inputDimension()
                    + " inputs and " + model.outputDimension() + " outputs");
        }
        return new Loaded(model, card);
    }

    private static List<String> strings(List<?> l) {
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    record Loaded(ForecastModel model, ModelCard card) {
    }
}
