package org.weir.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.Reservoir;
import org.weir.reservoir.ReservoirState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code weir bench}: quick speed measurements from the shell (JMH in weir-bench gives the careful ones). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Quick speed measurements. For careful numbers use the JMH benchmarks in weir-bench.",
        subcommands = {BenchCommand.Throughput.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing benchmark: choose throughput");
    }

    /** Reservoir state updates per second on one thread. */
    @Command(name = "throughput", mixinStandardHelpOptions = true,
            description = {"Runs an echo state reservoir with one input over T random input steps and reports "
                    + "state updates per second (one thread). A first pass of min(T, 2000) steps warms up the JIT "
                    + "and is not timed.",
                    "Prints steps_per_sec, seconds, units, steps (JSON keys with --json)."})
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

        @Override
        int execute(Console console) {
            if (steps < 1) {
                throw CliError.usage("--steps must be at least 1, got " + steps);
            }
            Reservoir reservoir;
            try {
                reservoir = EchoStateReservoir.builder().units(units).connectivity(connectivity).seed(seed).build(1);
            } catch (IllegalArgumentException e) {
                throw CliError.usage("invalid reservoir setting: " + e.getMessage(), e);
            }
            double[][] inputs = new double[Math.min(steps, 4096)][1];
            SplittableRandom rng = new SplittableRandom(seed);
            for (double[] u : inputs) {
                u[0] = rng.nextDouble(-1, 1);
            }
            ReservoirState state = reservoir.newState();
            int warm = Math.min(steps, 2000);
            for (int t = 0; t < warm; t++) {
                reservoir.step(state, inputs[t % inputs.length], null);
            }
            state.reset();
            double checksum = 0;
            long chunk = Math.max(1, steps / 100);
            long start = System.nanoTime();
            try (ProgressBar bar = console.progress("bench", steps)) {
                for (int t = 0; t < steps; t++) {
                    reservoir.step(state, inputs[t % inputs.length], null);
                    if (t % chunk == 0) {
                        bar.set(t);
                    }
                }
                checksum += state.values()[0];
                bar.set(steps);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSec = steps / seconds;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("steps_per_sec", perSec);
            json.put("seconds", seconds);
            json.put("units", units);
            json.put("steps", steps);
            json.put("connectivity", connectivity);
            json.put("nonzeros_per_step", ((EchoStateReservoir) reservoir).recurrentMatrix().nnz());
            console.jsonResult(json);
            console.result("%.0f steps/s  (%d steps of a %d-unit reservoir, connectivity %s, in %.3f s)", perSec, steps,
                    units, HtmlReport.formatNumber(connectivity), seconds);
            console.detail("final state[0] = %s", checksum);
            return 0;
        }
    }
}
