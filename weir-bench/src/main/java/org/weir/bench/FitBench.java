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
import org.weir.linalg.Precision;
import org.weir.model.ForecastModel;
import org.weir.model.Forecaster;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.Topology;

/**
 * Reservoir construction with spectral-radius scaling (ReservoirPy: 11.1 s at N=3000) and a fit end to
 * end (build, harvest T=20000 states, ridge) at N=1000 (ReservoirPy: 2.96 s). Single-shot: each op is
 * one full build or fit.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class FitBench {
    @Param({"3000"})
    int initUnits;
    @Param({"1000"})
    int fitUnits;
    @Param({"20000"})
    int steps;
    /** random: ReservoirPy's pattern; block-random: rows in groups of eight sharing their columns (Topology). */
    @Param({"random"})
    String topology;

    double[][] inputs;
    double[][] targets;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] u = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            u[t] = Math.sin(0.05 * t) + 0.1 * rnd.nextDouble(-1, 1);
        }
        inputs = new double[steps][];
        targets = new double[steps][];
        for (int t = 0; t < steps; t++) {
            inputs[t] = new double[] {u[t]};
            targets[t] = new double[] {u[t + 1]};
        }
    }

    @Benchmark
    public EchoStateReservoir buildWithSpectralRadius() {
        return EchoStateReservoir.builder().units(initUnits).connectivity(0.1).spectralRadius(0.9)
                .leakRate(0.3).topology(Topology.parse(topology)).seed(42).build(1);
    }

    @Benchmark
    public ForecastModel fitEndToEnd() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(fitUnits).connectivity(0.1).spectralRadius(0.9)
                .leakRate(0.3).topology(Topology.parse(topology)).seed(42).build(1);
        return Forecaster.of(r, RidgeReadout.withRidge(1e-6)).fit(inputs, targets);
    }

    /**
     * {@link #fitEndToEnd} with {@code pipelined(false)}. For this ridge fit the two are the same since the ridge
     * fit's own background Gram update made the pipeline redundant (Readout.Fit#accumulatesInBackground); kept so
     * that older results can be compared.
     */
    @Benchmark
    public ForecastModel fitEndToEndSequential() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(fitUnits).connectivity(0.1).spectralRadius(0.9)
                .leakRate(0.3).topology(Topology.parse(topology)).seed(42).build(1);
        return Forecaster.of(r, RidgeReadout.withRidge(1e-6)).pipelined(false).fit(inputs, targets);
    }

    /** {@link #fitEndToEnd} with the recurrent weights in single precision. */
    @Benchmark
    public ForecastModel fitEndToEndFloat32() {
        EchoStateReservoir r = EchoStateReservoir.builder().units(fitUnits).connectivity(0.1).spectralRadius(0.9)
                .leakRate(0.3).topology(Topology.parse(topology)).seed(42).precision(Precision.FLOAT32).build(1);
        return Forecaster.of(r, RidgeReadout.withRidge(1e-6)).fit(inputs, targets);
    }
}
