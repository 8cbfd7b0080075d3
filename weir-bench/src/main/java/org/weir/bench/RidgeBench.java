package org.weir.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.weir.readout.LinearReadout;
import org.weir.readout.Readout;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.ReservoirState;

/**
 * Ridge fit on harvested states (ReservoirPy: 0.30 s at N=1000, T=20000): the states of an N=1000,
 * 10 %-connectivity, leak 0.3, spectral radius 0.9 reservoir driven by T random inputs are harvested once;
 * each op fits RidgeReadout (ridge 1e-6) on all T rows, one-step-ahead targets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class RidgeBench {
    @Param({"1000"})
    int units;
    @Param({"20000"})
    int steps;

    double[][] states;
    double[][] targets;

    @Setup
    public void setup() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(units).connectivity(0.1).spectralRadius(0.9)
                .leakRate(0.3).seed(42).build(1);
        SplittableRandom rnd = new SplittableRandom(5);
        double[] u = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            u[t] = Math.sin(0.05 * t) + 0.1 * rnd.nextDouble(-1, 1);
        }
        ReservoirState s = r.newState();
        states = new double[steps][];
        targets = new double[steps][];
        for (int t = 0; t < steps; t++) {
            r.step(s, new double[] {u[t]}, null);
            states[t] = s.values().clone();
            targets[t] = new double[] {u[t + 1]};
        }
    }

    @Benchmark
    public LinearReadout ridgeFit() {
        Readout.Fit fit = RidgeReadout.withRidge(1e-6).begin(units, 1);
        for (int t = 0; t < steps; t++) {
            fit.add(states[t], targets[t]);
        }
        return fit.finish();
    }
}
