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

    private static double diag(double[][] z, BigDecimal[] mean, int j, MathContext mc) {
        BigDecimal c = BigDecimal.ZERO;
        for (double[] row : z) {
            BigDecimal v = new BigDecimal(row[j]).subtract(mean[j], mc);
            c = c.add(v.multiply(v, mc), mc);
        }
        return c.doubleValue();
    }
}
