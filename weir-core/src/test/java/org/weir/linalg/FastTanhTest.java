package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FastTanhTest {

    /** Distance in ulps between two finite doubles of the same sign (exact, via the ordered bit patterns). */
    static long ulpDistance(double a, double b) {
        long x = Double.doubleToLongBits(a);
        long y = Double.doubleToLongBits(b);
        if (x < 0) {
            x = Long.MIN_VALUE - x;
        }
        if (y < 0) {
            y = Long.MIN_VALUE - y;
        }
        return Math.abs(x - y);
    }

    @Test
    void denseSweepWithinTwoUlpOfMathTanh() {
        int n = 2_000_001;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -20.0 + 40.0 * i / (n - 1);
        }
        double[] y = x.clone();
        FastTanh.tanhInPlace(y, 0, n);
        long maxUlp = 0;
        double worst = Double.NaN;
        long differing = 0;
        for (int i = 0; i < n; i++) {
            long u = ulpDistance(y[i], Math.tanh(x[i]));
            if (u > 0) {
                differing++;
            }
            if (u > maxUlp) {
                maxUlp = u;
                worst = x[i];
            }
        }
        System.out.printf("FastTanh vs Math.tanh over [-20,20] (%d points): max %d ulp at x=%s, %d differ%n",
                n, maxUlp, worst, differing);
        // Math.tanh (fdlibm) itself errs by up to ~1.7 ulp; FastTanh is within 1 ulp of the true value
        assertTrue(maxUlp <= 2, "max ulp distance " + maxUlp + " at x=" + worst);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomMagnitudesWithinTwoUlpOfMathTanh(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 200_003;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // log-uniform magnitude from 2^-60 to 2^6, random sign
            double m = Math.scalb(1.0 + rnd.nextDouble(), rnd.nextInt(-60, 6));
            x[i] = rnd.nextBoolean() ? m : -m;
        }
        double[] y = x.clone();
        FastTanh.tanhInPlace(y, 0, n);
        for (int i = 0; i < n; i++) {
            long u = ulpDistance(y[i], Math.tanh(x[i]));
            assertTrue(u <= 2, "seed " + seed + ": x=" + x[i] + " gives " + y[i] + ", Math.tanh " + Math.tanh(x[i]));
        }
    }

    @Test
    void specialValuesMatchMathTanhExactly() {
        double[] x = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
            0x1p-1030, -0x1.5p-1040, 1e-300, 1e-200, 0x1p-27, -0x1p-27, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Double.MAX_VALUE, -Double.MAX_VALUE, 22.0, -22.0, 21.999,
            23.0, 1e10, -1e300, FastTanh.POLY_LIMIT, Math.nextDown(FastTanh.POLY_LIMIT), -FastTanh.POLY_LIMIT};
        // run through both the vector body (pad to a multiple of any vector width) and the scalar path
        double[] padded = new double[64];
        System.arraycopy(x, 0, padded, 0, x.length);
        double[] v = padded.clone();
        FastTanh.tanhInPlace(v, 0, v.length);
        double[] s = padded.clone();
        FastTanh.tanhScalar(s, 0, s.length);
        for (int i = 0; i < x.length; i++) {
            double expected = Math.tanh(x[i]);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(v[i]) && Double.isNaN(s[i]), "NaN in, NaN out");
                continue;
            }
            if (x[i] == 0 || Math.abs(x[i]) < 0x1p-26 || Double.isInfinite(x[i]) || Math.abs(x[i]) >= 22) {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(v[i]), "x=" + x[i]);
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(s[i]), "x=" + x[i]);
            } else {
                assertTrue(ulpDistance(v[i], expected) <= 2, "x=" + x[i]);
                assertTrue(ulpDistance(s[i], expected) <= 2, "x=" + x[i]);
            }
            assertEquals(Double.doubleToRawLongBits(s[i]), Double.doubleToRawLongBits(v[i]), "vector == scalar at " + x[i]);
        }
    }

    /** Against correctly rounded values computed with mpmath at 50 digits (test resource). */
    @Test
    void withinOneUlpOfCorrectlyRoundedReference() throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                FastTanhTest.class.getResourceAsStream("tanh_reference.csv"), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#")) {
                    String[] f = line.split(",");
                    rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
                }
            }
        }
        assertEquals(4000, rows.size());
        double[] x = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[0];
        }
        double[] y = x.clone();
        FastTanh.tanhInPlace(y, 0, y.length);
        long maxFast = 0;
        long maxMath = 0;
        int exactFast = 0;
        for (int i = 0; i < x.length; i++) {
            double ref = rows.get(i)[1];
            long u = ulpDistance(y[i], ref);
            maxFast = Math.max(maxFast, u);
            maxMath = Math.max(maxMath, ulpDistance(Math.tanh(x[i]), ref));
            if (u == 0) {
                exactFast++;
            }
            assertTrue(u <= 1, "x=" + x[i] + ": " + y[i] + " vs correctly rounded " + ref);
        }
        System.out.printf("vs correctly rounded tanh: FastTanh max %d ulp (%d of %d exact), Math.tanh max %d ulp%n",
                maxFast, exactFast, x.length, maxMath);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 1000, 1003})
    void vectorAndScalarPathsAreBitIdenticalForEveryLengthAndOffset(int n) {
        SplittableRandom rnd = new SplittableRandom(n * 31L + 7);
        double[] x = new double[n + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(-8, 8);
        }
        for (int from = 0; from <= Math.min(3, n); from++) {
            double[] v = x.clone();
            FastTanh.tanhInPlace(v, from, n);
            double[] s = x.clone();
            FastTanh.tanhScalar(s, from, n);
            for (int i = 0; i < x.length; i++) {
                double expect = i >= from && i < n ? FastTanh.tanh(x[i]) : x[i];
                assertEquals(Double.doubleToRawLongBits(expect), Double.doubleToRawLongBits(v[i]), "i=" + i);
                assertEquals(Double.doubleToRawLongBits(expect), Double.doubleToRawLongBits(s[i]), "i=" + i);
            }
        }
    }

    /**
     * The vector path skips the large-argument branch for vectors whose lanes are all below atanh(1/2): runs of
     * 1-20 values drawn all small (including -0.0 and values just below the limit), all large, or mixed must give
     * the scalar bits wherever the vector boundaries fall.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void vectorsWithinOneBranchGiveTheScalarBits(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[4000];
        int i = 0;
        while (i < x.length) {
            int run = Math.min(x.length - i, rnd.nextInt(1, 21));
            int kind = rnd.nextInt(3);
            for (int k = 0; k < run; k++, i++) {
                double small = switch (rnd.nextInt(4)) {
                    case 0 -> Math.nextDown(FastTanh.POLY_LIMIT);
                    case 1 -> -0.0;
                    default -> rnd.nextDouble(0, FastTanh.POLY_LIMIT);
                };
                double large = rnd.nextBoolean() ? FastTanh.POLY_LIMIT : rnd.nextDouble(FastTanh.POLY_LIMIT, 30);
                double m = kind == 0 ? small : kind == 1 ? large : rnd.nextBoolean() ? small : large;
                x[i] = rnd.nextBoolean() ? m : -m;
            }
        }
        for (int from = 0; from < 4; from++) {
            double[] v = x.clone();
            FastTanh.tanhInPlace(v, from, x.length);
            for (int j = from; j < x.length; j++) {
                assertEquals(Double.doubleToRawLongBits(FastTanh.tanh(x[j])), Double.doubleToRawLongBits(v[j]),
                        "x=" + x[j]);
            }
        }
    }
}
