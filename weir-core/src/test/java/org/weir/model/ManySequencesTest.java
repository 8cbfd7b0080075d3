package org.weir.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.weir.data.Lorenz63;
import org.weir.readout.RidgeReadout;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.NvarFeatures;
import org.weir.reservoir.Reservoir;

/** predictEach / generateEach give exactly what one session per sequence gives, batched or not. */
class ManySequencesTest {

    static List<double[][]> pieces(double[][] s, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[][]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int len = i == 3 ? 0 : 1 + rnd.nextInt(120);
            int start = rnd.nextInt(s.length - len);
            out.add(java.util.Arrays.copyOfRange(s, start, start + len));
        }
        return out;
    }

    @Test
    void predictionsAndGenerationsEqualOneSessionPerSequence() {
        double[][] s = Lorenz63.standard().withDt(0.02).generate(6000);
        List<Reservoir> reservoirs = List.of(
                EchoStateReservoir.builder().units(150).spectralRadius(0.9).leakRate(0.5).inputConnectivity(1.0)
                        .biasScaling(0.1).seed(3).build(3),
                new NvarFeatures(3, 2, 1, 2, true));
        List<double[][]> seqs = pieces(s, 75, 11);
        for (Reservoir r : reservoirs) {
            ForecastModel m = Forecaster.of(r, RidgeReadout.withRidge(1e-6)).warmup(20).standardize(true)
                    .fit(Sequence.shifted(s, s, 1, 0, 4000));
            List<double[][]> each = m.predictEach(seqs);
            List<double[][]> gen = m.generateEach(seqs, 25);
            assertEquals(seqs.size(), each.size());
            for (int i = 0; i < seqs.size(); i++) {
                ForecastModel.Session session = m.newSession();
                double[][] seq = seqs.get(i);
                assertEquals(seq.length, each.get(i).length);
                for (int t = 0; t < seq.length; t++) {
                    double[] p = session.observe(seq[t]);
                    assertTrue(java.util.Arrays.equals(p, each.get(i)[t]), r.kind() + " sequence " + i + " row " + t);
                }
                assertTrue(java.util.Arrays.deepEquals(m.generate(seq, 25), gen.get(i)), r.kind() + " generation " + i);
            }
        }
    }

    @Test
    void singlePrecisionLanesFollowTheDoubleOnesToRounding() {
        double[][] s = Lorenz63.standard().withDt(0.02).generate(6000);
        ForecastModel m = Forecaster.of(EchoStateReservoir.builder().units(150).spectralRadius(0.9).leakRate(0.5)
                .inputConnectivity(1.0).biasScaling(0.1).seed(3).build(3), RidgeReadout.withRidge(1e-6)).warmup(20)
                .standardize(true).fit(Sequence.shifted(s, s, 1, 0, 4000));
        List<double[][]> seqs = pieces(s, 75, 11);
        List<double[][]> exact = m.predictEach(seqs);
        List<double[][]> single = m.predictEach(seqs, org.weir.linalg.Precision.FLOAT32);
        double worst = 0;
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(exact.get(i).length, single.get(i).length);
            for (int t = 0; t < exact.get(i).length; t++) {
                for (int c = 0; c < 3; c++) {
                    worst = Math.max(worst, Math.abs(exact.get(i)[t][c] - single.get(i)[t][c]));
                }
            }
        }
        // one-step forecasts of Lorenz-63 (values up to ~45): the state rounding (~1e-7) through the readout
        System.out.printf("predictEach float32 vs float64: max forecast difference %.2e%n", worst);
        assertTrue(worst > 0 && worst < 1e-4, "max forecast difference " + worst);
        List<double[][]> gen = m.generateEach(seqs.subList(0, 10), 5, org.weir.linalg.Precision.FLOAT32);
        List<double[][]> genExact = m.generateEach(seqs.subList(0, 10), 5);
        for (int i = 0; i < 10; i++) {
            for (int t = 0; t < 5; t++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(genExact.get(i)[t][c], gen.get(i)[t][c], 0.05, "generation " + i + " step " + t);
                }
            }
        }
    }

    @Test
    void badRowsNameTheSequenceAndRow() {
        ForecastModel m = Forecaster.of(EchoStateReservoir.builder().units(20).build(2), RidgeReadout.withRidge(1e-6))
                .fit(new double[][] {{1, 2}, {2, 3}, {3, 4}}, new double[][] {{1}, {2}, {3}});
        List<double[][]> bad = List.of(new double[][] {{1, 2}}, new double[][] {{1, 2}, {3}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predictEach(bad));
        assertEquals("sequence 1, row 1 has 1 values; the model takes 2", e.getMessage());
        List<double[][]> one = new ArrayList<>();
        one.add(new double[][] {{1, 2}});
        assertThrows(IllegalArgumentException.class, () -> m.generateEach(one, 3));
    }
}
