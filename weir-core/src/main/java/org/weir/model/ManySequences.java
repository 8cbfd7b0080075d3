package org.weir.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.weir.linalg.Precision;
import org.weir.reservoir.EchoStateBatch;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.LaneBatch;

/**
 * {@link ForecastModel#predictEach} and {@link ForecastModel#generateEach}: many independent sequences, each
 * from a zero state. With an echo state reservoir (no output feedback) the sequences run as lanes of
 * {@link EchoStateBatch}es (sorted by length, {@value #LANES} per batch, batches in parallel); every lane does
 * what a {@link ForecastModel.Session} does, operation for operation, so the numbers equal the sessions' bit
 * for bit. With single-precision states ({@link org.weir.reservoir.FloatStateBatch}) the lanes run about twice as
 * fast and the forecasts differ from the sessions' by the rounding of the states. Other reservoirs run one session
 * per sequence, in parallel (always in double precision).
 */
final class ManySequences {
    static final int LANES = 32;

    private ManySequences() {
    }

    /**
     * @param genSteps -1: teacher-forced predictions for every row; else closed-loop steps after the rows
     * @return per sequence: its predictions (one row per input row), or its generated rows
     */
    static List<double[][]> run(ForecastModel m, List<double[][]> seqs, int genSteps, Precision states) {
        if (states == null) {
            throw new IllegalArgumentException("state precision must be given (float64 or float32)");
        }
        int d = m.inputDimension();
        for (int s = 0; s < seqs.size(); s++) {
            double[][] seq = seqs.get(s);
            for (int t = 0; t < seq.length; t++) {
                if (seq[t].length != d) {
                    throw new IllegalArgumentException("sequence " + s + ", row " + t + " has " + seq[t].length
                            + " values; the model takes " + d);
                }
            }
        }
        double[][][] out = new double[seqs.size()][][];
        if (m.reservoir() instanceof EchoStateReservoir esn && esn.feedbackDimension() == 0) {
            batched(m, esn, seqs, genSteps, out, states);
        } else {
            IntStream.range(0, seqs.size()).parallel().forEach(s -> {
                ForecastModel.Session session = m.newSession();
                double[][] seq = seqs.get(s);
                if (genSteps < 0) {
                    double[][] p = new double[seq.length][];
                    for (int t = 0; t < seq.length; t++) {
                        p[t] = session.observe(seq[t]).clone();
                    }
                    out[s] = p;
                } else {
                    for (double[] u : seq) {
                        session.observe(u);
                    }
                    out[s] = session.generate(genSteps);
                }
            });
        }
        List<double[][]> list = new ArrayList<>(out.length);
        for (double[][] o : out) {
            list.add(o);
        }
        return list;
    }

    private static int total(double[][] seq, int genSteps) {
        return genSteps < 0 ? seq.length : seq.length + Math.max(0, genSteps - 1);
    }

    private static void batched(ForecastModel m, EchoStateReservoir esn, List<double[][]> seqs, int genSteps,
            double[][][] out, Precision states) {
        int count = seqs.size();
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(total(seqs.get(b), genSteps), total(seqs.get(a), genSteps)));
        int groups = (count + LANES - 1) / LANES;
        // one batch per worker thread, reset for each group (a float batch's state block can be a large array)
        ThreadLocal<LaneBatch> batches = ThreadLocal.withInitial(() -> esn.newBatch(Math.min(LANES, count), states));
        IntStream.range(0, groups).parallel().forEach(g -> {
            int from = g * LANES;
            int lanes = Math.min(LANES, count - from);
            int n = esn.stateDimension();
            int k = m.outputDimension();
            LaneBatch batch = batches.get();
            batch.reset();
            double[] state = new double[n];
            double[] u = new double[m.inputDimension()];
            double[] scaled = new double[k];
            double[][] last = new double[lanes][k];
            for (int b = 0; b < lanes; b++) {
                double[][] seq = seqs.get(order[from + b]);
                int s = order[from + b];
                if (genSteps < 0) {
                    out[s] = new double[seq.length][];
                } else {
                    out[s] = new double[genSteps][];
                    // a session starts with the prediction of the zero state
                    m.readout().predict(state, scaled);
                    m.targetScale().inverse(scaled, last[b]);
                    if (seq.length == 0 && genSteps > 0) {
                        out[s][0] = last[b].clone();
                    }
                }
            }
            int longest = total(seqs.get(order[from]), genSteps);
            for (int t = 0; t < longest; t++) {
                int active = 0;
                for (int b = 0; b < lanes; b++) {
                    double[][] seq = seqs.get(order[from + b]);
                    if (t < total(seq, genSteps)) {
                        m.inputScale().transform(t < seq.length ? seq[t] : last[b], u);
                        batch.input(b, u);
                        active = b + 1; // sorted by length: the active lanes are a prefix
                    }
                }
                batch.step(0, active);
                for (int b = 0; b < active; b++) {
                    int s = order[from + b];
                    batch.copyState(b, state);
                    m.readout().predict(state, scaled);
                    m.targetScale().inverse(scaled, last[b]);
                    if (genSteps < 0) {
                        out[s][t] = last[b].clone();
                    } else {
                        int idx = t - seqs.get(s).length + 1;
                        if (idx >= 0 && idx < genSteps) {
                            out[s][idx] = last[b].clone();
                        }
                    }
                }
            }
        });
    }
}
