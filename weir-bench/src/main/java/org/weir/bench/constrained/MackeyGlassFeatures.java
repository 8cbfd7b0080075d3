package org.weir.bench.constrained;

import org.weir.data.MackeyGlass;
import org.weir.reservoir.EchoStateReservoir;

/**
 * The Mackey-Glass one-step task on echo-state reservoir states, as in the ReservoirPy peer README: inputs
 * {@code x_norm[0:7999]}, targets {@code x_norm[1:8000]}, test inputs {@code x_norm[7999:9999]} continuing the
 * state, first 100 training rows dropped as warm-up; N units, spectral radius 1.25, leak 0.3, input scaling 1,
 * 10 % connectivity.
 */
record MackeyGlassFeatures(double[][] xTrain, double[][] yTrain, double[][] xTest, double[][] yTest) {
    static final int WARMUP = 100;

    static MackeyGlassFeatures create(int units, int trainSteps, int testSteps, long seed) {
        double[] x = MackeyGlass.xNorm(MackeyGlass.standard().generate(trainSteps + testSteps + 1));
        EchoStateReservoir res = EchoStateReservoir.builder().units(units).spectralRadius(1.25).leakRate(0.3)
                .inputScaling(1.0).connectivity(0.1).seed(seed).build(1);
        int steps = trainSteps + testSteps;
        double[][] in = new double[steps][1];
        for (int t = 0; t < steps; t++) {
            in[t][0] = x[t];
        }
        double[][] states = res.run(in);
        int train = trainSteps - WARMUP;
        double[][] xTr = new double[train][];
        double[][] yTr = new double[train][1];
        for (int i = 0; i < train; i++) {
            xTr[i] = states[WARMUP + i];
            yTr[i][0] = x[WARMUP + i + 1];
        }
        double[][] xTe = new double[testSteps][];
        double[][] yTe = new double[testSteps][1];
        for (int i = 0; i < testSteps; i++) {
            xTe[i] = states[trainSteps + i];
            yTe[i][0] = x[trainSteps + i + 1];
        }
        return new MackeyGlassFeatures(xTr, yTr, xTe, yTe);
    }

    /** {max, mean, median} absolute error of predictions p against y (single output). */
    static double[] errors(double[][] p, double[][] y) {
        double[] a = new double[y.length];
        double max = 0;
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            a[i] = Math.abs(y[i][0] - p[i][0]);
            max = Math.max(max, a[i]);
            sum += a[i];
        }
        java.util.Arrays.sort(a);
        return new double[] {max, sum / y.length, a[a.length / 2]};
    }
}
