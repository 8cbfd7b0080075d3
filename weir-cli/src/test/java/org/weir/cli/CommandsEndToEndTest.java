package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs fit, predict, generate and eval the way a user would (in-process, same argument parsing, exit codes
 * and streams as the real command) on a small deterministic data set, and checks files, JSON and exit codes.
 */
class CommandsEndToEndTest {
    @TempDir
    static Path dir;
    static Path data;
    static final int ROWS = 1500;
    static final ObjectMapper JSON = new ObjectMapper();

    /** Two sines with incommensurate periods: a smooth, non-trivial but exactly learnable signal. */
    static double signal(int t) {
        return Math.sin(2 * Math.PI * t / 25.0) + 0.5 * Math.sin(2 * Math.PI * t / 61.3);
    }

    @BeforeAll
    static void writeData() throws IOException {
        StringBuilder sb = new StringBuilder("t,x,z\n");
        for (int t = 0; t < ROWS; t++) {
            sb.append(t).append(',').append(String.format(Locale.ROOT, "%.10f", signal(t))).append(',')
                    .append(String.format(Locale.ROOT, "%.10f", 100 + 10 * signal(t + 3))).append('\n');
        }
        data = dir.resolve("waves.csv");
        Files.writeString(data, sb);
    }

    static JsonNode json(Cli.Result r) throws IOException {
        assertEquals(0, r.code(), r::toString);
        String out = r.out().strip();
        assertFalse(out.contains("\n"), "exactly one JSON object on one line: " + r);
        return JSON.readTree(out);
    }

    static String[] esn(String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("--units", "150", "--spectral-radius", "0.9", "--leak-rate",
                "0.5", "--input-connectivity", "1", "--bias-scaling", "0.2", "--ridge", "1e-7", "--seed", "3"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void fitThenPredictWritesForecastsAndMetrics() throws IOException {
        Path model = dir.resolve("x.weir");
        Cli.Result fit = Cli.run(concat(new String[] {"fit", "--data", data.toString(), "--target", "x", "--train-rows",
            "0:1000", "--out", model.toString()}, esn()));
        assertEquals(0, fit.code(), fit::toString);
        assertTrue(Files.size(model) > 0);
        assertTrue(fit.out().contains("model written to " + model), fit::toString);

        Path pred = dir.resolve("pred.csv");
        JsonNode j = json(Cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--rows",
                "1000:1500", "--out", pred.toString(), "--json"));
        for (String k : new String[] {"nrmse", "rmse", "mae", "r2", "out", "rows", "horizon"}) {
            assertTrue(j.has(k), "missing key " + k + " in " + j);
        }
        assertEquals(499, j.get("scored").asInt(), "the last input row's target lies past the end of the file");
        assertTrue(j.get("nrmse").asDouble() < 0.02, "one-step forecasts of two sines should be near exact: " + j);
        List<String> lines = Files.readAllLines(pred);
        assertEquals("input_row,target_row,x_pred,x_true", lines.get(0));
        assertEquals(501, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals("1000", first[0]);
        assertEquals("1001", first[1]);
        assertEquals(signal(1001), Double.parseDouble(first[3]), 1e-9);
        assertEquals(signal(1001), Double.parseDouble(first[2]), 0.05);
        String[] last = lines.get(500).split(",", -1);
        assertEquals("1500", last[1]);
        assertEquals("", last[3], "no true value past the end of the data");

        // iterated 10-step forecasts are worse than one-step ones but still skilful
        JsonNode j10 = json(Cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--rows",
                "1000:1400", "--horizon", "10", "--out", dir.resolve("p10.csv").toString(), "--json"));
        assertEquals(10, j10.get("horizon").asInt());
        assertTrue(j10.get("nrmse").asDouble() < 0.2, j10::toString);
        assertTrue(j10.get("nrmse").asDouble() > j.get("nrmse").asDouble(), j10::toString);
    }

    /**
     * Fits the standard ESN (plus {@code extra} options) on rows 0:1000 into {@code name}.weir and returns the
     * model's path and its one-step NRMSE on rows 1000:1500, through {@code weir predict}.
     */
    private Path fitAndPredict(String name, double[] nrmse, int slot, String... extra) throws IOException {
        Path model = dir.resolve(name + ".weir");
        Cli.Result fit = Cli.run(concat(new String[] {"fit", "--data", data.toString(), "--target", "x", "--train-rows",
            "0:1000", "--out", model.toString(), "--quiet"}, esn(extra)));
        assertEquals(0, fit.code(), fit.err());
        JsonNode j = json(Cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--rows",
                "1000:1500", "--out", dir.resolve(name + ".csv").toString(), "--json"));
        nrmse[slot] = j.get("nrmse").asDouble();
        return model;
    }

    /**
     * --topology block-random: the model file keeps the wiring (groups of eight rows sharing their columns), and
     * the forecast is about as good as random wiring's.
     */
    @Test
    void blockRandomTopologyIsStoredAndForecastsAsWell() throws IOException {
        double[] nrmse = new double[2];
        fitAndPredict("wr", nrmse, 0);
        Path block = fitAndPredict("wb", nrmse, 1, "--topology", "block-random");
        assertTrue(nrmse[1] < 1.5 * nrmse[0] + 1e-3, "block-random forecasts about as well: " + nrmse[1] + " vs " + nrmse[0]);
        org.weir.model.ForecastModel back = org.weir.model.ForecastModel.load(block);
        org.weir.reservoir.EchoStateReservoir r = (org.weir.reservoir.EchoStateReservoir) back.reservoir();
        assertEquals(org.weir.reservoir.Topology.BLOCK_RANDOM, r.config().topology());
        org.weir.linalg.CsrMatrix w = r.recurrentMatrix();
        int[] rp = w.rowPtr();
        int[] ci = w.colIdx();
        for (int i = 1; i < 8; i++) {
            assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(ci, rp[0], rp[1])),
                    java.util.Arrays.toString(java.util.Arrays.copyOfRange(ci, rp[i], rp[i + 1])), "row " + i + " shares row 0's columns");
        }
    }

    /** --precision float32: the model file keeps the rounded weights and the setting; forecasts stay as good. */
    @Test
    void float32PrecisionIsStoredAndForecastsAsWell() throws IOException {
        double[] nrmse = new double[2];
        fitAndPredict("p64", nrmse, 0);
        Path m32 = fitAndPredict("p32", nrmse, 1, "--precision", "float32");
        assertEquals(nrmse[0], nrmse[1], 0.02 * nrmse[0], "float32 weights forecast as well: " + nrmse[0] + " vs " + nrmse[1]);
        org.weir.model.ForecastModel back = org.weir.model.ForecastModel.load(m32);
        assertEquals(org.weir.linalg.Precision.FLOAT32,
                ((org.weir.reservoir.EchoStateReservoir) back.reservoir()).config().precision());
        JsonNode b = json(Cli.run("bench", "throughput", "--units", "64", "--steps", "300", "--precision", "float32",
                "--json"));
        assertEquals("float32", b.get("precision").asText());
        assertTrue(b.get("steps_per_sec").asDouble() > 0, b::toString);
        JsonNode two = json(Cli.run("bench", "throughput", "--units", "64", "--steps", "300", "--threads", "2", "--json"));
        assertEquals(2, two.get("threads").asInt());
        double efficiency = two.get("parallel_efficiency").asDouble();
        assertTrue(efficiency > 0.2 && efficiency <= 1.0, "a time ratio of two threads to one: " + two);
        assertTrue(two.get("handoff_ns").asDouble() > 0, two::toString);
        assertTrue(b.get("parallel_efficiency") == null, "one thread: no probe");
        JsonNode lanes = json(Cli.run("bench", "throughput", "--units", "64", "--steps", "300", "--lanes", "16", "--json"));
        assertEquals(16, lanes.get("lanes").asInt());
        assertEquals(300 * 16 / lanes.get("seconds").asDouble(), lanes.get("steps_per_sec").asDouble(), 1e-6 * lanes.get("steps_per_sec").asDouble());
        JsonNode floatLanes = json(Cli.run("bench", "throughput", "--units", "64", "--steps", "300", "--lanes", "20",
                "--threads", "2", "--state-precision", "float32", "--json"));
        assertEquals(20, floatLanes.get("lanes").asInt());
        assertEquals(2, floatLanes.get("threads").asInt());
        assertEquals("float32", floatLanes.get("state_precision").asText());
        assertEquals(300 * 20 / floatLanes.get("seconds").asDouble(), floatLanes.get("steps_per_sec").asDouble(),
                1e-6 * floatLanes.get("steps_per_sec").asDouble());
        JsonNode block = json(Cli.run("bench", "throughput", "--units", "64", "--steps", "300", "--topology", "block-random",
                "--json"));
        assertEquals("block-random", block.get("topology").asText());
        assertEquals(64 * Math.round(0.1 * 64), block.get("nonzeros_per_step").asInt(), "fixed in-degree round(p N) per row");
        assertEquals("random", b.get("topology").asText());
        Cli.Result badTopology = Cli.run("bench", "throughput", "--units", "64", "--steps", "30", "--topology", "blocky");
        assertEquals(2, badTopology.code(), badTopology.err());
        assertTrue(badTopology.err().contains("block-random") && !badTopology.err().contains("Exception"), badTopology.err());
        Cli.Result single32 = Cli.run("bench", "throughput", "--units", "64", "--steps", "30", "--state-precision", "float32");
        assertEquals(2, single32.code(), single32.err());
        assertTrue(single32.err().contains("--lanes"), single32.err());
    }

    @Test
    void generateRunsTheClosedLoopAndScoresIt() throws IOException {
        Path model = dir.resolve("g.weir");
        assertEquals(0, Cli.run(concat(new String[] {"fit", "--data", data.toString(), "--target", "x", "--train-rows",
            "0:1000", "--out", model.toString(), "--quiet"}, esn())).code());
        Path gen = dir.resolve("gen.csv");
        JsonNode j = json(Cli.run("generate", "--model", model.toString(), "--data", data.toString(), "--warmup-rows",
                "800:1000", "--steps", "100", "--out", gen.toString(), "--json"));
        assertEquals(100, j.get("steps").asInt());
        assertTrue(j.has("valid_time_steps") && j.has("nrmse"), j::toString);
        assertTrue(j.get("valid_time_steps").asInt() >= 50, "a smooth quasi-periodic signal stays on track: " + j);
        List<String> lines = Files.readAllLines(gen);
        assertEquals("row,x_gen,x_true", lines.get(0));
        assertEquals(101, lines.size());
        assertTrue(lines.get(1).startsWith("1000,"));
        assertEquals(signal(1000), Double.parseDouble(lines.get(1).split(",")[2]), 1e-9);
    }

    @Test
    void evalPrintsTheFourMetricsAsJson() throws IOException {
        JsonNode j = json(Cli.run(concat(new String[] {"eval", "--data", data.toString(), "--input", "x", "--target", "z",
            "--horizon", "2", "--train", "0:1000", "--test", "1000:1400", "--warmup", "50", "--json"}, esn())));
        for (String k : new String[] {"nrmse", "rmse", "mae", "r2"}) {
            assertTrue(j.get(k).isNumber(), k + " in " + j);
        }
        // z(t+2) = 100 + 10 x(t+5): three steps ahead of x, in other units; standardization handles the scale
        assertTrue(j.get("nrmse").asDouble() < 0.05, j::toString);
        assertEquals(j.get("nrmse").asDouble() * j.get("nrmse").asDouble(), 1 - j.get("r2").asDouble(), 1e-9);
        assertEquals(50, j.get("settings").get("warmup").asInt());
        assertEquals(150, j.get("settings").get("units").asInt());
    }

    @Test
    void evalGenerativeReportsValidTime() throws IOException {
        JsonNode j = json(Cli.run(concat(new String[] {"eval", "--data", data.toString(), "--target", "x", "--train",
            "0:1000", "--generative", "--starts", "1000:1300:100", "--steps", "150", "--threshold", "0.4", "--json"},
                esn())));
        assertEquals(3, j.get("runs").asInt());
        int[] starts = JSON.convertValue(j.get("starts"), int[].class);
        assertArrayEquals(new int[] {1000, 1100, 1200}, starts);
        int[] valid = JSON.convertValue(j.get("valid_times"), int[].class);
        double mean = (valid[0] + valid[1] + valid[2]) / 3.0;
        assertEquals(mean, j.get("valid_time_steps").asDouble(), 1e-12);
        assertTrue(mean >= 50, j::toString);
    }

    @Test
    void narmaSystemIdentificationWithHorizonZero() throws IOException {
        double[][] uy = narma(3001);
        StringBuilder sb = new StringBuilder("u,y\n");
        for (double[] r : uy) {
            sb.append(r[0]).append(',').append(r[1]).append('\n');
        }
        Path f = dir.resolve("narma.csv");
        Files.writeString(f, sb);
        JsonNode j = json(Cli.run("eval", "--data", f.toString(), "--input", "u", "--target", "y", "--horizon", "0",
                "--train", "0:2500", "--test", "2500:3000", "--units", "200", "--leak-rate", "1", "--spectral-radius",
                "0.9", "--input-connectivity", "1", "--input-scaling", "0.5", "--ridge", "1e-6", "--json"));
        // NARMA-10 with 200 units: clearly better than predicting the mean, as in the reservoir literature
        assertTrue(j.get("nrmse").asDouble() < 0.6, j::toString);
    }

    static double[][] narma(int n) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        double[] u = new double[n];
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            u[t] = rng.nextDouble(0, 0.5);
        }
        for (int t = 9; t < n - 1; t++) {
            double s = 0;
            for (int i = 0; i < 10; i++) {
                s += y[t - i];
            }
            y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * s + 1.5 * u[t - 9] * u[t] + 0.1;
        }
        double[][] out = new double[n][];
        for (int t = 0; t < n - 1; t++) {
            out[t] = new double[] {u[t], y[t + 1]};
        }
        out[n - 1] = new double[] {u[n - 1], y[n - 1]};
        return java.util.Arrays.copyOf(out, n - 1);
    }
}
