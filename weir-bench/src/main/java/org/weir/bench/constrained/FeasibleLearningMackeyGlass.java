package org.weir.bench.constrained;

import java.util.List;
import java.util.Map;
import org.weir.constrained.Certificate;
import org.weir.constrained.ConstrainedFit;
import org.weir.constrained.ConstraintSpec;
import org.weir.constrained.Objective;
import org.weir.readout.LinearReadout;
import org.weir.readout.Readout;
import org.weir.readout.RidgeReadout;

/**
 * Prints the issue-4 Feasible Learning numbers on Mackey-Glass one-step (N=500 reservoir, 8000 training
 * steps): ridge vs feasible learning train/test max, mean and median absolute error, the certificate, and an
 * infeasible bound with its eps*. Run: {@code java -cp weir-bench/target/weir-benchmarks.jar
 * org.weir.bench.constrained.FeasibleLearningMackeyGlass [units] [seed] [feasible-only]}.
 */
public final class FeasibleLearningMackeyGlass {
    private FeasibleLearningMackeyGlass() {
    }

    public static void main(String[] args) {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        boolean feasibleOnly = args.length > 2 && args[2].equals("feasible-only");
        MackeyGlassFeatures t = MackeyGlassFeatures.create(units, 8000, 2000, seed);
        long t0 = System.nanoTime();
        Readout.Fit rf = RidgeReadout.withRidge(1e-6).begin(units, 1);
        for (int i = 0; i < t.xTrain().length; i++) {
            rf.add(t.xTrain()[i], t.yTrain()[i]);
        }
        LinearReadout ridge = rf.finish();
        double ridgeSeconds = (System.nanoTime() - t0) * 1e-9;
        double[] rTr = MackeyGlassFeatures.errors(ridge.predict(t.xTrain()), t.yTrain());
        double[] rTe = MackeyGlassFeatures.errors(ridge.predict(t.xTest()), t.yTest());
        System.out.printf("MG one-step, N=%d, %d training rows, %d test rows, reservoir seed %d%n", units,
                t.xTrain().length, t.xTest().length, seed);
        System.out.printf("ridge 1e-6 (RidgeReadout, %.2f s): train max %.4e mean %.4e median %.4e | test max %.4e mean %.4e%n",
                ridgeSeconds, rTr[0], rTr[1], rTr[2], rTe[0], rTe[1]);
        ConstrainedFit.Options opts = ConstrainedFit.Options.defaults().withObjective(Objective.squaredError(1e-6));
        for (double frac : feasibleOnly ? new double[] {0.5, 0.75} : new double[] {0.5, 0.75, 0.25}) {
            double eps = rTr[2] + frac * (rTr[0] - rTr[2]);
            ConstrainedFit.Result r = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(),
                    List.of(ConstraintSpec.parse("abs-error<=" + eps + " per-sample")), opts);
            double[] fTr = MackeyGlassFeatures.errors(r.readout().predict(t.xTrain()), t.yTrain());
            double[] fTe = MackeyGlassFeatures.errors(r.readout().predict(t.xTest()), t.yTest());
            System.out.printf("feasible learning eps=%.4e (median + %.2f (max - median)): train max %.4e mean %.4e | test max %.4e mean %.4e%n  %s%n",
                    eps, frac, fTr[0], fTr[1], fTe[0], fTe[1], r.certificate());
        }
        if (feasibleOnly) {
            return;
        }
        double epsLow = 0.5 * rTr[2];
        Certificate c = ConstrainedFit.fit(t.xTrain(), t.yTrain(), Map.of(),
                List.of(ConstraintSpec.parse("abs-error<=" + epsLow + " per-sample")), opts).certificate();
        System.out.printf("infeasible bound eps=%.4e: %s%n", epsLow, c);
    }
}
