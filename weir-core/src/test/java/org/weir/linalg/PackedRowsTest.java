package org.weir.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shifted rows written into the packed layout: against the element formula, vector path equal to scalar bit for bit. */
class PackedRowsTest {

    @ParameterizedTest(name = "len {0} chunkRows {1} seed {2}")
    @CsvSource({"0,4,1", "1,1,2", "7,3,3", "24,2,4", "25,5,5", "47,8,6", "48,8,7", "1000,16,8", "1001,3,9"})
    void matchesTheLayoutFormulaAndTheScalarTwin(int len, int chunkRows, long seed) {
        System.out.println("packed rows len=" + len + " chunkRows=" + chunkRows + " seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int w = GramKernels.PANEL_WIDTH;
        int stride = chunkRows * w;
        double[] shift = rnd.doubles(len + 3, -5, 5).toArray();
        double[] sum0 = rnd.doubles(len + 3, -1, 1).toArray();
        double[] pk = new double[GramKernels.packedLength(chunkRows, len)];
        double[] pkScalar = new double[pk.length];
        java.util.Arrays.fill(pk, Double.NaN);
        java.util.Arrays.fill(pkScalar, Double.NaN);
        double[] sum = sum0.clone();
        double[] sumScalar = sum0.clone();
        double[] want = sum0.clone();
        double[][] rows = new double[chunkRows][];
        for (int r = 0; r < chunkRows; r++) {
            double[] x = rnd.doubles(len + 3, -100, 100).toArray(); // longer than len: the rest is not read
            rows[r] = x;
            PackedRows.putShifted(x, shift, sum, len, pk, r * w, stride);
            PackedRows.putShiftedScalar(x, shift, sumScalar, 0, len, pkScalar, r * w, stride);
            for (int j = 0; j < len; j++) {
                want[j] += x[j] - shift[j];
            }
        }
        for (int r = 0; r < chunkRows; r++) {
            for (int j = 0; j < len; j++) {
                assertEquals(rows[r][j] - shift[j], pk[(j / w) * stride + r * w + j % w], 0.0, "row " + r + " col " + j);
            }
        }
        assertArrayEquals(want, sum, 0.0, "sums in row order");
        assertArrayEquals(pkScalar, pk, 0.0, "vector and scalar layouts");
        assertArrayEquals(sumScalar, sum, 0.0, "vector and scalar sums");
    }

    @Test
    void rejectsRowsThatDoNotFit() {
        double[] v = new double[31];
        PackedRows.putShifted(v, v, v, 30, new double[30], 0, 24); // last value at 24 + 5: fits exactly
        assertThrows(IllegalArgumentException.class, () -> PackedRows.putShifted(v, v, v, 30, new double[29], 0, 24));
        assertThrows(IllegalArgumentException.class, () -> PackedRows.putShifted(v, v, v, 30, new double[96], 24, 24));
        assertThrows(IllegalArgumentException.class, () -> PackedRows.putShifted(v, v, v, 31, new double[54], 0, 48));
    }
}
