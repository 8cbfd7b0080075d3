package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weir.data.MackeyGlass;
import org.weir.model.ForecastModel;

/** {@code weir fit --objective pinball:TAU}: a certified quantile readout whose training coverage is tau. */
class ObjectiveEndToEndTest {
    @TempDir
    static Path dir;
    static Path data;
    static final int TRAIN = 1200;
    static final int WARMUP = 50;

    @BeforeAll
    static void writeData() throws IOException {
        double[] mg = new MackeyGlass().generate(1300);
        StringBuilder sb = new StringBuilder("x\n");
        for (double v : mg) {
            sb.append(String.format(Locale.ROOT, "%.10f", 100 + 40 * v)).append('\n');
        }
        data = dir.resolve("mg.csv");
        Files.writeString(data, sb);
    }

    static String[] fit(Path model, String... more) {
        return Cli.trainingFit(data, model, TRAIN, WARMUP, more);
    }

    /** Fraction of training rows (after the warm-up) whose next value lies below the one-step prediction. */
    static double fractionBelow(Path model) throws IOException {
        double[][] pn = Cli.trainingPredictions(model, data, TRAIN, WARMUP);
        int below = 0;
        for (int i = 0; i < pn[0].length; i++) {
            if (pn[1][i] < pn[0][i]) {
                below++;
            }
        }
        return below / (double) pn[0].length;
    }

    @Test
    void pinballObjectiveGivesACertifiedQuantileReadout() throws IOException {
        Path model = dir.resolve("q90.weir");
        Cli.Result r = Cli.run(fit(model, "--objective", "pinball:0.9", "--json"));
        assertEquals(0, r.code(), r.err());
        JsonNode j = CommandsEndToEndTest.json(r);
        assertEquals("CERTIFIED", j.get("status").asText(), j.toString());
        assertEquals("admm", j.get("solver").asText());
        assertEquals("pinball:0.9", j.get("objective").asText());
        assertTrue(j.get("gap").asDouble() <= 1e-6 * Math.max(1, Math.abs(j.get("objective").asDouble())));
        double below = fractionBelow(model);
        int n = TRAIN - WARMUP;
        // a quantile fit interpolates at most d + 1 = 61 rows; every other row lies on the side tau dictates
        System.out.println("pinball:0.9 training fraction below the prediction: " + below);
        assertEquals(0.9, below, 61.0 / n + 1e-9);
    }

    /**
     * {@code --objective cross-entropy} on one-hot class columns: whether the Mackey-Glass value two steps ahead
     * is above its median, from the current value. Certified, and the arg-max of the logits beats the majority
     * class on the training rows.
     */
    @Test
    void crossEntropyObjectiveGivesACertifiedClassifier() throws IOException {
        double[] mg = new MackeyGlass().generate(1300);
        double[] sorted = mg.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        StringBuilder sb = new StringBuilder("x,up,down\n");
        for (int t = 0; t < mg.length; t++) {
            boolean up = t + 1 < mg.length && mg[t + 1] > median;
            sb.append(String.format(Locale.ROOT, "%.10f", mg[t])).append(up ? ",1,0\n" : ",0,1\n");
        }
        Path classes = dir.resolve("classes.csv");
        Files.writeString(classes, sb);
        Path model = dir.resolve("xent.weir");
        Cli.Result r = Cli.run("fit", "--data", classes.toString(), "--input", "x", "--target", "up,down",
                "--train-rows", "0:" + TRAIN, "--warmup", String.valueOf(WARMUP), "--units", "60", "--leak-rate", "0.3",
                "--spectral-radius", "1.0", "--seed", "3", "--ridge", "1e-3", "--no-scale", "--objective",
                "cross-entropy", "--out", model.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = CommandsEndToEndTest.json(r);
        assertEquals("CERTIFIED", j.get("status").asText(), j.toString());
        assertEquals("cross-entropy", j.get("objective").asText());
        ForecastModel m = ForecastModel.load(model);
        double[][] rows = org.weir.data.CsvReader.read(classes).toTimeSeries(List.of("x", "up", "down"),
                org.weir.data.MissingValues.ERROR).toRows();
        ForecastModel.Session s = m.newSession();
        int correct = 0;
        int ups = 0;
        int count = 0;
        for (int t = 0; t < TRAIN; t++) {
            double[] logits = s.observe(new double[] {rows[t][0]});
            // the horizon-1 target of input row t is row t+1's class columns
            if (t >= WARMUP) {
                boolean upTrue = rows[t + 1][1] == 1.0;
                boolean upPred = logits[0] > logits[1];
                correct += upTrue == upPred ? 1 : 0;
                ups += upTrue ? 1 : 0;
                count++;
            }
        }
        double accuracy = correct / (double) count;
        double majority = Math.max(ups, count - ups) / (double) count;
        System.out.printf("cross-entropy readout: training accuracy %.3f (majority class %.3f)%n", accuracy, majority);
        assertTrue(accuracy > majority + 0.2, "accuracy " + accuracy + " vs majority " + majority);
    }

    @Test
    void unknownObjectiveIsAUsageError() {
        Cli.Result r = Cli.run(fit(dir.resolve("bad.weir"),
                "--objective", "pinball:1.5"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--objective") && r.err().contains("(0, 1)"), r.err());
        Cli.Result x = Cli.run(fit(dir.resolve("bad2.weir"),
                "--objective", "cross-entropy"));
        assertEquals(2, x.code());
        assertTrue(x.err().contains("--no-scale"), x.err());
    }
}
