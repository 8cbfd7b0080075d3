package org.weir.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.weir.data.MemoryTask;
import org.weir.reservoir.Reservoir;
import org.weir.reservoir.ReservoirDiagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weir diagnose}: memory capacity, effective spectral radius and state statistics of a reservoir. */
@Command(name = "diagnose", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Diagnoses a reservoir (any --reservoir kind, one input) as a dynamical system: the memory "
                + "capacity curve MC_k (Jaeger 2001: squared correlation between u[t-k] and its ridge reconstruction "
                + "from x[t], on held-out steps of an i.i.d. U[-1, 1] input; MC = sum_k MC_k), the effective spectral "
                + "radius of the linearized state map, and statistics of the states on that input (mean |x|, "
                + "deviation, fraction with |x| > 0.95, numerical rank of the state matrix).",
            "The input is drawn from --seed: 100 washout, 2000 training and 1000 test steps. Adaptive kinds "
                + "(ei-adaptive, ip) first adapt on 2000 other i.i.d. U[-1, 1] steps.",
            "Writes memory-capacity.png, states.png (histogram of state values) and singular-values.png into --out."},
        footer = {"", "Example: weir diagnose --units 200 --spectral-radius 0.95 --leak-rate 0.5 --max-delay 60 --out diag"})
final class DiagnoseCommand extends BaseCommand {
    static final int WASHOUT = 100;
    static final int TRAIN = 2000;
    static final int TEST = 1000;

    @Mixin
    ReservoirOptions reservoirOptions = new ReservoirOptions();

    @Option(names = "--max-delay", paramLabel = "K",
            description = "Largest delay k of the memory capacity curve, 1 to " + WASHOUT
                    + " (default: twice the state size, at most " + WASHOUT + ").")
    Integer maxDelay;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "weir-diagnose",
            description = "Folder for the plots (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    int execute(Console console) throws Exception {
        ReservoirSpec spec = reservoirOptions.resolve(reservoirOptions.configFile());
        if (maxDelay != null && (maxDelay < 1 || maxDelay > WASHOUT)) {
            throw CliError.usage("--max-delay must be 1 to " + WASHOUT + ", got " + maxDelay);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw CliError.usage("--out " + out + " is a file, not a folder");
        }
        double[][] adapt = null;
        if (spec.adaptive()) {
            SplittableRandom rnd = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
            adapt = new double[TRAIN][1];
            for (double[] row : adapt) {
                row[0] = rnd.nextDouble(-1, 1);
            }
        }
        Reservoir reservoir = spec.build(1, adapt);
        int k = maxDelay != null ? maxDelay : Math.min(WASHOUT, 2 * reservoir.stateDimension());
        long t0 = System.nanoTime();
        ReservoirDiagnostics.Report report;
        try (ProgressBar bar = console.progress("diagnose", 1)) {
            report = ReservoirDiagnostics.diagnose(reservoir, k, spec.seed());
            bar.set(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // the same states the statistics were computed on, for the histogram
        double[] u = MemoryTask.generate(WASHOUT + TRAIN + TEST, k, spec.seed()).input();
        double[][] in = new double[u.length][1];
        for (int t = 0; t < u.length; t++) {
            in[t][0] = u[t];
        }
        double[][] states = reservoir.run(in);

        Files.createDirectories(out);
        ReservoirDiagnostics.MemoryCapacity mc = report.memoryCapacity();
        double[] per = mc.perDelay();
        double[] delays = new double[per.length];
        for (int i = 0; i < per.length; i++) {
            delays[i] = i + 1;
        }
        Path mcPng = out.resolve("memory-capacity.png");
        new LinePlot(String.format(java.util.Locale.ROOT, "Memory capacity of the %s reservoir: MC = %s", spec.kind(),
                HtmlReport.formatNumber(mc.total())), "delay k (steps)", "MC_k = r^2(u[t-k], reconstruction)")
                .line("MC_k", delays, per, LinePlot.BLUE).legendRight().xPattern("0").xTickSpacing(60).write(mcPng);
        Path statesPng = out.resolve("states.png");
        histogram(states, WASHOUT, report.states()).write(statesPng);
        ReservoirDiagnostics.StateStatistics st = report.states();
        double[] sv = st.singularValues();
        double[] idx = new double[sv.length];
        double[] logSv = new double[sv.length];
        for (int i = 0; i < sv.length; i++) {
            idx[i] = i + 1;
            logSv[i] = Math.log10(Math.max(sv[i] / sv[0], 1e-17));
        }
        Path svPng = out.resolve("singular-values.png");
        new LinePlot("Singular values of the " + st.steps() + " x " + st.units() + " state matrix (rank " + st.rank() + ")",
                "index", "log10(singular value / largest)").line("singular values", idx, logSv, LinePlot.VERMILION).legendRight().xPattern("0").xTickSpacing(60)
                .write(svPng);

        Map<String, Object> json = new LinkedHashMap<>(report.toMap());
        json.put("max_delay", k);
        json.put("seconds", seconds);
        json.put("settings", spec.toMap());
        Map<String, Object> plots = new LinkedHashMap<>();
        plots.put("memory_capacity", mcPng.toString());
        plots.put("states", statesPng.toString());
        plots.put("singular_values", svPng.toString());
        json.put("plots", plots);
        console.jsonResult(json);
        console.result("%s: %d state values, effective spectral radius %s", spec.describe(reservoir.stateDimension()),
                reservoir.stateDimension(), HtmlReport.formatNumber(report.effectiveSpectralRadius()));
        console.result("memory capacity %s over delays 1..%d (MC_1 %s, MC_%d %s; readouts fitted on %d steps, "
                + "scored on %d)", HtmlReport.formatNumber(mc.total()), k, HtmlReport.formatNumber(per[0]), k,
                HtmlReport.formatNumber(per[k - 1]), mc.trainSteps(), mc.testSteps());
        console.result("states: mean %s, mean |x| %s, deviation %s, %s%% saturated (|x| > %s), rank %d of %d",
                HtmlReport.formatNumber(st.meanValue()), HtmlReport.formatNumber(st.meanAbs()),
                HtmlReport.formatNumber(st.std()), HtmlReport.formatNumber(100 * st.saturationFraction()),
                HtmlReport.formatNumber(ReservoirDiagnostics.SATURATION_THRESHOLD), st.rank(),
                Math.min(st.steps(), st.units()));
        console.result("wrote memory-capacity.png, states.png, singular-values.png in %s", out);
        return 0;
    }

    /** Histogram of every state value after the washout, drawn as a step outline, with 60 bins. */
    static LinePlot histogram(double[][] states, int from, ReservoirDiagnostics.StateStatistics st) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int t = from; t < states.length; t++) {
            for (double v : states[t]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int bins = 60;
        double[] count = new double[bins];
        long total = 0;
        for (int t = from; t < states.length; t++) {
            for (double v : states[t]) {
                int b = (int) Math.min(bins - 1, Math.floor((v - lo) / (hi - lo) * bins));
                count[b]++;
                total++;
            }
        }
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        double w = (hi - lo) / bins;
        x[0] = lo;
        y[0] = 0;
        for (int b = 0; b < bins; b++) {
            double f = count[b] / total;
            x[2 * b + 1] = lo + b * w;
            y[2 * b + 1] = f;
            x[2 * b + 2] = lo + (b + 1) * w;
            y[2 * b + 2] = f;
        }
        x[2 * bins + 1] = hi;
        y[2 * bins + 1] = 0;
        return new LinePlot(String.format(java.util.Locale.ROOT,
                "Distribution of the %d x %d state values (mean |x| %s, %s%% saturated)", st.steps(), st.units(),
                HtmlReport.formatNumber(st.meanAbs()), HtmlReport.formatNumber(100 * st.saturationFraction())),
                "state value x_i[t]", "fraction of values per bin").line("state values", x, y, LinePlot.GREEN)
                .xPattern("0.###").legendRight();
    }
}
