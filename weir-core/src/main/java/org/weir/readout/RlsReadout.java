package org.weir.readout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recursive least squares with exponential forgetting (Haykin, "Adaptive Filter Theory", ch. 10), applied
 * to the augmented features {@code [1, x]} so the bias is learned too. With {@code P_0 = I / delta} and
 * forgetting factor {@code lambda}, after n pairs the weights minimize
 * {@code sum_t lambda^(n-t) |y_t - W [1, x_t]|^2 + lambda^n delta |W|^2}: with {@code lambda = 1} exactly
 * the ridge solution with a regularized bias and ridge {@code delta}. Each update costs O(d^2) and
 * allocates nothing.
 *
 * @param forgetting forgetting factor lambda in (0, 1]
 * @param delta initial regularization delta &gt; 0
 */
public record RlsReadout(double forgetting, double delta) implements Readout {
    /** Kind identifier. */
    public static final String KIND = "rls";

    public RlsReadout {
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new IllegalArgumentException("forgetting factor must be in (0, 1], got " + forgetting);
        }
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be a finite number > 0, got " + delta);
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
        m.put("forgetting", forgetting);
        m.put("delta", delta);
        return m;
    }

    @Override
    public Learner begin(int features, int outputs) {
        return new Learner(features, outputs, forgetting, delta);
    }

    /** An online RLS learner: update with each pair, predict at any time. */
    public static final class Learner implements Readout.Fit {
        private final int d;
        private final int k;
        private final double lambda;
        private final double[] p;
        private final double[] w;
        private final double[] z;
        private final double[] pz;
        private final double[] e;
        private long count;

        Learner(int features, int outputs, double lambda, double delta) {
            if (features < 0 || outputs < 1) {
                throw new IllegalArgumentException("need features >= 0 and outputs >= 1");
            }
            this.d = features + 1;
            this.k = outputs;
            this.lambda = lambda;
            this.p = new double[d * d];
            for (int i = 0; i < d; i++) {
                p[i * d + i] = 1.0 / delta;
            }
            this.w = new double[k * d];
            this.z = new double[d];
            this.pz = new double[d];
            this.e = new double[k];
        }

        /** Updates the weights with one pair (x, y); nothing is allocated. */
        @Override
        public void add(double[] x, double[] y) {
            if (x.length != d - 1 || y.length != k) {
                throw new IllegalArgumentException("expected " + (d - 1) + " features and " + k + " targets");
            }
            z[0] = 1.0;
            System.arraycopy(x, 0, z, 1, d - 1);
            double denom = lambda;
            for (int i = 0; i < d; i++) {
                double s = 0;
                int off = i * d;
                for (int j = 0; j < d; j++) {
                    s += p[off + j] * z[j];
                }
                pz[i] = s;
                denom += z[i] * s;
            }
            for (int c = 0; c < k; c++) {
                double s = 0;
                int off = c * d;
                for (int j = 0; j < d; j++) {
                    s += w[off + j] * z[j];
                }
                e[c] = y[c] - s;
            }
            double inv = 1.0 / denom;
            for (int c = 0; c < k; c++) {
                double ec = e[c] * inv;
                int off = c * d;
                for (int j = 0; j < d; j++) {
                    w[off + j] += ec * pz[j];
                }
            }
            double il = 1.0 / lambda;
            for (int i = 0; i < d; i++) {
                double gi = pz[i] * inv;
                int off = i * d;
                for (int j = i; j < d; j++) {
                    double v = (p[off + j] - gi * pz[j]) * il;
                    p[off + j] = v;
                    p[j * d + i] = v;
                }
            }
            count++;
        }

        @Override
        public long count() {
            return count;
        }

        /**
         * Prediction with the current weights.
         *
         * @param x features (not modified)
         * @param out outputs (modified)
         */
        public void predict(double[] x, double[] out) {
            for (int c = 0; c < k; c++) {
                int off = c * d;
                double s = w[off];
                for (int j = 1; j < d; j++) {
                    s += w[off + j] * x[j - 1];
                }
                out[c] = s;
            }
        }

        @Override
        public LinearReadout finish() {
            double[] weights = new double[k * (d - 1)];
            double[] bias = new double[k];
            for (int c = 0; c < k; c++) {
                bias[c] = w[c * d];
                System.arraycopy(w, c * d + 1, weights, c * (d - 1), d - 1);
            }
            return new LinearReadout(k, d - 1, weights, bias);
        }
    }
}
