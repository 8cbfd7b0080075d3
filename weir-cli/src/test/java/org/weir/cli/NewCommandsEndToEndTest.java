package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weir.model.ForecastModel;
import org.weir.reservoir.EiBalancedReservoir;
import org.weir.reservoir.IntrinsicPlasticityReservoir;

/**
 * The commands of issues 5, 6 and 7 run as a user would: every --reservoir kind through fit and predict,
 * diagnose, bench ridge/init/fit, conformal, predict --intervals; files, JSON keys, exit codes, bad inputs.
 */
class NewCommandsEndToEndTest {
    @TempDir
    static Path dir;
    static Path waves;
    static Path noisy;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void writeData() throws IOException {
        StringBuilder sb = new StringBuilder("t,x\n");
        for (int t = 0; t < 800; t++) {
            sb.append(t).append(',').append(String.format(Locale.ROOT, "%.10f", CommandsEndToEndTest.signal(t))).append('\n');
        }
        waves = dir.resolve("waves.csv");
        Files.writeString(waves, sb);
        // the two sines plus i.i.d. Gaussian noise of deviation 0.2: the forecast errors are close to exchangeable
        SplittableRandom rnd = new SplittableRandom(11);
        StringBuilder nb = new StringBuilder("x\n");
        for (int t = 0; t < 2500; t++) {
            nb.append(String.format(Locale.ROOT, "%.8f", CommandsEndToEndTest.signal(t) + 0.2 * rnd.nextGaussian())).append('\n');
        }
        noisy = dir.resolve("noisy.csv");
        Files.writeString(noisy, nb);
    }

    static JsonNode json(Cli.Result r) throws IOException {
        assertEquals(0, r.code(), r::toString);
        String out = r.out().strip();
        assertFalse(out.contains("\n"), "one JSON object on one line: " + r);
        return JSON.readTree(out);
    }

    static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            k.add(it.next());
        }
        return k;
    }

    static String[] kindFlags(String kind) {
        return switch (kind) {
            case "quantum" -> new String[] {"--qubits", "6", "--circuit-layers", "2"};
            case "nvar" -> new String[] {"--delays", "3", "--degree", "2"};
            case "deep" -> new String[] {"--units", "30", "--layers", "2", "--input-connectivity", "1"};
            case "ei-adaptive" -> new String[] {"--units", "40", "--adapt-epochs", "2"};
            case "ip" -> new String[] {"--units", "40", "--adapt-epochs", "2", "--input-connectivity", "1"};
            case "resrmn" -> new String[] {"--units", "40", "--memory-units", "16", "--residual-alpha", "0.5",
                "--residual-beta", "0.5"};
            default -> new String[] {"--units", "40", "--input-connectivity", "1"};
        };
    }

    @ParameterizedTest(name = "--reservoir {0}")
    @ValueSource(strings = {"esn", "deep", "ei-adaptive", "resrmn", "ip", "quantum", "nvar"})
    void everyKindFitsSavesAndPredicts(String kind) throws IOException {
        Path model = dir.resolve(kind + ".weir");
        List<String> args = new ArrayList<>(List.of("fit", "--data", waves.toString(), "--target", "x", "--train-rows",
                "0:600", "--warmup", "50", "--reservoir", kind, "--out", model.toString(), "--json"));
        args.addAll(List.of(kindFlags(kind)));
        JsonNode fit = json(Cli.run(args.toArray(new String[0])));
        assertEquals(kind, fit.get("settings").get("reservoir").asText());
        ForecastModel loaded = ForecastModel.load(model);
        assertEquals(kind, loaded.reservoir().kind());
        if (kind.equals("ei-adaptive")) {
            // two adaptation passes over the 600 standardized training rows before the readout fit
            assertEquals(1200, ((EiBalancedReservoir) loaded.reservoir()).adaptedSteps());
        }
        if (kind.equals("ip")) {
            assertEquals(1200, ((IntrinsicPlasticityReservoir) loaded.reservoir()).adaptedSteps());
        }
        Path pred = dir.resolve(kind + ".csv");
        JsonNode p = json(Cli.run("predict", "--model", model.toString(), "--data", waves.toString(), "--rows", "600:799",
                "--out", pred.toString(), "--json"));
        assertEquals(199, p.get("scored").asInt());
        // every kind must do far better than predicting the mean on this smooth, learnable signal
        assertTrue(p.get("nrmse").asDouble() < 0.5, p::toString);
        assertEquals(200, Files.readAllLines(pred).size());
    }

    @Test
    void reservoirFlagsAreCheckedAgainstTheKind() throws IOException {
        Path out = dir.resolve("never.weir");
        BadInputTest.assertError(Cli.run("fit", "--data", waves.toString(), "--target", "x", "--reservoir", "lstm",
                "--out", out.toString()), 2, "fit", "unknown reservoir kind 'lstm'", "ei-adaptive");
        BadInputTest.assertError(Cli.run("fit", "--data", waves.toString(), "--target", "x", "--reservoir", "quantum",
                "--units", "50", "--out", out.toString()), 2, "fit", "--units does not apply to --reservoir quantum",
                "--qubits");
        BadInputTest.assertError(Cli.run("eval", "--data", waves.toString(), "--target", "x", "--train", "0:400",
                "--test", "400:700", "--layers", "3"), 2, "eval", "--layers does not apply to --reservoir esn");
        BadInputTest.assertError(Cli.run("fit", "--data", waves.toString(), "--target", "x", "--reservoir", "ip",
                "--activation", "relu", "--out", out.toString()), 2, "fit", "tanh", "sigmoid");
        BadInputTest.assertError(Cli.run("fit", "--data", waves.toString(), "--target", "x", "--reservoir", "quantum",
                "--qubits", "30", "--out", out.toString()), 2, "fit", "exceed");
        assertFalse(Files.exists(out));
        Path cfg = dir.resolve("deep.yaml");
        Files.writeString(cfg, "reservoir: deep\nlayers: 3\nunits: 20\n");
        JsonNode j = json(Cli.run("eval", "--data", waves.toString(), "--target", "x", "--train", "0:500", "--test",
                "500:700", "--warmup", "50", "--config", cfg.toString(), "--json"));
        assertEquals("deep", j.get("settings").get("reservoir").asText());
        assertEquals(3, j.get("settings").get("layers").asInt());
    }

    @Test
    void diagnoseWritesPlotsAndConsistentJson() throws IOException {
        Path out = dir.resolve("diag");
        JsonNode j = json(Cli.run("diagnose", "--units", "30", "--spectral-radius", "0.9", "--max-delay", "40", "--out",
                out.toString(), "--json"));
        JsonNode mc = j.get("memory_capacity");
        assertEquals(40, mc.get("per_delay").size());
        double sum = 0;
        for (JsonNode v : mc.get("per_delay")) {
            assertTrue(v.asDouble() >= 0 && v.asDouble() <= 1, mc::toString);
            sum += v.asDouble();
        }
        assertEquals(sum, mc.get("total").asDouble(), 1e-9);
        assertTrue(sum <= 30, "Jaeger's bound: memory capacity at most N");
        assertTrue(mc.get("per_delay").get(0).asDouble() > 0.9, "the last input is remembered almost exactly");
        assertEquals(0.9, j.get("effective_spectral_radius").asDouble(), 1e-6, "leak 1: the spectral radius of W");
        int rank = j.get("states").get("rank").asInt();
        assertTrue(rank >= 10 && rank <= 30, "numerical rank of a 3000 x 30 state matrix: " + rank);
        for (String f : new String[] {"memory-capacity.png", "states.png", "singular-values.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        BadInputTest.assertError(Cli.run("diagnose", "--max-delay", "0", "--out", out.toString()), 2, "diagnose",
                "--max-delay must be 1 to 100");
        Cli.Result q = Cli.run("diagnose", "--reservoir", "quantum", "--qubits", "3", "--max-delay", "5", "--out",
                out.toString());
        assertEquals(0, q.code(), q::toString);
        assertTrue(q.out().contains("quantum reservoir (3 hidden qubits"), q::toString);
    }

    @Test
    void benchRidgeInitFitPrintTheirKeys() throws IOException {
        JsonNode r = json(Cli.run("bench", "ridge", "--units", "50", "--steps", "3000", "--json"));
        assertEquals(List.of("seconds", "units", "steps", "rows_per_sec", "connectivity"), keys(r));
        assertEquals(3000 / r.get("seconds").asDouble(), r.get("rows_per_sec").asDouble(), 1e-6 * r.get("rows_per_sec").asDouble());
        JsonNode i = json(Cli.run("bench", "init", "--units", "200", "--connectivity", "0.05", "--json"));
        assertTrue(keys(i).containsAll(List.of("seconds", "units", "connectivity")), i::toString);
        // leak 0.3: rho(0.7 I + 0.3 W) <= 0.7 + 0.3 x 0.9
        double eff = i.get("effective_spectral_radius").asDouble();
        assertTrue(eff > 0.7 && eff <= 0.97 + 1e-9, i::toString);
        assertEquals(200 * 10, i.get("nonzeros").asInt(), "5 % of 200 x 200");
        JsonNode f = json(Cli.run("bench", "fit", "--units", "50", "--steps", "3000", "--json"));
        assertTrue(keys(f).containsAll(List.of("seconds", "units", "steps", "harvest_seconds", "solve_seconds",
                "forecaster_seconds")), f::toString);
        assertEquals(f.get("seconds").asDouble(), f.get("build_seconds").asDouble() + f.get("harvest_seconds").asDouble()
                + f.get("solve_seconds").asDouble(), 1e-6);
        assertEquals("random", f.get("topology").asText());
        JsonNode fb = json(Cli.run("bench", "fit", "--units", "48", "--steps", "2000", "--topology", "block-random", "--json"));
        assertEquals("block-random", fb.get("topology").asText());
        assertTrue(fb.get("harvest_seconds").asDouble() > 0, fb::toString);
        BadInputTest.assertError(Cli.run("bench", "fit", "--units", "0"), 2, "bench fit", "--units must be at least 1");
        BadInputTest.assertError(Cli.run("bench", "fit", "--units", "20", "--topology", "ringg"), 2, "bench fit",
                "--topology");
        Cli.Result help = Cli.run("bench", "ridge", "--help");
        assertTrue(help.out().contains("JMH"), help::toString);
    }

    @Test
    void conformalScoresEveryMethodAndWritesItsFiles() throws IOException {
        Path out = dir.resolve("conf");
        JsonNode j = json(Cli.run("conformal", "--data", noisy.toString(), "--target", "x", "--alpha", "0.1",
                "--methods", "split,aci,nexcp,enbpi,pid,rescp", "--units", "60", "--input-connectivity", "1",
                "--out", out.toString(), "--json"));
        assertEquals(List.of("split", "aci", "nexcp", "enbpi", "pid", "rescp"), keys(j));
        for (JsonNode m : j) {
            assertEquals(List.of("coverage", "coverage_gap", "width", "winkler", "seconds"), keys(m));
            assertEquals(m.get("coverage").asDouble() - 0.9, m.get("coverage_gap").asDouble(), 1e-12);
            assertTrue(m.get("winkler").asDouble() >= m.get("width").asDouble(), "Winkler = width + penalties");
        }
        // near-exchangeable errors and 500 calibration rows: split CP covers close to 90 % of the 500 test rows
        assertEquals(0.9, j.get("split").get("coverage").asDouble(), 0.05, j::toString);
        // the noise has deviation 0.2, so a 90 % interval is about 2 x 1.645 x 0.2 wide (plus forecast error)
        double w = j.get("split").get("width").asDouble();
        assertTrue(w > 0.55 && w < 0.9, j::toString);
        List<String> csv = Files.readAllLines(out.resolve("intervals.csv"));
        assertEquals(501, csv.size(), "default split: the last 20 % of 2499 rows with a target");
        assertTrue(csv.get(0).startsWith("input_row,target_row,x_pred,x_true,split_lower,split_upper,aci_lower"));
        assertTrue(Files.size(out.resolve("intervals.png")) > 1000);

        JsonNode ranges = json(Cli.run("conformal", "--data", noisy.toString(), "--target", "x", "--methods", "split",
                "--train", "0:1000", "--calibration", "1000:1500", "--test", "1500:2000", "--horizon", "3", "--units", "40",
                "--out", out.toString(), "--json"));
        assertEquals(List.of("split"), keys(ranges));
        assertEquals(501, Files.readAllLines(out.resolve("intervals.csv")).size());

        String[] base = {"conformal", "--data", noisy.toString(), "--target", "x", "--units", "20", "--out", out.toString()};
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--methods", "split,magic")), 2, "conformal",
                "unknown interval method 'magic'", "rescp");
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--alpha", "1.2")), 2, "conformal",
                "--alpha must be in (0, 1), got 1.2");
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--alpha", "0")), 2, "conformal", "--alpha");
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--train", "0:1000")), 2, "conformal",
                "all three");
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--train", "0:1000", "--calibration",
                "900:1500", "--test", "1500:2000")), 2, "conformal", "must start at or after the end of --train");
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--methods", "aci:gamma=x")), 2, "conformal",
                "gamma");
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--reservoir", "bogus")), 2, "conformal",
                "unknown reservoir kind");
    }

    @Test
    void predictAddsLowerAndUpperColumns() throws IOException {
        Path model = dir.resolve("noisy.weir");
        assertEquals(0, Cli.run("fit", "--data", noisy.toString(), "--target", "x", "--train-rows", "0:1500", "--units",
                "60", "--input-connectivity", "1", "--out", model.toString(), "-q").code());
        Path pred = dir.resolve("pi.csv");
        JsonNode j = json(Cli.run("predict", "--model", model.toString(), "--data", noisy.toString(), "--rows",
                "2000:2500", "--intervals", "split", "--alpha", "0.2", "--calibration", "1500:2000", "--out",
                pred.toString(), "--json"));
        assertEquals("split", j.get("intervals").asText());
        assertEquals(0.8, j.get("coverage").asDouble(), 0.06, j::toString);
        List<String> lines = Files.readAllLines(pred);
        assertEquals("input_row,target_row,x_pred,x_true,lower,upper", lines.get(0));
        double width = Double.NaN;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            double f = Double.parseDouble(c[2]);
            double lo = Double.parseDouble(c[4]);
            double hi = Double.parseDouble(c[5]);
            assertTrue(lo < f && f < hi, line);
            if (!Double.isNaN(width)) {
                assertEquals(width, hi - lo, 1e-9, "split conformal: one width, calibrated once");
            }
            width = hi - lo;
        }
        assertEquals("", lines.get(lines.size() - 1).split(",", -1)[3], "the last target lies past the data");

        // without --calibration: the training residuals stored by fit; aci adapts online
        JsonNode s = json(Cli.run("predict", "--model", model.toString(), "--data", noisy.toString(), "--rows",
                "2000:2500", "--intervals", "aci", "--out", pred.toString(), "--json"));
        assertEquals(0.1, s.get("alpha").asDouble());
        assertTrue(s.get("calibration").asText().contains("stored in the model"), s::toString);
        assertEquals(0.9, s.get("coverage").asDouble(), 0.06, s::toString);

        String[] base = {"predict", "--model", model.toString(), "--data", noisy.toString(), "--out",
            dir.resolve("never.csv").toString()};
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--intervals", "nope")), 2, "predict",
                "unknown interval method 'nope'");
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--intervals", "split", "--alpha", "-0.1")),
                2, "predict", "--alpha must be in (0, 1)");
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--alpha", "0.1")), 2, "predict",
                "--alpha needs --intervals");
        BadInputTest.assertError(Cli.run(CommandsEndToEndTest.concat(base, "--intervals", "split", "--horizon", "5")), 2,
                "predict", "give --calibration");
        assertFalse(Files.exists(dir.resolve("never.csv")));
    }
}
