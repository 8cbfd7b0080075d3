package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FloatTanh against Math.tanh rounded to float, and the vectorized array version against the scalar one. */
class FloatTanhTest {

    private static long ulpDistance(float a, float b) {
        int ia = Float.floatToRawIntBits(a);
        int ib = Float.floatToRawIntBits(b);
        // map to a monotone integer line (sign-magnitude to two's complement)
        long la = ia < 0 ? (long) Integer.MIN_VALUE - ia : ia;
        long lb = ib < 0 ? (long) Integer.MIN_VALUE - ib : ib;
        return Math.abs(la - lb);
    }

    @Test
    void withinMaxUlpOfCorrectlyRoundedTanhOnADenseSweep() {
        long worst = 0;
        float worstAt = 0;
        // every float in [2^-20, 12] with a stride of 7 bits of mantissa, both signs, plus the branch boundary
        for (int bits = Float.floatToRawIntBits(0x1p-20f); bits <= Float.floatToRawIntBits(12f); bits += 61) {
            float x = Float.intBitsToFloat(bits);
            for (float v : new float[] {x, -x}) {
                float want = (float) Math.tanh(v);
                long d = ulpDistance(FloatTanh.tanh(v), want);
                if (d > worst) {
                    worst = d;
                    worstAt = v;
                }
            }
        }
        // around the arguments where the reduction's k steps (2a = (j + 1/2) ln 2), every float
        for (int j = 0; j < 8; j++) {
            float edge = (float) ((j + 0.5) * Math.log(2) / 2);
            for (int k = -300; k <= 300; k++) {
                float v = edge + k * Math.ulp(edge);
                worst = Math.max(worst, ulpDistance(FloatTanh.tanh(v), (float) Math.tanh(v)));
            }
        }
        System.out.println("FloatTanh worst error " + worst + " ulp at " + worstAt);
        assertTrue(worst <= FloatTanh.MAX_ULP, "worst error " + worst + " ulp at x=" + worstAt);
    }

    @Test
    void specialValuesMatchMathTanh() {
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, 20f, -20f, 1e30f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE};
        for (float v : specials) {
            assertEquals(Float.floatToRawIntBits((float) Math.tanh(v)), Float.floatToRawIntBits(FloatTanh.tanh(v)),
                    "tanh(" + v + ")");
        }
        assertTrue(Float.isNaN(FloatTanh.tanh(Float.NaN)));
    }

    @Test
    void arrayVersionIsBitIdenticalToScalarIncludingTails() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int len : new int[] {1, 7, 16, 33, 1000, 1031}) {
            float[] a = new float[len];
            for (int k = 0; k < len; k++) {
                a[k] = (float) (rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextDouble(-6, 1.3)));
            }
            a[0] = len % 2 == 0 ? -0f : Float.NaN;
            float[] b = a.clone();
            FloatTanh.tanhInPlace(b, 0, len);
            for (int k = 0; k < len; k++) {
                if (Float.isNaN(a[k])) {
                    assertTrue(Float.isNaN(b[k]) && Float.isNaN(FloatTanh.tanh(a[k])), "NaN in, NaN out");
                    continue;
                }
                assertEquals(Float.floatToRawIntBits(FloatTanh.tanh(a[k])), Float.floatToRawIntBits(b[k]),
                        "index " + k + " of " + len + ", x=" + a[k]);
            }
        }
    }
}
