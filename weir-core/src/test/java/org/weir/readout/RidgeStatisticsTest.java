package org.weir.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streamed statistics over many blocks against exact arithmetic (BigDecimal two-pass centred sums), on data that
 * stress the shifted accumulation: stationary noise far from zero, a linear trend, and jumps of 10^8 standard
 * deviations at block boundaries (each block's shifted co-moment then cancels completely, and the error must stay
 * within eps of the final co-moments, whose between-block part dominates).
 */
class RidgeStatisticsTest {

    private static double[][] data(String kind, int n, int d, SplittableRandom rnd) {
        double[][] x = new double[n][d + 1]; // last column: the target
        for (int t = 0; t < n; t++) {
            for (int j = 0; j <= d; j++) {
                double noise = rnd.nextGaussian();
                x[t][j] = switch (kind) {
                    case "stationary" -> 1e3 + j + noise;
                    case "trend" -> 0.01 * t * (j + 1) + noise;
                    // piecewise constant level jumping by 1e6 at every block boundary (4096 rows), noise 1e-2
                    case "jumps" -> (t / 4096) * 1e6 * (j % 2 == 0 ? 1 : -1) + 1e-2 * noise;
                    default -> throw new IllegalArgumentException(kind);
                };
            }
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stationary", "trend", "jumps"})
    void manyBlocksMatchExactCentredSums(String kind) {
        int n = 17_000; // 4096-row blocks for few features: four full blocks and a partial one
        int d = 4;
        double[][] z = data(kind, n, d, new SplittableRandom(kind.length()));
        RidgeStatistics s = new RidgeStatistics(d, 1);
        double[] x = new double[d];
        double[] y = new double[1];
        for (double[] row : z) {
            System.arraycopy(row, 0, x, 0, d);
            y[0] = row[d];
            s.add(x, y);
        }
        RidgeStatistics.Snapshot snap = s.snapshot();
        assertEquals(n, snap.count());
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal[] mean = new BigDecimal[d + 1];
        for (int j = 0; j <= d; j++) {
            BigDecimal sum = BigDecimal.ZERO;
            for (double[] row : z) {
                sum = sum.add(new BigDecimal(row[j]), mc);
            }
            mean[j] = sum.divide(BigDecimal.valueOf(n), mc);
        }
        double worst = 0;
        for (int i = 0; i < d; i++) {
            assertEquals(mean[i].doubleValue(), snap.meanX()[i], 1e-12 * Math.max(1, Math.abs(mean[i].doubleValue())));
            for (int j = 0; j <= d; j++) {
                BigDecimal c = BigDecimal.ZERO;
                for (double[] row : z) {
                    c = c.add(new BigDecimal(row[i]).subtract(mean[i], mc)
                            .multiply(new BigDecimal(row[j]).subtract(mean[j], mc), mc), mc);
                }
                double want = c.doubleValue();
                double got = j < d ? snap.sxx()[i * d + j] : snap.sxy()[i];
                // relative to the geometric mean of the two diagonal co-moments (the scale of the entry)
                double scale = Math.sqrt(diag(z, mean, i, mc) * diag(z, mean, j, mc));
                double err = Math.abs(got - want) / scale;
                worst = Math.max(worst, err);
                assertTrue(err < 1e-11, kind + " S[" + i + "," + j + "] = " + got + ", exact " + want + ", relative error "
                        + err);
            }
        }
        assertEquals(mean[d].doubleValue(), snap.meanY()[0], 1e-12 * Math.max(1, Math.abs(mean[d].doubleValue())));
        System.out.printf("%s: worst relative co-moment error %.2e%n", kind, worst);
    }

    /** Two-pass centred sums in double, with the row count and features large enough for the threaded update. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void wideRowsMatchTwoPassCentredSumsAndAreBitReproducible(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = 150 + rnd.nextInt(60);
        int k = 1 + rnd.nextInt(4);
        int n = 2500 + rnd.nextInt(3000); // several 512-row chunks, a partial one, and blocks
        System.out.println("seed " + seed + ": d=" + d + " k=" + k + " n=" + n);
        int dz = d + k;
        double[][] z = new double[n][dz];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < dz; j++) {
                z[t][j] = 50.0 * (j % 7) + 0.001 * t * (j % 3) + rnd.nextGaussian();
            }
        }
        double[] mean = new double[dz];
        for (double[] row : z) {
            for (int j = 0; j < dz; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < dz; j++) {
            mean[j] /= n;
        }
        double[] want = new double[dz * dz];
        for (double[] row : z) {
            for (int i = 0; i < dz; i++) {
                double vi = row[i] - mean[i];
                for (int j = i; j < dz; j++) {
                    want[i * dz + j] += vi * (row[j] - mean[j]);
                }
            }
        }
        RidgeStatistics s = new RidgeStatistics(d, k);
        RidgeStatistics again = new RidgeStatistics(d, k);
        RidgeStatistics copied = null;
        for (int t = 0; t < n; t++) {
            double[] x = java.util.Arrays.copyOf(z[t], d);
            double[] y = java.util.Arrays.copyOfRange(z[t], d, dz);
            s.add(x, y);
            again.add(x, y);
            if (t == n / 3) {
                copied = again.copy();
            } else if (t > n / 3) {
                copied.add(x, y);
            }
        }
        RidgeStatistics.Snapshot snap = s.snapshot();
        assertEquals(n, snap.count());
        for (int i = 0; i < d; i++) {
            assertEquals(mean[i], snap.meanX()[i], 1e-12 * (1 + Math.abs(mean[i])), "mean x " + i);
            for (int j = 0; j < dz; j++) {
                int a = Math.min(i, j);
                int b = Math.max(i, j);
                double w = want[a * dz + b];
                double got = j < d ? snap.sxx()[i * d + j] : snap.sxy()[i * k + j - d];
                double scale = Math.sqrt(want[i * dz + i] * want[j * dz + j]);
                assertTrue(Math.abs(got - w) <= 1e-11 * scale, "seed " + seed + " S[" + i + "," + j + "] = " + got
                        + ", two-pass " + w);
            }
        }
        for (int j = 0; j < k; j++) {
            assertEquals(mean[d + j], snap.meanY()[j], 1e-12 * (1 + Math.abs(mean[d + j])), "mean y " + j);
        }
        // the same rows give the same bits, whatever the threads did, and a copy carries on identically
        for (RidgeStatistics other : new RidgeStatistics[] {again, copied}) {
            RidgeStatistics.Snapshot o = other.snapshot();
            org.junit.jupiter.api.Assertions.assertArrayEquals(snap.sxx(), o.sxx(), 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(snap.sxy(), o.sxy(), 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(snap.meanX(), o.meanX(), 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(snap.meanY(), o.meanY(), 0.0);
        }
    }

    /** A snapshot in the middle ends a block; the statistics stay exact, and rows can follow. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void snapshotsInTheMiddleKeepTheStatisticsExact(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = 30;
        int n = 3000;
        RidgeStatistics s = new RidgeStatistics(d, 1);
        double[][] z = new double[n][d + 1];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j <= d; j++) {
                z[t][j] = 1e4 + j + rnd.nextGaussian();
            }
            s.add(java.util.Arrays.copyOf(z[t], d), new double[] {z[t][d]});
            if (t == 0 || t == 700 || t == 2047) {
                RidgeStatistics.Snapshot mid = s.snapshot();
                assertEquals(t + 1, mid.count());
            }
        }
        RidgeStatistics.Snapshot snap = s.snapshot();
        double[] mean = new double[d + 1];
        for (double[] row : z) {
            for (int j = 0; j <= d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= d; j++) {
                double w = 0;
                double si = 0;
                double sj = 0;
                for (double[] row : z) {
                    w += (row[i] - mean[i]) * (row[j] - mean[j]);
                    si += (row[i] - mean[i]) * (row[i] - mean[i]);
                    sj += (row[j] - mean[j]) * (row[j] - mean[j]);
                }
                double got = j < d ? snap.sxx()[i * d + j] : snap.sxy()[i];
                assertTrue(Math.abs(got - w) <= 1e-11 * Math.sqrt(si * sj), "seed " + seed + " S[" + i + "," + j + "] = "
                        + got + ", two-pass " + w);
            }
        }
    }

    private static double diag(double[][] z, BigDecimal[] mean, int j, MathContext mc) {
        BigDecimal c = BigDecimal.ZERO;
        for (double[] row : z) {
            BigDecimal v = new BigDecimal(row[j]).subtract(mean[j], mc);
            c = c.add(v.multiply(v, mc), mc);
        }
        return c.doubleValue();
    }
}
