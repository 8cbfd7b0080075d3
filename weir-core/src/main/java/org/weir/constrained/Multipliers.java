package org.weir.constrained;

import java.util.Arrays;

/**
 * Lagrange multipliers, one vector per constraint family. A vector is either in the family's
 * <em>constraint view</em> ({@code lambda_c >= 0}, one per constraint {@code g_c <= 0}; only
 * {@link LossBound} families have it) or in its <em>set view</em> ({@code u} of length
 * {@link ConstraintFamily#mapDimension()}, pairing with {@code z = B theta in C}). Immutable.
 */
public final class Multipliers {
    private final double[][] values;
    private final boolean[] setView;

    Multipliers(double[][] values, boolean[] setView) {
        this.values = new double[values.length][];
        for (int f = 0; f < values.length; f++) {
            this.values[f] = values[f].clone();
        }
        this.setView = setView.clone();
    }

    /** Number of families. */
    public int families() {
        return values.length;
    }

    /** Copy of family f's multipliers. */
    public double[] values(int f) {
        return values[f].clone();
    }

    /** True when family f's vector is in the set view. */
    public boolean isSetView(int f) {
        return setView[f];
    }

    double[] raw(int f) {
        return values[f];
    }

    /** All multipliers' absolute values in one array. */
    double[] allAbs() {
        int len = 0;
        for (double[] v : values) {
            len += v.length;
        }
        double[] out = new double[len];
        int o = 0;
        for (double[] v : values) {
            for (double e : v) {
                out[o++] = Math.abs(e);
            }
        }
        return out;
    }

    /** Summary statistics of the absolute multipliers: max, mean, median, fraction zero. */
    double[] stats() {
        double[] a = allAbs();
        if (a.length == 0) {
            return new double[] {0, 0, 0, 1};
        }
        double max = 0;
        double sum = 0;
        int zero = 0;
        for (double v : a) {
            max = Math.max(max, v);
            sum += v;
            if (v == 0) {
                zero++;
            }
        }
        Arrays.sort(a);
        double median = a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
        return new double[] {max, sum / a.length, median, (double) zero / a.length};
    }
}
