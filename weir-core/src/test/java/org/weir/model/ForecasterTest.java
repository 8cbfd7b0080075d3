package org.weir.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weir.Peers;
import org.weir.data.Lorenz63;
import org.weir.metrics.Metrics;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.DeepReservoir;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.NvarFeatures;
import org.weir.reservoir.Reservoir;

class ForecasterTest {
    @TempDir
    Path dir;

    static double[][] column(double[] v, int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = new double[] {v[i]};
        }
        return out;
    }

    static double[][] mackeyGlass() throws Exception {
        return PeerBenchmarkTasksTest.column(Peers.mackeyGlass(2));
    }

    /** Saving and loading gives bit-identical predictions and generations, for every reservoir kind. */
    @Test
    void modelFileRoundTripIsBitIdentical() throws Exception {
        double[][] x = mackeyGlass();
        List<Supplier<Reservoir>> kinds = List.of(
                () -> EchoStateReservoir.builder().units(60).spectralRadius(0.9).leakRate(0.5).biasScaling(0.1)
                        .seed(3).build(1, 1),
                () -> EchoStateReservoir.builder().units(60).spectralRadius(0.9).leakRate(0.5)
                        .precision(org.weir.linalg.Precision.FLOAT32).seed(4).build(1),
                () -> DeepReservoir.create(DeepReservoir.withSeeds(EchoStateReservoir.builder().units(30).config(), 2), 1, true),
                () -> new NvarFeatures(1, 3, 2, 2, true));
        for (Supplier<Reservoir> kind : kinds) {
            Reservoir r = kind.get();
            ForecastModel m = Forecaster.of(r, RidgeReadout.withRidge(1e-6)).warmup(50).standardize(true)
                    .teacherNoise(r.feedbackDimension() > 0 ? 1e-3 : 0, 9).fit(Sequence.shifted(x, x, 1, 0, 1000));
            Path p = dir.resolve(r.kind() + ".weir");
            m.withMetadata(java.util.Map.of("target_columns", List.of("x_norm"))).save(p);
            ForecastModel back = ForecastModel.load(p);
            double[][] test = Sequence.shifted(x, x, 1, 1000, 1300).inputs();
            assertTrue(java.util.Arrays.deepEquals(m.predict(test), back.predict(test)), r.kind());
            assertTrue(java.util.Arrays.deepEquals(m.generate(test, 50), back.generate(test, 50)), r.kind());
            assertEquals(List.of("x_norm"), back.metadata().get("target_columns"));
            assertEquals(m.trainingEndState().steps(), back.trainingEndState().steps());
        }
    }

    /** Closed-loop generation of Mackey-Glass: the generated trajectory tracks the truth for many steps. */
    @Test
    void closedLoopGenerationFollowsMackeyGlass() throws Exception {
        double[][] x = mackeyGlass();
        EchoStateReservoir res = EchoStateReservoir.builder().units(400).spectralRadius(1.25).leakRate(0.3)
                .seed(2).build(1);
        ForecastModel m = Forecaster.of(res, RidgeReadout.withRidge(1e-7)).warmup(100)
                .fit(Sequence.shifted(x, x, 1, 0, 5000));
        // warm up on the rows before t0 = 6000 (teacher forced, row 5999 last), then 300 free steps
        double[][] gen = m.generate(column(flat(x), 5500, 6000), 300);
        double[][] truth = column(flat(x), 6000, 6300);
        int valid = Metrics.validPredictionTime(truth, gen, 0.2);
        System.out.println("MG closed loop, N=400: valid prediction time " + valid + " steps (threshold 0.2)");
        assertTrue(valid >= 150, "valid time " + valid);
    }

    static double[] flat(double[][] col) {
        double[] v = new double[col.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = col[i][0];
        }
        return v;
    }

    /** NVAR (Gauthier et al. 2021) on Lorenz-63: one-step NRMSE of all three coordinates is small. */
    @Test
    void nvarForecastsLorenz() {
        double[][] s = Lorenz63.standard().withDt(0.025).generate(4000);
        Reservoir nvar = new NvarFeatures(3, 2, 1, 2, true);
        ForecastModel m = Forecaster.of(nvar, RidgeReadout.withRidge(2.5e-6)).warmup(10).standardize(true)
                .fit(Sequence.shifted(s, s, 1, 200, 3000));
        Sequence test = Sequence.shifted(s, s, 1, 3000, 3999);
        double e = Metrics.nrmse(test.targets(), m.predict(test.inputs()));
        System.out.println("NVAR Lorenz-63 one-step NRMSE " + e);
        assertTrue(e < 0.01, "NRMSE " + e);
    }

    /** Several sequences of different lengths feed one readout; the result equals one pooled fit. */
    @Test
    void manySequencesOfDifferentLengths() throws Exception {
        double[][] x = mackeyGlass();
        EchoStateReservoir res = EchoStateReservoir.builder().units(50).seed(1).build(1);
        Sequence a = Sequence.shifted(x, x, 1, 0, 300);
        Sequence b = Sequence.shifted(x, x, 1, 1000, 1500);
        ForecastModel m = Forecaster.of(res, RidgeReadout.withRidge(1e-5)).warmup(20).fit(List.of(a, b));
        // reference: harvest each from zero, drop 20 rows each, pool
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (Sequence s : List.of(a, b)) {
            double[][] st = res.run(s.inputs());
            for (int t = 20; t < st.length; t++) {
                xs.add(st[t]);
                ys.add(s.targets()[t]);
            }
        }
        var ref = RidgeReadout.withRidge(1e-5).fit(xs.toArray(new double[0][]), ys.toArray(new double[0][]));
        for (int j = 0; j < 50; j++) {
            assertEquals(ref.weight(0, j), m.readout().weight(0, j), 1e-9);
        }
        assertEquals(760L, m.metadata().get("training_rows"));
        assertThrows(IllegalArgumentException.class,
                () -> Forecaster.of(res, RidgeReadout.withRidge(1)).warmup(600).fit(a));
    }

    /** Multiple inputs and outputs with standardization: predictions come back in original units. */
    @Test
    void multipleInputsAndOutputsInOriginalUnits() {
        double[][] s = Lorenz63.standard().generate(3000);
        double[][] scaled = new double[s.length][3];
        for (int t = 0; t < s.length; t++) {
            scaled[t] = new double[] {1000 + 50 * s[t][0], -3 + 0.01 * s[t][1], s[t][2]};
        }
        EchoStateReservoir res = EchoStateReservoir.builder().units(300).spectralRadius(0.9).leakRate(0.6)
                .inputConnectivity(0.5).seed(4).build(3);
        ForecastModel m = Forecaster.of(res, RidgeReadout.withRidge(1e-6)).warmup(100).standardize(true)
                .fit(Sequence.shifted(scaled, scaled, 1, 0, 2500));
        Sequence test = Sequence.shifted(scaled, scaled, 1, 2500, 2999);
        double[][] pred = m.predict(test.inputs());
        double r2 = Metrics.r2(test.targets(), pred);
        assertTrue(r2 > 0.999, "r2 " + r2);
        assertEquals(1000 + 50 * s[2600][0], pred[99][0], 5.0);
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(strings = {"last", "mean", "vote"})
    void classifiesSequencesOfDifferentLengths(String mode) {
        // class 0: noisy sine, class 1: noisy square wave, random lengths and phases
        SplittableRandom r = new SplittableRandom(11);
        List<double[][]> train = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int label = i % 2;
            train.add(wave(label, 30 + r.nextInt(40), r));
            labels.add(label);
        }
        // a bias breaks the odd symmetry x(-u) = -x(u) of a bias-free tanh reservoir, which would make both
        // classes (symmetric under a phase shift of pi) linearly indistinguishable
        EchoStateReservoir res = EchoStateReservoir.builder().units(100).spectralRadius(0.9).leakRate(0.5)
                .inputConnectivity(0.5).biasScaling(1.0).inputScaling(2.0).seed(6).build(1);
        var fitted = SequenceClassifier.of(res, RidgeReadout.withRidge(1e-3), SequenceClassifier.Mode.parse(mode), 10)
                .fit(train, labels.stream().mapToInt(Integer::intValue).toArray(), 2);
        List<double[][]> test = new ArrayList<>();
        int[] truth = new int[60];
        for (int i = 0; i < 60; i++) {
            truth[i] = r.nextInt(2);
            test.add(wave(truth[i], 25 + r.nextInt(50), r));
        }
        double acc = Metrics.accuracy(truth, fitted.predictAll(test));
        assertTrue(acc >= 0.95, mode + " accuracy " + acc);
    }

    static double[][] wave(int label, int len, SplittableRandom r) {
        double phase = r.nextDouble() * 2 * Math.PI;
        double[][] s = new double[len][1];
        for (int t = 0; t < len; t++) {
            double v = Math.sin(0.4 * t + phase);
            s[t][0] = (label == 0 ? v : Math.signum(v)) + 0.1 * r.nextGaussian();
        }
        return s;
    }

    @Test
    void generationNeedsMatchingDimensions() {
        EchoStateReservoir res = EchoStateReservoir.builder().units(20).seed(1).build(2);
        double[][] u = new double[100][2];
        double[][] y = new double[100][1];
        for (int t = 0; t < 100; t++) {
            u[t][0] = Math.sin(t);
            u[t][1] = Math.cos(t);
            y[t][0] = Math.sin(t + 1);
        }
        ForecastModel m = Forecaster.of(res, RidgeReadout.withRidge(1e-3)).fit(u, y);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.generate(u, 5));
        assertTrue(e.getMessage().contains("as many outputs as inputs"));
        double[] first = m.predict(new double[][] {{0.1, 0.2}})[0];
        assertArrayEquals(first, m.continueFromTraining().observe(new double[] {0.1, 0.2}), 0.0);
    }
}
