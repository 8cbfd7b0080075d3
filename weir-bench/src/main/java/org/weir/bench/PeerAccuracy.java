package org.weir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.weir.linalg.Activation;
import org.weir.linalg.CsrMatrix;
import org.weir.model.ForecastModel;
import org.weir.model.Forecaster;
import org.weir.model.Sequence;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.EchoStateReservoir;

/**
 * Weir's side of the accuracy comparison with ReservoirPy 0.4.2 (BENCHMARKS.md), on the tasks of
 * {@code shared/peers/reservoirpy/README.md}: Mackey-Glass one-step and 10-step (N=500, sr 1.25, lr 0.3) and
 * NARMA-10 (N=500, sr 0.95, lr 1, input scaling 0.5), ridge 1e-6, test continuing from the training state.
 * Not a JMH benchmark: a main program printing one JSON object.
 *
 * <pre>
 * java -cp weir-bench/target/weir-benchmarks.jar org.weir.bench.PeerAccuracy weir PEERS_DIR [seeds] [narmaSeeds]
 *     Weir's own reservoirs (EchoStateReservoir.builder, seed s): NRMSE per seed for mg1, mg10, narma.
 * java -cp ... org.weir.bench.PeerAccuracy rpy PEERS_DIR DUMP_DIR
 *     ReservoirPy's own W and Win (written by weir-bench/scripts/reservoirpy_peer.py dump SEED DUMP_DIR
 *     --task T) run through EchoStateReservoir.fromMatrices + Forecaster + RidgeReadout; prints Weir's
 *     NRMSE next to ReservoirPy's for the same matrices.
 * </pre>
 */
public final class PeerAccuracy {
    private PeerAccuracy() {
    }

    /** Inputs, targets, warm-up and reservoir hyperparameters of one task. */
    record Task(String name, double[][] trainIn, double[][] trainOut, double[][] testIn, double[][] testOut,
            int warmup, double leak, double sr, double inputScaling) {
    }

    static double[][] readCsv(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p);
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || Character.isLetter(line.charAt(0))) {
                continue;
            }
            String[] f = line.split(",");
            double[] r = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                r[j] = Double.parseDouble(f[j].trim());
            }
            rows.add(r);
        }
        return rows.toArray(new double[0][]);
    }

    static double[][] column(double[][] rows, int col, int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = new double[] {rows[i][col]};
        }
        return out;
    }

    static Task task(String name, Path peers) throws IOException {
        switch (name) {
            case "mg1":
            case "mg10": {
                int h = name.equals("mg1") ? 1 : 10;
                double[][] mg = readCsv(peers.resolve("reservoirpy/mackey_glass.csv"));
                return new Task(name, column(mg, 2, 0, 8000 - h), column(mg, 2, h, 8000),
                        column(mg, 2, 8000 - h, 10000 - h), column(mg, 2, 8000, 10000), 100, 0.3, 1.25, 1.0);
            }
            case "narma": {
                double[][] d = readCsv(peers.resolve("reservoirpy/narma10.csv"));
                return new Task(name, column(d, 1, 10, 5010), column(d, 2, 10, 5010), column(d, 1, 5010, 7010),
                        column(d, 2, 5010, 7010), 200, 1.0, 0.95, 0.5);
            }
            default:
                throw new IllegalArgumentException("task must be mg1, mg10 or narma, got " + name);
        }
    }

    /** RMSE over the population standard deviation of the targets (ReservoirPy README's NRMSE). */
    static double nrmse(double[][] truth, double[][] pred) {
        double mean = 0;
        for (double[] r : truth) {
            mean += r[0];
        }
        mean /= truth.length;
        double sse = 0;
        double sst = 0;
        for (int t = 0; t < truth.length; t++) {
            double e = pred[t][0] - truth[t][0];
            sse += e * e;
            double c = truth[t][0] - mean;
            sst += c * c;
        }
        return Math.sqrt(sse / sst);
    }

    static double evaluate(Task t, EchoStateReservoir r) {
        ForecastModel m = Forecaster.of(r, RidgeReadout.withRidge(1e-6)).warmup(t.warmup())
                .fit(new Sequence(t.trainIn(), t.trainOut()));
        return nrmse(t.testOut(), m.predict(t.testIn()));
    }

    static EchoStateReservoir weirReservoir(Task t, int seed) {
        return EchoStateReservoir.builder().units(500).spectralRadius(t.sr()).leakRate(t.leak())
                .inputScaling(t.inputScaling()).connectivity(0.1).inputConnectivity(0.1).seed(seed).build(1);
    }

    static int[] range(String s) {
        String[] ab = s.split("-");
        int a = Integer.parseInt(ab[0]);
        int b = ab.length > 1 ? Integer.parseInt(ab[1]) : a;
        int[] out = new int[b - a + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = a + i;
        }
        return out;
    }

    static String stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double median = s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        long above = Arrays.stream(v).filter(x -> x > 0.003).count();
        return String.format(Locale.ROOT, "\"mean\": %.6g, \"median\": %.6g, \"min\": %.6g, \"max\": %.6g, "
                + "\"count_above_0_003\": %d, \"n\": %d", mean, median, s[0], s[s.length - 1], above, v.length);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PeerAccuracy weir PEERS_DIR [seeds 1-20] [narmaSeeds 1-20]"
                    + " | PeerAccuracy rpy PEERS_DIR DUMP_DIR");
            System.exit(2);
        }
        Path peers = Path.of(args[1]);
        StringBuilder json = new StringBuilder("{\"library\": \"weir\"");
        if (args[0].equals("weir")) {
            int[] seeds = range(args.length > 2 ? args[2] : "1-20");
            int[] narmaSeeds = range(args.length > 3 ? args[3] : "1-5");
            for (String name : new String[] {"mg1", "mg10", "narma"}) {
                Task t = task(name, peers);
                int[] ss = name.equals("narma") ? narmaSeeds : seeds;
                double[] e = new double[ss.length];
                StringBuilder per = new StringBuilder();
                double sum5 = 0;
                int n5 = 0;
                for (int i = 0; i < ss.length; i++) {
                    e[i] = evaluate(t, weirReservoir(t, ss[i]));
                    per.append(String.format(Locale.ROOT, "%s\"%d\": %.17g", i == 0 ? "" : ", ", ss[i], e[i]));
                    if (ss[i] <= 5) {
                        sum5 += e[i];
                        n5++;
                    }
                    System.err.printf(Locale.ROOT, "%s seed %d: %.5f%n", name, ss[i], e[i]);
                }
                json.append(String.format(Locale.ROOT, ",\n \"%s\": {\"per_seed\": {%s}, \"mean_seeds_1_5\": %.6g, %s}",
                        name, per, n5 > 0 ? sum5 / n5 : Double.NaN, stats(e)));
            }
        } else if (args[0].equals("rpy")) {
            Path dir = Path.of(args[2]);
            List<Path> files;
            try (var st = Files.list(dir)) {
                files = st.filter(p -> p.getFileName().toString().endsWith("_W_coo.csv")).sorted().toList();
            }
            json.append(", \"same_matrices\": [");
            boolean first = true;
            for (Path wFile : files) {
                String base = wFile.getFileName().toString().replace("_W_coo.csv", "");
                String name = base.substring(0, base.indexOf("_seed"));
                Task t = task(name, peers);
                double[][] coo = readCsv(wFile);
                int[] r = new int[coo.length];
                int[] c = new int[coo.length];
                double[] v = new double[coo.length];
                for (int k = 0; k < coo.length; k++) {
                    r[k] = (int) coo[k][0];
                    c[k] = (int) coo[k][1];
                    v[k] = coo[k][2];
                }
                double[][] win = readCsv(dir.resolve(base + "_Win.csv"));
                int n = win.length;
                CsrMatrix w = CsrMatrix.fromTriplets(n, n, r, c, v);
                EchoStateReservoir res = EchoStateReservoir.fromMatrices(w, win, new double[n], t.leak(),
                        Activation.TANH);
                double weir = evaluate(t, res);
                double rpy = Double.parseDouble(Files.readString(dir.resolve(base + "_nrmse.txt")).trim());
                json.append(String.format(Locale.ROOT, "%s\n  {\"case\": \"%s\", \"weir_nrmse\": %.17g, "
                        + "\"reservoirpy_nrmse\": %.17g, \"relative_difference\": %.3g}", first ? "" : ",", base,
                        weir, rpy, Math.abs(weir - rpy) / rpy));
                first = false;
                System.err.printf(Locale.ROOT, "%s: weir %.8f reservoirpy %.8f%n", base, weir, rpy);
            }
            json.append("]");
        } else {
            throw new IllegalArgumentException("mode must be weir or rpy, got " + args[0]);
        }
        System.out.println(json.append("}"));
    }
}
