package org.weir.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ordered collection of named arrays: what model components write into a model file and read back.
 * Names are paths such as {@code reservoir/W_values}; each becomes one {@code .npy} entry.
 */
public final class ArrayBundle {
    private final Map<String, NdArray> arrays = new LinkedHashMap<>();

    /** Adds (a copy of) a double array with the given shape; the name must be new. */
    public void put(String name, double[] data, int... shape) {
        add(name, NdArray.of(data, shape.length == 0 ? new int[] {data.length} : shape));
    }

    /** Adds (a copy of) an int array with the given shape; the name must be new. */
    public void putInts(String name, int[] data, int... shape) {
        add(name, NdArray.ofInts(data, shape.length == 0 ? new int[] {data.length} : shape));
    }

    /** Adds the rows of a 2-D array. */
    public void putRows(String name, double[][] rows) {
        add(name, NdArray.ofRows(rows));
    }

    public void add(String name, NdArray a) {
        if (!name.matches("[A-Za-z0-9_./-]+") || name.contains("..")) {
            throw new IllegalArgumentException("array name '" + name + "' must use letters, digits, '_', '-', '.', '/'");
        }
        if (arrays.putIfAbsent(name, a) != null) {
            throw new IllegalArgumentException("array '" + name + "' is already in the bundle");
        }
    }

    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /** The array of that name; a clear error when it is missing. */
    public NdArray get(String name) {
        NdArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("model file has no array '" + name + "'");
        }
        return a;
    }

    /** A copy of the double data of the array of that name. */
    public double[] doubles(String name) {
        NdArray a = get(name);
        if (!a.isDouble()) {
            throw new IllegalArgumentException("array '" + name + "' holds ints, expected doubles");
        }
        return a.doubles().clone();
    }

    /** A copy of the int data of the array of that name. */
    public int[] ints(String name) {
        NdArray a = get(name);
        if (a.isDouble()) {
            throw new IllegalArgumentException("array '" + name + "' holds doubles, expected ints");
        }
        return a.ints().clone();
    }

    /** Rows of the 2-D double array of that name. */
    public double[][] rows(String name) {
        return get(name).toRows();
    }

    /** Unmodifiable view of all arrays in insertion order. */
    public Map<String, NdArray> all() {
        return Collections.unmodifiableMap(arrays);
    }
}
