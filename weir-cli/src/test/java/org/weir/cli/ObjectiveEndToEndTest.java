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
        List<String> a = new java.util.ArrayList<>(List.of("fit", "--data", data.toString(), "--target", "x",
                "--train-rows", "0:" + TRAIN, "--warmup", String.valueOf(WARMUP), "--units", "60", "--leak-rate", "0.3",
                "--spectral-radius", "1.0", "--seed", "3", "--out", model.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** Fraction of training rows (after the warm-up) whose next value lies below the one-step prediction. */
    static double fractionBelow(Path model) throws IOException {
        ForecastModel m = ForecastModel.load(model);
        double[][] rows = org.weir.data.CsvReader.read(data).toTimeSeries(List.of("x"),
                org.weir.data.MissingValues.ERROR).toRows();
        ForecastModel.Session s = m.newSession();
        int below = 0;
        int count = 0;
        for (int t = 0; t < TRAIN; t++) {
            double p = s.observe(rows[t])[0];
            if (t >= WARMUP) {
                count++;
                if (rows[t + 1][0] < p) {
                    below++;
                }
            }
        }
        return below / (double) count;
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
