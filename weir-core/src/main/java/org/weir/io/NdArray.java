package org.weir.io;

import java.util.Arrays;

/**
 * A named n-dimensional array of doubles or ints in row-major (C) order, as stored in a model file's
 * {@code .npy} entries. Exactly one of {@code doubles} and {@code ints} is non-null.
 */
public record NdArray(int[] shape, double[] doubles, int[] ints) {
    public NdArray {
        if ((doubles == null) == (ints == null)) {
            throw new IllegalArgumentException("an array holds either doubles or ints");
        }
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= s;
        }
        int len = doubles != null ? doubles.length : ints.length;
        if (n != len) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements, data has " + len);
        }
        shape = shape.clone();
    }

    public static NdArray of(double[] data, int... shape) {
        return new NdArray(shape, data.clone(), null);
    }

    public static NdArray ofInts(int[] data, int... shape) {
        return new NdArray(shape, null, data.clone());
    }

    /** A 2-D array from rows of equal length. */
    public static NdArray ofRows(double[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        double[] flat = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("ragged rows: " + c + " and " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, flat, i * c, c);
        }
        return new NdArray(new int[] {r, c}, flat, null);
    }

    public boolean isDouble() {
        return doubles != null;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        return doubles != null ? doubles.length : ints.length;
    }

    /** Rows of a 2-D double array (copies). */
    public double[][] toRows() {
        if (shape.length != 2 || doubles == null) {
            throw new IllegalStateException("not a 2-D double array: shape " + Arrays.toString(shape));
        }
        double[][] out = new double[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            System.arraycopy(doubles, i * shape[1], out[i], 0, shape[1]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a && Arrays.equals(shape, a.shape) && Arrays.equals(doubles, a.doubles)
                && Arrays.equals(ints, a.ints);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(doubles) + Arrays.hashCode(ints);
    }

    @Override
    public String toString() {
        return "NdArray" + Arrays.toString(shape) + (doubles != null ? "<f8>" : "<i4>");
    }
}
