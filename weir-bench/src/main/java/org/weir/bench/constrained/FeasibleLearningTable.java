package org.weir.bench.constrained;

import java.util.List;
import java.util.Map;
import org.weir.constrained.Certificate;
import org.weir.constrained.ConstrainedFit;
import org.weir.constrained.ConstraintSpec;
import org.weir.constrained.Objective;
import org.weir.constrained.SolverOptions;
import org.weir.readout.LinearReadout;

/**
 * One row of the issue-4 Feasible Learning table on Mackey-Glass one-step: the unconstrained readout and Feasible
 * Learning with the SAME objective (squared error + ridge, ConstrainedFit's normalization {@code (1/n)|r|^2 +
 * ridge |w|^2}, i.e. RidgeReadout's ridge divided by n), eps = median + frac (max - median) of the unconstrained
 * readout's training errors (or {@code -frac} x its max when frac is negative). Prints train/test max and mean
 * errors, the fit time and the certificate. Run: {@code java -cp weir-bench/target/weir-benchmarks.jar
 * org.weir.bench.constrained.FeasibleLearningTable UNITS STEPS SEED FRAC [MAX_ITER] [RIDGE]}, e.g.
 * {@code 500 8000 1 0.5 2000 1e-10}.
 */
public final class FeasibleLearningTable {
    private FeasibleLearningTable() {
    }

    public static void main(String[] a) {
        int units = Integer.parseInt(a[0]);
        int steps = Integer.parseInt(a[1]);
        long seed = Long.parseLong(a[2]);
        double frac = Double.parseDouble(a[3]);
        int maxIt = a.length > 4 ? Integer.parseInt(a[4]) : 10000;
        double ridgeV = a.length > 5 ? Double.parseDouble(a[5]) : 1e-6;
        MackeyGlassFeatures t = MackeyGlassFeatures.create(units, steps, 2000, seed);
        long t0 = System.nanoTime();
        LinearReadout ridge = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(), List.of(),
            ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(ridgeV))).readout();
        double rs = (System.nanoTime() - t0) * 1e-9;
        double[] rTr = MackeyGlassFeatures.errors(ridge.predict(t.xTrain()), t.yTrain());
        double[] rTe = MackeyGlassFeatures.errors(ridge.predict(t.xTest()), t.yTest());
        System.out.printf("N=%d rows=%d seed=%d ridge=%g (%.2fs): train max %.4e med %.4e | test max %.4e mean %.4e%n",
            units, t.xTrain().length, seed, ridgeV, rs, rTr[0], rTr[2], rTe[0], rTe[1]);
        double eps = frac > 0 ? rTr[2] + frac * (rTr[0] - rTr[2]) : -frac * rTr[0];
        ConstrainedFit.Options opts = ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(ridgeV))
            .withSolverOptions(SolverOptions.builder().maxIterations(maxIt).build());
        t0 = System.nanoTime();
        ConstrainedFit.Result r = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(),
            List.of(ConstraintSpec.parse("abs-error<=" + eps + " per-sample")), opts);
        double fs = (System.nanoTime() - t0) * 1e-9;
        double[] fTr = MackeyGlassFeatures.errors(r.readout().predict(t.xTrain()), t.yTrain());
        double[] fTe = MackeyGlassFeatures.errors(r.readout().predict(t.xTest()), t.yTest());
        Certificate c = r.certificate();
        System.out.printf("FL eps=%.4e (%.2fs, %d it, %s): train max %.4e | test max %.4e mean %.4e | gap %.2e viol %.2e%n",
            eps, fs, c.iterations(), c.status(), fTr[0], fTe[0], fTe[1], c.relativeGap(), c.maxViolation());
    }
}
