package org.weir.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.weir.model.Forecaster;
import org.weir.readout.LinearReadout;
import org.weir.readout.Readout;
import org.weir.readout.RidgeReadout;
import org.weir.linalg.Precision;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.LaneBatch;
import org.weir.reservoir.ParallelStepper;
import org.weir.reservoir.Reservoir;
import org.weir.reservoir.ReservoirState;
import org.weir.reservoir.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code weir bench}: quick speed measurements from the shell (JMH in weir-bench gives the careful ones). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Quick speed measurements: single timed runs after one untimed warm-up run.",
            "The JMH benchmarks in weir-bench (HarvestBench, RidgeBench, FitBench) are the reference numbers; "
                + "these commands are for quick checks on your own machine."},
        subcommands = {BenchCommand.Throughput.class, BenchCommand.Ridge.class, BenchCommand.Init.class,
            BenchCommand.Fit.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing benchmark: choose throughput, ridge, init or fit");
    }

    /** Reservoir state updates per second on one thread. */
    @Command(name = "throughput", mixinStandardHelpOptions = true,
            description = {"Runs an echo state reservoir with one input over T random input steps and reports "
                    + "state updates per second; each state is copied out, as a harvest does. A first pass of "
                    + "min(T, 20000) steps (200 with --lanes) warms up the JIT and is not timed.",
                    "Prints steps_per_sec, seconds, units, steps (JSON keys with --json); with --threads K > 1 also "
                    + "parallel_efficiency, a probe of whether K threads got K cores just after the run (1: they did), "
                    + "and handoff_ns, how long a value written by one thread takes to reach another (core placement)."})
    static final class Throughput extends BaseCommand {
        @Option(names = "--units", required = true, paramLabel = "N", description = "Reservoir neurons.")
        int units;

        @Option(names = "--steps", required = true, paramLabel = "T", description = "Time steps to run.")
        int steps;

        @Option(names = "--connectivity", paramLabel = "C", defaultValue = "0.1",
                description = "Fraction of non-zero recurrent weights (default: ${DEFAULT-VALUE}).")
        double connectivity;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--topology", paramLabel = "T", defaultValue = "random",
                description = "Recurrent wiring: random (ReservoirPy's pattern) or block-random (rows in groups of "
                        + "eight sharing their columns: same density, several times faster) (default: ${DEFAULT-VALUE}).")
        String topology;

        @Option(names = "--precision", paramLabel = "P", defaultValue = "float64",
                description = "Storage of the recurrent weights: float64 or float32 (default: ${DEFAULT-VALUE}).")
        String precision;

        @Option(names = "--lanes", paramLabel = "B", defaultValue = "1",
                description = "Independent sequences advancing together (EchoStateReservoir.newBatch); steps_per_sec "
                        + "is then the aggregate over all lanes, on one thread (default: ${DEFAULT-VALUE}).")
        int lanes;

        @Option(names = "--threads", paramLabel = "K", defaultValue = "1",
                description = "One sequence: threads sharing each step (EchoStateReservoir.parallelStepper, "
                        + "harvesting runs of steps; bit-identical states). With --lanes: the lanes are split into K "
                        + "blocks, one thread each (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--state-precision", paramLabel = "P", defaultValue = "float64",
                description = "With --lanes: float64 (EchoStateReservoir.newBatch, bit-identical to one-sequence "
                        + "stepping) or float32 (newFloatBatch: single-precision states, equal to rounding, about "
                        + "twice the throughput) (default: ${DEFAULT-VALUE}).")
        String statePrecision;

        @Override
        int execute(Console console) {
            if (steps < 1) {
                throw CliError.usage("--steps must be at least 1, got " + steps);
            }
            if (lanes < 1) {
                throw CliError.usage("--lanes must be at least 1, got " + lanes);
            }
            Reservoir reservoir;
            try {
                reservoir = EchoStateReservoir.builder().units(units).connectivity(connectivity).seed(seed)
                        .topology(Topology.parse(topology)).precision(Precision.parse(precision)).build(1);
            } catch (IllegalArgumentException e) {
                throw CliError.usage("invalid reservoir setting: " + e.getMessage(), e);
            }
            double[][] inputs = new double[Math.min(steps, 4096)][1];
            SplittableRandom rng = new SplittableRandom(seed);
            for (double[] u : inputs) {
                u[0] = rng.nextDouble(-1, 1);
            }
            Precision states;
            try {
                states = Precision.parse(statePrecision);
            } catch (IllegalArgumentException e) {
                throw CliError.usage("--state-precision: " + e.getMessage(), e);
            }
            if (lanes > 1) {
                if (threads < 1 || threads > lanes) {
                    throw CliError.usage("--threads must be in [1, lanes=" + lanes + "] with --lanes, got " + threads);
                }
                return batched(console, (EchoStateReservoir) reservoir, inputs, states);
            }
            if (states != Precision.FLOAT64) {
                throw CliError.usage("--state-precision float32 needs --lanes B with B > 1 (single-precision states are"
                        + " a batched-lanes option)");
            }
            ParallelStepper stepper;
            try {
                stepper = threads == 1 ? null : ((EchoStateReservoir) reservoir).parallelStepper(threads);
            } catch (IllegalArgumentException e) {
                throw CliError.usage("--threads: " + e.getMessage(), e);
            }
            try (ParallelStepper closing = stepper) {
                return single(console, reservoir, stepper, inputs);
            }
        }

        /**
         * One sequence, every state copied out as a harvest does (into a buffer of up to 512 rows, reused): through
         * {@link EchoStateReservoir#step} on one thread, or {@link ParallelStepper#run} on several.
         */
        private int single(Console console, Reservoir reservoir, ParallelStepper stepper, double[][] inputs) {
            ReservoirState state = reservoir.newState();
            int n = reservoir.stateDimension();
            int rows = Math.min(steps, 512);
            double[] harvested = new double[rows * n];
            StepRange range = (t0, len) -> {
                for (int t = t0; t < t0 + len; ) {
                    int from = t % inputs.length;
                    int m = Math.min(Math.min(t0 + len - t, rows), inputs.length - from);
                    if (stepper == null) {
                        for (int k = 0; k < m; k++) {
                            reservoir.step(state, inputs[from + k], null);
                            System.arraycopy(state.values(), 0, harvested, k * n, n);
                        }
                    } else {
                        stepper.run(state, inputs, from, m, harvested, 0);
                    }
                    t += m;
                }
            };
            return timed(console, (EchoStateReservoir) reservoir, 20_000, range, state::reset, () -> state.values()[0]);
        }

        /** Runs steps {@code [t0, t0 + len)} of the benchmark. */
        private interface StepRange {
            void run(int t0, int len);
        }

        /** One thread's block of lanes. */
        private interface LaneBlock {
            void step(int t);

            void reset();

            double firstUnit();
        }

        private int batched(Console console, EchoStateReservoir reservoir, double[][] inputs, Precision states) {
            LaneBlock[] blocks = new LaneBlock[threads];
            int first = 0;
            for (int k = 0; k < threads; k++) {
                int size = lanes / threads + (k < lanes % threads ? 1 : 0);
                blocks[k] = block(reservoir.newBatch(size, states), first, inputs);
                first += size;
            }
            if (threads == 1) {
                LaneBlock b = blocks[0];
                return timed(console, reservoir, 200, (t0, len) -> {
                    for (int t = t0; t < t0 + len; t++) {
                        b.step(t);
                    }
                }, b::reset, b::firstUnit);
            }
            return timedThreads(console, reservoir, blocks);
        }

        /** Lanes [firstLane, firstLane + batch.lanes()) of the run, fed from the shared input rows. */
        private LaneBlock block(LaneBatch batch, int firstLane, double[][] inputs) {
            return new LaneBlock() {
                @Override
                public void step(int t) {
                    for (int b = 0; b < batch.lanes(); b++) {
                        batch.input(b, inputs[(t * lanes + firstLane + b) % inputs.length]);
                    }
                    batch.step();
                }

                @Override
                public void reset() {
                    batch.reset();
                }

                @Override
                public double firstUnit() {
                    double[] state = new double[units];
                    batch.copyState(0, state);
                    return state[0];
                }
            };
        }

        /** Each block on its own thread for T steps (no synchronisation between them); block 0 drives the progress bar. */
        private int timedThreads(Console console, EchoStateReservoir reservoir, LaneBlock[] blocks) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    blocks.length - 1, r -> {
                        Thread th = new Thread(r, "weir-bench-lanes");
                        th.setDaemon(true);
                        return th;
                    });
            try {
                runBlocks(pool, blocks, Math.min(steps, 200), null);
                for (LaneBlock b : blocks) {
                    b.reset();
                }
                long start = System.nanoTime();
                try (ProgressBar bar = console.progress("bench", steps)) {
                    runBlocks(pool, blocks, steps, bar);
                    bar.set(steps);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                return report(console, reservoir, seconds, blocks[0].firstUnit());
            } finally {
                pool.shutdownNow();
            }
        }

        private static void runBlocks(java.util.concurrent.ExecutorService pool, LaneBlock[] blocks, int n,
                ProgressBar bar) {
            java.util.List<java.util.concurrent.Future<?>> others = new java.util.ArrayList<>();
            for (int k = 1; k < blocks.length; k++) {
                LaneBlock b = blocks[k];
                others.add(pool.submit(() -> {
                    for (int t = 0; t < n; t++) {
                        b.step(t);
                    }
                }));
            }
            long chunk = Math.max(1, n / 100);
            for (int t = 0; t < n; t++) {
                blocks[0].step(t);
                if (bar != null && t % chunk == 0) {
                    bar.set(t);
                }
            }
            try {
                for (java.util.concurrent.Future<?> f : others) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a lane block failed: " + e.getCause(), e.getCause());
            }
        }

        /** Warms up on min(T, warm) steps, resets, times T steps with a progress bar, and reports. */
        private int timed(Console console, EchoStateReservoir reservoir, int warm, StepRange range, Runnable reset,
                java.util.function.DoubleSupplier firstUnit) {
            range.run(0, Math.min(steps, warm));
            reset.run();
            int chunk = Math.max(1, steps / 100);
            long start = System.nanoTime();
            try (ProgressBar bar = console.progress("bench", steps)) {
                for (int t = 0; t < steps; t += chunk) {
                    bar.set(t);
                    range.run(t, Math.min(chunk, steps - t));
                }
                bar.set(steps);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return report(console, reservoir, seconds, firstUnit.getAsDouble());
        }

        private int report(Console console, EchoStateReservoir reservoir, double seconds, double firstUnit) {
            double perSec = (double) steps * lanes / seconds;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("steps_per_sec", perSec);
            json.put("seconds", seconds);
            json.put("units", units);
            json.put("steps", steps);
            json.put("lanes", lanes);
            json.put("threads", threads);
            json.put("connectivity", connectivity);
            json.put("precision", Precision.parse(precision).id());
            json.put("state_precision", Precision.parse(statePrecision).id());
            json.put("nonzeros_per_step", reservoir.recurrentMatrix().nnz());
            json.put("topology", reservoir.config().topology().id());
            if (threads > 1) {
                parallelEfficiency(console, json, threads);
            }
            console.jsonResult(json);
            console.result("%.0f steps/s%s  (%s%d steps of a %d-unit reservoir, connectivity %s, %d thread%s%s, in %.3f s)",
                    perSec, lanes > 1 ? " aggregate" : "", lanes > 1 ? lanes + " lanes x " : "", steps, units,
                    HtmlReport.formatNumber(connectivity), threads, threads > 1 ? "s" : "",
                    lanes > 1 ? ", " + Precision.parse(statePrecision).id() + " states" : "", seconds);
            console.detail("final state[0] (lane 0) = %s", firstUnit);
            return 0;
        }
    }

    /**
     * Adds {@code parallel_efficiency} and {@code handoff_ns} ({@link ParallelismProbe}, measured just after the
     * timed run) and warns when the threads did not get a core each, so that a multi-threaded figure taken on a
     * shared machine is not mistaken for the code's speed.
     */
    static void parallelEfficiency(Console console, Map<String, Object> json, int threads) {
        double efficiency = ParallelismProbe.efficiency(threads);
        json.put("parallel_efficiency", efficiency);
        json.put("handoff_ns", ParallelismProbe.handoffNanos());
        if (efficiency < 0.8) {
            console.note("note: a probe just after the run found %d threads running at %.0f %% of %d separate cores' "
                    + "speed (another process or the host shares these cores): multi-threaded figures are not "
                    + "reliable now", threads, 100 * efficiency, threads);
        }
    }

    /** Inputs {@code sin(0.05 t) + 0.1 U(-1, 1)} and one-step-ahead targets, as in the JMH benchmarks. */
    static double[][][] signal(int steps) {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] u = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            u[t] = Math.sin(0.05 * t) + 0.1 * rnd.nextDouble(-1, 1);
        }
        double[][] in = new double[steps][];
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            in[t] = new double[] {u[t]};
            out[t] = new double[] {u[t + 1]};
        }
        return new double[][][] {in, out};
    }

    static Topology parseTopology(String text) {
        try {
            return Topology.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliError.usage("--topology: " + e.getMessage(), e);
        }
    }

    static EchoStateReservoir reservoir(int units, double connectivity, long seed) {
        return reservoir(units, connectivity, Topology.RANDOM, seed);
    }

    static EchoStateReservoir reservoir(int units, double connectivity, Topology topology, long seed) {
        try {
            return EchoStateReservoir.builder().units(units).connectivity(connectivity).spectralRadius(0.9)
                    .leakRate(0.3).topology(topology).seed(seed).build(1);
        } catch (IllegalArgumentException e) {
            throw CliError.usage("invalid reservoir setting: " + e.getMessage(), e);
        }
    }

    static double[][] harvest(EchoStateReservoir r, double[][] inputs) {
        ReservoirState s = r.newState();
        double[][] states = new double[inputs.length][];
        for (int t = 0; t < inputs.length; t++) {
            r.step(s, inputs[t], null);
            states[t] = s.values().clone();
        }
        return states;
    }

    static LinearReadout ridge(double[][] states, double[][] targets, int rows) {
        Readout.Fit fit = RidgeReadout.withRidge(1e-6).begin(states[0].length, 1);
        for (int t = 0; t < rows; t++) {
            fit.add(states[t], targets[t]);
        }
        return fit.finish();
    }

    static void checkSize(int units, int steps, long maxValues) {
        if (units < 1) {
            throw CliError.usage("--units must be at least 1, got " + units);
        }
        if (steps < 2) {
            throw CliError.usage("--steps must be at least 2, got " + steps);
        }
        if ((long) units * steps > maxValues) {
            throw CliError.usage("--units " + units + " x --steps " + steps + " states would need "
                    + ((long) units * steps * 8 >> 20) + " MiB; at most " + (maxValues * 8 >> 20) + " MiB are allowed");
        }
    }

    static final long MAX_STATE_VALUES = 100_000_000L;

    /** Ridge readout fit on harvested states. */
    @Command(name = "ridge", mixinStandardHelpOptions = true,
            description = {"Fits a ridge readout (ridge 1e-6: X^T X accumulated, then solved) on the T harvested states "
                    + "of an N-unit echo state reservoir (spectral radius 0.9, leak 0.3) driven by sin(0.05 t) + noise, "
                    + "one-step-ahead targets; times the fit alone. A first fit on min(T, 2000) rows warms up the JIT.",
                "Prints seconds, units, steps, rows_per_sec (JSON keys with --json). Reference: JMH RidgeBench in "
                    + "weir-bench (ReservoirPy: 0.30 s at N=1000, T=20000)."})
    static final class Ridge extends BaseCommand {
        @Option(names = "--units", paramLabel = "N", defaultValue = "1000", description = "Reservoir neurons (default: ${DEFAULT-VALUE}).")
        int units;

        @Option(names = "--steps", paramLabel = "T", defaultValue = "20000", description = "State rows (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--connectivity", paramLabel = "C", defaultValue = "0.1",
                description = "Fraction of non-zero recurrent weights (default: ${DEFAULT-VALUE}).")
        double connectivity;

        @Option(names = "--topology", paramLabel = "T", defaultValue = "random",
                description = "Recurrent wiring: random (ReservoirPy's pattern) or block-random (rows in groups of "
                        + "eight sharing their columns: same density, several times faster) (default: ${DEFAULT-VALUE}).")
        String topology;

        @Override
        int execute(Console console) {
            checkSize(units, steps, MAX_STATE_VALUES);
            Topology wiring = parseTopology(topology);
            double[][][] data = signal(steps);
            double[][] states = harvest(reservoir(units, connectivity, 42), data[0]);
            ridge(states, data[1], Math.min(steps, 2000));
            long t0 = System.nanoTime();
            LinearReadout ro = ridge(states, data[1], steps);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seconds", seconds);
            json.put("units", units);
            json.put("steps", steps);
            json.put("rows_per_sec", steps / seconds);
            json.put("connectivity", connectivity);
            console.jsonResult(json);
            console.result("ridge fit on %d states of %d units in %.3f s (%.0f rows/s)", steps, units, seconds,
                    steps / seconds);
            console.detail("readout features: %d", ro.features());
            return 0;
        }
    }

    /** Building a reservoir with spectral-radius scaling. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Builds an N-unit echo state reservoir (random sparse weights scaled to spectral radius 0.9, "
                    + "which needs the largest eigenvalue's modulus) and times it. A first build with another seed warms "
                    + "up the JIT.",
                "Prints seconds, units, connectivity (JSON keys with --json). Reference: JMH FitBench."
                    + "buildWithSpectralRadius in weir-bench (ReservoirPy: 11.1 s at N=3000)."})
    static final class Init extends BaseCommand {
        @Option(names = "--units", paramLabel = "N", defaultValue = "3000", description = "Reservoir neurons (default: ${DEFAULT-VALUE}).")
        int units;

        @Option(names = "--connectivity", paramLabel = "C", defaultValue = "0.1",
                description = "Fraction of non-zero recurrent weights (default: ${DEFAULT-VALUE}).")
        double connectivity;

        @Override
        int execute(Console console) {
            reservoir(units, connectivity, 41);
            long t0 = System.nanoTime();
            EchoStateReservoir r = reservoir(units, connectivity, 42);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seconds", seconds);
            json.put("units", units);
            json.put("connectivity", connectivity);
            json.put("nonzeros", r.recurrentMatrix().nnz());
            json.put("effective_spectral_radius", r.effectiveSpectralRadius());
            console.jsonResult(json);
            console.result("built a %d-unit reservoir (%d non-zero weights, spectral radius 0.9) in %.3f s", units,
                    r.recurrentMatrix().nnz(), seconds);
            return 0;
        }
    }

    /** Fit end to end: build, harvest, ridge. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = {"Fits an N-unit echo state forecaster end to end on T steps of sin(0.05 t) + noise "
                    + "(one step ahead): builds the reservoir (spectral radius 0.9, leak 0.3), harvests the T states, "
                    + "fits the ridge readout (1e-6). A first run on min(T, 2000) steps warms up the JIT.",
                "Prints seconds (the whole fit), units, steps, and its parts build_seconds, harvest_seconds (running "
                    + "the reservoir and copying out the states) and solve_seconds (accumulating X^T X and solving); "
                    + "then forecaster_seconds: the same fit through Forecaster.fit, which overlaps the reservoir run "
                    + "with the accumulation on a second thread and keeps no state matrix. "
                    + "Reference: JMH FitBench.fitEndToEnd in weir-bench (ReservoirPy: 2.96 s at N=1000, T=20000)."})
    static final class Fit extends BaseCommand {
        @Option(names = "--units", paramLabel = "N", defaultValue = "1000", description = "Reservoir neurons (default: ${DEFAULT-VALUE}).")
        int units;

        @Option(names = "--steps", paramLabel = "T", defaultValue = "20000", description = "Training steps (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--connectivity", paramLabel = "C", defaultValue = "0.1",
                description = "Fraction of non-zero recurrent weights (default: ${DEFAULT-VALUE}).")
        double connectivity;

        @Option(names = "--topology", paramLabel = "T", defaultValue = "random",
                description = "Recurrent wiring: random (ReservoirPy's pattern) or block-random (rows in groups of "
                        + "eight sharing their columns: same density, several times faster) (default: ${DEFAULT-VALUE}).")
        String topology;

        @Override
        int execute(Console console) {
            checkSize(units, steps, MAX_STATE_VALUES);
            Topology wiring = parseTopology(topology);
            double[][][] data = signal(steps);
            int warm = Math.min(steps, 2000);
            ridge(harvest(reservoir(units, connectivity, wiring, 41), java.util.Arrays.copyOf(data[0], warm)), data[1], warm);
            long t0 = System.nanoTime();
            EchoStateReservoir r = reservoir(units, connectivity, wiring, 42);
            long t1 = System.nanoTime();
            double[][] states = harvest(r, data[0]);
            long t2 = System.nanoTime();
            ridge(states, data[1], steps);
            long t3 = System.nanoTime();
            states = null;
            long t4 = System.nanoTime();
            Forecaster.of(reservoir(units, connectivity, wiring, 42), RidgeReadout.withRidge(1e-6)).fit(data[0], data[1]);
            long t5 = System.nanoTime();
            double seconds = (t3 - t0) / 1e9;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seconds", seconds);
            json.put("units", units);
            json.put("steps", steps);
            json.put("build_seconds", (t1 - t0) / 1e9);
            json.put("harvest_seconds", (t2 - t1) / 1e9);
            json.put("solve_seconds", (t3 - t2) / 1e9);
            json.put("forecaster_seconds", (t5 - t4) / 1e9);
            json.put("connectivity", connectivity);
            json.put("topology", wiring.id());
            if (Runtime.getRuntime().availableProcessors() > 1) {
                parallelEfficiency(console, json, 2); // the fit overlaps harvest and Gram update on two cores
            }
            console.jsonResult(json);
            console.result("fit of a %d-unit reservoir on %d steps in %.3f s (build %.3f s, harvest %.3f s, solve %.3f s); "
                    + "through Forecaster.fit (harvest and Gram update overlapped) %.3f s", units, steps, seconds, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    (t3 - t2) / 1e9, (t5 - t4) / 1e9);
            return 0;
        }
    }
}
