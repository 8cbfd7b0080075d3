package org.weir.constrained;

import java.util.Arrays;

/** Euclidean projection onto the L1 ball (Duchi et al., "Efficient projections onto the l1-ball", ICML 2008). */
final class L1Ball {
    private L1Ball() {
    }

    /** Projects v[from, from+len) onto {@code |z - centre|_1 <= r} in place (centre given per coordinate). */
    static void project(double[] v, int from, int len, double[] centre, double r) {
        double s = 0;
        for (int t = 0; t < len; t++) {
            s += Math.abs(v[from + t] - centre[t]);
        }
        if (s <= r) {
            return;
        }
        if (r == 0) {
            for (int t = 0; t < len; t++) {
                v[from + t] = centre[t];
            }
            return;
        }
        double[] a = new double[len];
        for (int t = 0; t < len; t++) {
            a[t] = Math.abs(v[from + t] - centre[t]);
        }
        Arrays.sort(a);
        double cum = 0;
        double tau = 0;
        for (int t = len - 1, m = 1; t >= 0; t--, m++) {
            cum += a[t];
            double cand = (cum - r) / m;
            if (t == 0 || a[t - 1] <= cand) {
                tau = cand;
                break;
            }
        }
        for (int t = 0; t < len; t++) {
            double d = v[from + t] - centre[t];
            double mag = Math.max(Math.abs(d) - tau, 0);
            v[from + t] = centre[t] + Math.copySign(mag, d);
        }
    }
}
