package org.weir.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.weir.model.ForecastModel;

/** Runs the CLI in-process the way a user's shell would, capturing stdout, stderr and the exit code. */
final class Cli {
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WeirCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Arguments of {@code weir fit} on column x of {@code data}: rows [0, train) with a warm-up, a 60-unit
     * reservoir (leak 0.3, spectral radius 1, seed 3) saved to {@code model}, then {@code more}.
     */
    static String[] trainingFit(Path data, Path model, int train, int warmup, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("fit", "--data", data.toString(), "--target", "x",
                "--train-rows", "0:" + train, "--warmup", String.valueOf(warmup), "--units", "60", "--leak-rate", "0.3",
                "--spectral-radius", "1.0", "--seed", "3", "--out", model.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /**
     * One-step predictions of a saved model over the training rows after the warm-up, beside the values they
     * predict: {@code {predictions, next values}}.
     */
    static double[][] trainingPredictions(Path model, Path data, int train, int warmup) throws IOException {
        ForecastModel m = ForecastModel.load(model);
        double[][] rows = org.weir.data.CsvReader.read(data).toTimeSeries(List.of("x"),
                org.weir.data.MissingValues.ERROR).toRows();
        ForecastModel.Session s = m.newSession();
        double[][] out = new double[2][train - warmup];
        for (int t = 0; t < train; t++) {
            double p = s.observe(rows[t])[0];
            if (t >= warmup) {
                out[0][t - warmup] = p;
                out[1][t - warmup] = rows[t + 1][0];
            }
        }
        return out;
    }
}
