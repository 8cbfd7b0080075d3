package org.weir.data;

/** Temporary: replaced by the data branch's version on merge. */
public record Standardizer(double[] mean, double[] std) {
    public static Standardizer fit(double[][] rows) {
        int d = rows[0].length;
        double[] m = new double[d];
        double[] s = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                m[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= rows.length;
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                s[j] += (r[j] - m[j]) * (r[j] - m[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] = Math.sqrt(s[j] / rows.length);
            if (s[j] == 0) {
                s[j] = 1;
            }
        }
        return new Standardizer(m, s);
    }

    public static Standardizer identity(int width) {
        double[] s = new double[width];
        java.util.Arrays.fill(s, 1.0);
        return new Standardizer(new double[width], s);
    }

    public void transform(double[] in, double[] out) {
        for (int j = 0; j < mean.length; j++) {
            out[j] = (in[j] - mean[j]) / std[j];
        }
    }

    public void inverse(double[] in, double[] out) {
        for (int j = 0; j < mean.length; j++) {
            out[j] = in[j] * std[j] + mean[j];
        }
    }
}
