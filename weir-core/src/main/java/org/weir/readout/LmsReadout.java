package org.weir.readout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Least mean squares (Widrow and Hoff 1960), optionally normalized (NLMS): for each pair,
 * {@code W <- W + mu e z^T / (eps + |z|^2)} (normalized) or {@code W <- W + mu e z^T} (plain), with
 * {@code z = [1, x]} and {@code e = y - W z}. O(d) per update, nothing allocated.
 *
 * @param learningRate step size mu &gt; 0 (NLMS is stable for mu in (0, 2))
 * @param normalized whether to divide by {@code eps + |z|^2}
 */
public record LmsReadout(double learningRate, boolean normalized) implements Readout {
    /** Kind identifier. */
    public static final String KIND = "lms";
    private static final double EPS = 1e-8;

    public LmsReadout {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("learning_rate", learningRate);
        m.put("normalized", normalized);
        return m;
    }

    @Override
    public Learner begin(int features, int outputs) {
        return new Learner(features, outputs, learningRate, normalized);
    }

    /** An online LMS learner. */
    public static final class Learner implements Readout.Fit {
        private final int d;
        private final int k;
        private final double mu;
        private final boolean normalized;
        private final double[] w;
        private long count;

        Learner(int features, int outputs, double mu, boolean normalized) {
            this.d = features;
            this.k = outputs;
            this.mu = mu;
            this.normalized = normalized;
            this.w = new double[k * (d + 1)];
        }

        @Override
        public void add(double[] x, double[] y) {
            if (x.length != d || y.length != k) {
                throw new IllegalArgumentException("expected " + d + " features and " + k + " targets");
            }
            double step = mu;
            if (normalized) {
                double n2 = 1.0;
                for (double v : x) {
                    n2 += v * v;
                }
                step = mu / (EPS + n2);
            }
            int stride = d + 1;
            for (int c = 0; c < k; c++) {
                int off = c * stride;
                double s = w[off];
                for (int j = 0; j < d; j++) {
                    s += w[off + 1 + j] * x[j];
                }
                double g = step * (y[c] - s);
                w[off] += g;
                for (int j = 0; j < d; j++) {
                    w[off + 1 + j] += g * x[j];
                }
            }
            count++;
        }

        @Override
        public long count() {
            return count;
        }

        @Override
        public LinearReadout finish() {
            double[] weights = new double[k * d];
            double[] bias = new double[k];
            for (int c = 0; c < k; c++) {
                bias[c] = w[c * (d + 1)];
                System.arraycopy(w, c * (d + 1) + 1, weights, c * d, d);
            }
            return new LinearReadout(k, d, weights, bias);
        }
    }
}
