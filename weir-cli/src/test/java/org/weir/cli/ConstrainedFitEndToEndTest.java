package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weir.data.MackeyGlass;
import org.weir.model.ForecastModel;

/** {@code weir fit --constraint ... --solver ...} as a user runs it: certificate, plot, model file, errors. */
class ConstrainedFitEndToEndTest {
    @TempDir
    static Path dir;
    static Path data;
    static final int TRAIN = 1200;
    static final int WARMUP = 50;

    @BeforeAll
    static void writeData() throws IOException {
        double[] mg = new MackeyGlass().generate(1500);
        StringBuilder sb = new StringBuilder("x,regime\n");
        for (int t = 0; t < mg.length; t++) {
            sb.append(String.format(Locale.ROOT, "%.10f", 100 + 40 * mg[t])).append(',')
                    .append((t / 200) % 2 == 0 ? "calm" : "busy").append('\n');
        }
        data = dir.resolve("mg.csv");
        Files.writeString(data, sb);
    }

    static String[] fit(Path model, String... more) {
        return Cli.trainingFit(data, model, TRAIN, WARMUP, more);
    }

    /** Largest absolute one-step error of a saved model over the training rows after the warm-up. */
    static double maxTrainingError(Path model) throws IOException {
        double[][] pn = Cli.trainingPredictions(model, data, TRAIN, WARMUP);
        double worst = 0;
        for (int i = 0; i < pn[0].length; i++) {
            worst = Math.max(worst, Math.abs(pn[0][i] - pn[1][i]));
        }
        return worst;
    }

    @Test
    void feasibleLearningMeetsEveryBoundAndIsCertified() throws IOException {
        Path ridge = dir.resolve("ridge.weir");
        assertEquals(0, Cli.run(fit(ridge)).code());
        double ridgeMax = maxTrainingError(ridge);
        double bound = 0.8 * ridgeMax;
        Path model = dir.resolve("fl.weir");
        JsonNode j = CommandsEndToEndTest.json(Cli.run(fit(model, "--constraint",
                String.format(Locale.ROOT, "abs-error<=%.6f per-sample", bound), "--json")));
        for (String key : List.of("status", "objective", "dual_bound", "gap", "max_violation", "iterations", "seconds",
                "certificate", "convergence_plot")) {
            assertTrue(j.has(key), "JSON lacks " + key + ": " + j);
        }
        assertEquals("CERTIFIED", j.get("status").asText(), j.toString());
        assertTrue(j.get("gap").asDouble() <= 1e-6 * Math.max(1, Math.abs(j.get("objective").asDouble())));
        double flMax = maxTrainingError(model);
        assertTrue(flMax <= bound * (1 + 1e-6), "max training error " + flMax + " above the bound " + bound);
        assertTrue(ridgeMax > bound);
        assertTrue(Files.size(Path.of(j.get("convergence_plot").asText())) > 1000);
        Map<String, Object> meta = ForecastModel.load(model).metadata();
        assertEquals("CERTIFIED", String.valueOf(((Map<?, ?>) meta.get("readout_fit")).get("status")));
        // the constrained model predicts like any other
        assertEquals(0, Cli.run("predict", "--model", model.toString(), "--data", data.toString(), "--rows",
                TRAIN + ":1490", "--out", dir.resolve("p.csv").toString()).code());
    }

    @Test
    void boundBelowTheFeasibleMinimumReportsEpsStar() throws IOException {
        Path model = dir.resolve("tight.weir");
        JsonNode j = CommandsEndToEndTest.json(Cli.run(fit(model, "--constraint", "abs-error<=0.0001", "--json")));
        assertEquals("INFEASIBLE_SUSPECTED", j.get("status").asText(), j.toString());
        assertTrue(j.has("eps_star"), j.toString());
        double eps = j.get("eps_star_target_units").asDouble();
        assertTrue(eps > 1e-4, "eps* " + eps);
        Cli.Result text = Cli.run(fit(dir.resolve("tight2.weir"), "--constraint", "abs-error<=0.0001"));
        assertTrue(text.out().contains("smallest feasible bound is eps*"), text.out());
    }

    @Test
    void groupBoundsReadTheGroupColumn() throws IOException {
        Path model = dir.resolve("group.weir");
        JsonNode j = CommandsEndToEndTest.json(Cli.run(fit(model, "--constraint", "mse<=0.05 per-group=regime",
                "--solver", "admm", "--json")));
        assertEquals("admm", j.get("solver").asText());
        assertTrue(j.get("certificate").get("families").get(0).get("size").asInt() == 2, j.toString());
    }

    @Test
    void badConstraintsAreUsageErrors() {
        Cli.Result r = Cli.run(fit(dir.resolve("x.weir"), "--constraint", "abs-err<=1"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--constraint 'abs-err<=1'") && r.err().contains("position"), r.err());
        Cli.Result g = Cli.run(fit(dir.resolve("x.weir"), "--constraint", "mse<=1 per-group=nope"));
        assertEquals(2, g.code());
        assertTrue(g.err().contains("'nope'") && g.err().contains("regime"), g.err());
        Cli.Result s = Cli.run(fit(dir.resolve("x.weir"), "--constraint", "l1<=5", "--solver", "simplex"));
        assertEquals(2, s.code());
        assertTrue(s.err().contains("--solver"), s.err());
        assertTrue(!Files.exists(dir.resolve("x.weir")), "nothing is written on a usage error");
    }
}
