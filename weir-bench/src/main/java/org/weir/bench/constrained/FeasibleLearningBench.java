package org.weir.bench.constrained;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.weir.constrained.ConstrainedFit;
import org.weir.constrained.ConstraintSpec;
import org.weir.constrained.Objective;
import org.weir.readout.LinearReadout;
import org.weir.readout.Readout;
import org.weir.readout.RidgeReadout;

/**
 * Issue 4's budget: a Feasible Learning fit (per-sample bound {@code |error| <= eps}, eps halfway between the
 * ridge readout's median and max training error, exact dual ascent, certified) on N=500 reservoir states and
 * 7900 rows of Mackey-Glass should cost at most 10x the plain ridge fit on the same data. Run:
 * {@code java -jar weir-bench/target/weir-benchmarks.jar FeasibleLearningBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class FeasibleLearningBench {
    @Param({"500"})
    int units;

    @Param({"8000"})
    int steps;

    private MackeyGlassFeatures task;
    private ConstraintSpec bound;
    private ConstrainedFit.Options options;

    @Setup(Level.Trial)
    public void setup() {
        task = MackeyGlassFeatures.create(units, steps, 10, 1);
        LinearReadout ridge = ridgeFit();
        double[] e = MackeyGlassFeatures.errors(ridge.predict(task.xTrain()), task.yTrain());
        bound = ConstraintSpec.parse("abs-error<=" + (0.5 * (e[0] + e[2])) + " per-sample");
        options = ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(1e-6));
    }

    @Benchmark
    public LinearReadout ridgeFit() {
        Readout.Fit f = RidgeReadout.withRidge(1e-6).begin(units, 1);
        double[][] x = task.xTrain();
        double[][] y = task.yTrain();
        for (int i = 0; i < x.length; i++) {
            f.add(x[i], y[i]);
        }
        return f.finish();
    }

    @Benchmark
    public ConstrainedFit.Result feasibleLearningFit() {
        ConstrainedFit.Result r = ConstrainedFit.fit(task.xTrain(), task.yTrain(), Map.of(), List.of(bound), options);
        if (r.certificate().status() != org.weir.constrained.Status.CERTIFIED) {
            throw new IllegalStateException("not certified: " + r.certificate());
        }
        return r;
    }
}
