package org.weir.data;

import java.util.Arrays;

/**
 * Per-column affine scaling {@code z = (x - mean) / std} and its inverse {@code x = z std + mean}.
 * {@link #fit(double[][])} uses the population standard deviation {@code sqrt(mean((x - mean)^2))}; a
 * constant column (std 0) gets std 1 so it maps to 0 instead of dividing by zero.
 *
 * @param mean per-column means (copied)
 * @param std per-column scales, finite and {@code > 0} (copied)
 */
public record Standardizer(double[] mean, double[] std) {

    /** Validates and copies. */
    public Standardizer {
        if (mean == null || std == null) {
            throw new IllegalArgumentException("mean and std must not be null");
        }
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " values but std has " + std.length);
        }
        for (int j = 0; j < mean.length; j++) {
            MackeyGlass.requireFinite("mean[" + j + "]", mean[j]);
            if (!(std[j] > 0) || !Double.isFinite(std[j])) {
                throw new IllegalArgumentException("std[" + j + "] must be finite and > 0, got " + std[j]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Column means and population standard deviations of {@code rows} (T x width, T >= 1, not modified).
     * Uses a two-pass algorithm (mean first, then squared deviations) for accuracy.
     */
    public static Standardizer fit(double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a Standardizer on zero rows");
        }
        int w = rows[0].length;
        double[] mean = new double[w];
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != w) {
                throw new IllegalArgumentException("row " + t + " has " + rows[t].length + " values, expected " + w);
            }
            for (int j = 0; j < w; j++) {
                MackeyGlass.requireFinite("rows[" + t + "][" + j + "]", rows[t][j]);
                mean[j] += rows[t][j];
            }
        }
        for (int j = 0; j < w; j++) {
            mean[j] /= rows.length;
        }
        double[] var = new double[w];
        for (double[] row : rows) {
            for (int j = 0; j < w; j++) {
                double d = row[j] - mean[j];
                var[j] += d * d;
            }
        }
        double[] std = new double[w];
        for (int j = 0; j < w; j++) {
            double s = Math.sqrt(var[j] / rows.length);
            std[j] = s > 0 ? s : 1.0;
        }
        return new Standardizer(mean, std);
    }

    /** The identity scaling (mean 0, std 1) for {@code width} columns. */
    public static Standardizer identity(int width) {
        if (width < 0) {
            throw new IllegalArgumentException("width must be >= 0, got " + width);
        }
        double[] ones = new double[width];
        Arrays.fill(ones, 1.0);
        return new Standardizer(new double[width], ones);
    }

    /** Number of columns. */
    public int width() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** {@code out[j] = (in[j] - mean[j]) / std[j]}; {@code in} is not modified, {@code out} may alias it. */
    public void transform(double[] in, double[] out) {
        check(in, out);
        for (int j = 0; j < mean.length; j++) {
            out[j] = (in[j] - mean[j]) / std[j];
        }
    }

    /** {@code out[j] = in[j] std[j] + mean[j]}; {@code in} is not modified, {@code out} may alias it. */
    public void inverse(double[] in, double[] out) {
        check(in, out);
        for (int j = 0; j < mean.length; j++) {
            out[j] = in[j] * std[j] + mean[j];
        }
    }

    /** Transformed copy of every row. */
    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][mean.length];
        for (int t = 0; t < rows.length; t++) {
            transform(rows[t], out[t]);
        }
        return out;
    }

    /** Inverse-transformed copy of every row. */
    public double[][] inverse(double[][] rows) {
        double[][] out = new double[rows.length][mean.length];
        for (int t = 0; t < rows.length; t++) {
            inverse(rows[t], out[t]);
        }
        return out;
    }

    private void check(double[] in, double[] out) {
        if (in.length != mean.length || out.length != mean.length) {
            throw new IllegalArgumentException("expected vectors of length " + mean.length + ", got in "
                    + in.length + " and out " + out.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(s.mean, mean) && Arrays.equals(s.std, std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Standardizer[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
