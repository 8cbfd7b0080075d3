package org.weir.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.weir.io.ArrayBundle;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.Reservoir;
import org.weir.reservoir.ReservoirState;

/** The batched classifier path (echo state reservoirs, LAST and MEAN) gives the one-by-one path's model exactly. */
class SequenceClassifierBatchTest {

    /** Hides the ESN behind the plain interface, which forces the one-sequence-at-a-time path. */
    record Opaque(Reservoir r) implements Reservoir {
        public String kind() { return r.kind(); }
        public int inputDimension() { return r.inputDimension(); }
        public int stateDimension() { return r.stateDimension(); }
        public ReservoirState newState() { return r.newState(); }
        public void step(ReservoirState s, double[] u, double[] fb) { r.step(s, u, fb); }
        public double effectiveSpectralRadius() { return r.effectiveSpectralRadius(); }
        public Map<String, Object> describe() { return r.describe(); }
        public void saveArrays(ArrayBundle out, String prefix) { r.saveArrays(out, prefix); }
    }

    /** Three classes of noisy 2-D sequences of lengths 5..60: slow sine, fast sine, constant level. */
    static List<double[][]> sequences(int count, int[] labels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[][]> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int c = rnd.nextInt(3);
            labels[s] = c;
            int len = 5 + rnd.nextInt(56);
            double[][] seq = new double[len][2];
            double phase = rnd.nextDouble(0, 6.28);
            for (int t = 0; t < len; t++) {
                double v = c == 0 ? Math.sin(0.3 * t + phase) : c == 1 ? Math.sin(2.0 * t + phase) : 0.8;
                seq[t][0] = v + 0.1 * rnd.nextGaussian();
                seq[t][1] = 0.1 * rnd.nextGaussian();
            }
            out.add(seq);
        }
        return out;
    }

    /** The 120-unit, two-input reservoir every test here classifies with. */
    static EchoStateReservoir esn() {
        return EchoStateReservoir.builder().units(120).spectralRadius(0.9).leakRate(0.4).inputConnectivity(1.0).seed(9)
                .build(2);
    }

    @ParameterizedTest
    @EnumSource(value = SequenceClassifier.Mode.class, names = {"LAST", "MEAN"})
    void batchedFeaturesGiveTheSameModelAndPredictions(SequenceClassifier.Mode mode) {
        int[] labels = new int[150];
        List<double[][]> train = sequences(150, labels, 1);
        int[] testLabels = new int[77];
        List<double[][]> test = sequences(77, testLabels, 2);
        EchoStateReservoir esn = esn();
        SequenceClassifier.Fitted batched = SequenceClassifier.of(esn, RidgeReadout.withRidge(1e-4), mode, 3)
                .fit(train, labels, 3);
        SequenceClassifier.Fitted oneByOne = SequenceClassifier.of(new Opaque(esn), RidgeReadout.withRidge(1e-4), mode, 3)
                .fit(train, labels, 3);
        assertArrayEquals(oneByOne.readout().weights(), batched.readout().weights(), 0.0, "readout weights, " + mode);
        int[] all = batched.predictAll(test);
        int correct = 0;
        for (int s = 0; s < test.size(); s++) {
            assertTrue(all[s] == batched.predict(test.get(s)), "sequence " + s);
            correct += all[s] == testLabels[s] ? 1 : 0;
        }
        assertArrayEquals(oneByOne.predictAll(test), all);
        System.out.printf("batched classifier (%s): test accuracy %.3f on %d sequences%n", mode,
                correct / (double) test.size(), test.size());
        assertTrue(correct > 0.6 * test.size(), "the classes are separable: " + correct + "/" + test.size());
    }

    @ParameterizedTest
    @EnumSource(value = SequenceClassifier.Mode.class, names = {"LAST", "MEAN"})
    void singlePrecisionLanesGiveTheSameModelToRounding(SequenceClassifier.Mode mode) {
        int[] labels = new int[150];
        List<double[][]> train = sequences(150, labels, 1);
        int[] testLabels = new int[77];
        List<double[][]> test = sequences(77, testLabels, 2);
        EchoStateReservoir esn = esn();
        SequenceClassifier.Fitted exact = SequenceClassifier.of(esn, RidgeReadout.withRidge(1e-4), mode, 3)
                .fit(train, labels, 3);
        SequenceClassifier.Fitted single = SequenceClassifier.of(esn, RidgeReadout.withRidge(1e-4), mode, 3)
                .withStatePrecision(org.weir.linalg.Precision.FLOAT32).fit(train, labels, 3);
        double[] we = exact.readout().weights();
        double[] ws = single.readout().weights();
        double worst = 0;
        double scale = 0;
        for (int k = 0; k < we.length; k++) {
            worst = Math.max(worst, Math.abs(we[k] - ws[k]));
            scale = Math.max(scale, Math.abs(we[k]));
        }
        assertTrue(worst > 0, "float states must differ from double ones by rounding");
        // features differ by ~1e-7; ridge 1e-4 bounds the amplification of that into the weights
        assertTrue(worst < 1e-3 * scale, "weights differ by " + worst + " (largest weight " + scale + ")");
        int[] e = exact.predictAll(test);
        int[] f = single.predictAll(test);
        int agree = 0;
        for (int s = 0; s < test.size(); s++) {
            agree += e[s] == f[s] ? 1 : 0;
            assertTrue(f[s] == single.predict(test.get(s)), "one sequence and many agree, sequence " + s);
            double[] a = exact.scores(test.get(s));
            double[] b = single.scores(test.get(s));
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(a[c] - b[c]) < 1e-3, "score " + c + " of sequence " + s + ": " + a[c] + " vs " + b[c]);
            }
        }
        System.out.printf("float32 lanes (%s): largest weight difference %.2e (largest weight %.2f), %d/%d predictions"
                + " agree%n", mode, worst, scale, agree, test.size());
        assertTrue(agree >= test.size() - 1, agree + "/" + test.size() + " predictions agree");
    }
}
