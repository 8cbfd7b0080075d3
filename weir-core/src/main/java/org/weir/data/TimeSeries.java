package org.weir.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable table of named columns of finite doubles, all of the same length (rows are time
 * steps). Optionally remembers the {@link #source()} it came from (a file name) so that error messages
 * can name it. Every accessor returns copies; nothing inside can be changed after construction.
 */
public final class TimeSeries {
    private final List<String> names;
    private final double[][] columns; // columns[c][t]
    private final Map<String, Integer> index;
    private final String source; // may be null
    private final int length;

    private TimeSeries(String source, List<String> names, double[][] columns, boolean copy) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(columns, "columns");
        if (names.size() != columns.length) {
            throw new IllegalArgumentException(where(source) + "got " + names.size() + " column names but "
                    + columns.length + " columns");
        }
        Map<String, Integer> idx = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name == null) {
                throw new IllegalArgumentException(where(source) + "column " + (c + 1) + " has a null name");
            }
            Integer prev = idx.put(name, c);
            if (prev != null) {
                throw new IllegalArgumentException(where(source) + "duplicate column name '" + name
                        + "' (columns " + (prev + 1) + " and " + (c + 1) + ")");
            }
        }
        int len = columns.length == 0 ? 0 : Objects.requireNonNull(columns[0], "column 1").length;
        double[][] cols = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            double[] col = columns[c];
            if (col == null) {
                throw new IllegalArgumentException(where(source) + "column " + (c + 1) + " '" + names.get(c)
                        + "' is null");
            }
            if (col.length != len) {
                throw new IllegalArgumentException(where(source) + "column " + (c + 1) + " '" + names.get(c)
                        + "' has " + col.length + " rows, expected " + len + " (as column 1 '" + names.get(0) + "')");
            }
            for (int t = 0; t < len; t++) {
                if (!Double.isFinite(col[t])) {
                    throw new IllegalArgumentException(where(source) + "column " + (c + 1) + " '" + names.get(c)
                            + "', row " + t + ": value " + col[t] + " is not finite (only finite numbers allowed)");
                }
            }
            cols[c] = copy ? col.clone() : col;
        }
        this.names = List.copyOf(names);
        this.columns = cols;
        this.index = idx;
        this.source = source;
        this.length = len;
    }

    private static String where(String source) {
        return source == null ? "" : source + ": ";
    }

    /** A series from named columns (copied). Duplicate names, unequal lengths and non-finite values are rejected. */
    public static TimeSeries fromColumns(List<String> names, List<double[]> columns) {
        return fromColumns(null, names, columns);
    }

    /** As {@link #fromColumns(List, List)}, remembering {@code source} (may be null) for error messages. */
    public static TimeSeries fromColumns(String source, List<String> names, List<double[]> columns) {
        Objects.requireNonNull(columns, "columns");
        return new TimeSeries(source, names, columns.toArray(new double[0][]), true);
    }

    /** A series from a row-major T x width array (copied); every row must have {@code names.size()} values. */
    public static TimeSeries fromRows(List<String> names, double[][] rows) {
        return fromRows(null, names, rows);
    }

    /** As {@link #fromRows(List, double[][])}, remembering {@code source} (may be null). */
    public static TimeSeries fromRows(String source, List<String> names, double[][] rows) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(rows, "rows");
        int w = names.size();
        double[][] cols = new double[w][rows.length];
        for (int t = 0; t < rows.length; t++) {
            if (rows[t] == null || rows[t].length != w) {
                throw new IllegalArgumentException(where(source) + "row " + t + " has "
                        + (rows[t] == null ? "no array" : rows[t].length + " values") + ", expected " + w
                        + " (one per name " + names + ")");
            }
            for (int c = 0; c < w; c++) {
                cols[c][t] = rows[t][c];
            }
        }
        return new TimeSeries(source, names, cols, false);
    }

    /** A single-column series. */
    public static TimeSeries of(String name, double[] values) {
        return fromColumns(List.of(name), List.of(values));
    }

    /** The same data with another source label (may be null). */
    public TimeSeries withSource(String newSource) {
        return new TimeSeries(newSource, names, columns, false);
    }

    /** Where the data came from (usually a file name), if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** Number of rows (time steps). */
    public int length() {
        return length;
    }

    /** Number of columns. */
    public int width() {
        return columns.length;
    }

    /** Column names in order (unmodifiable). */
    public List<String> names() {
        return names;
    }

    /**
     * Index of a column.
     *
     * @throws IllegalArgumentException naming the column, the available ones and the source if unknown
     */
    public int columnIndex(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException(where(source) + "no column named '" + name + "'; available columns: "
                    + names);
        }
        return i;
    }

    /** Copy of the named column. */
    public double[] column(String name) {
        return columns[columnIndex(name)].clone();
    }

    /** Copy of column {@code col} (0-based). */
    public double[] column(int col) {
        checkColumn(col);
        return columns[col].clone();
    }

    /** Value at row {@code row}, column {@code col} (both 0-based). */
    public double value(int row, int col) {
        checkColumn(col);
        if (row < 0 || row >= length) {
            throw new IndexOutOfBoundsException(where(source) + "row " + row + " out of range [0, " + length + ")");
        }
        return columns[col][row];
    }

    private void checkColumn(int col) {
        if (col < 0 || col >= columns.length) {
            throw new IndexOutOfBoundsException(where(source) + "column index " + col + " out of range [0, "
                    + columns.length + "); columns: " + names);
        }
    }

    /** Rows {@code [from, to)} as a new series (half-open, {@code 0 <= from <= to <= length()}). */
    public TimeSeries rows(int from, int to) {
        checkRange(from, to);
        double[][] cols = new double[columns.length][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = Arrays.copyOfRange(columns[c], from, to);
        }
        return new TimeSeries(source, names, cols, false);
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new IllegalArgumentException(where(source) + "row range [" + from + ", " + to
                    + ") is invalid: need 0 <= from <= to <= length = " + length);
        }
    }

    /** The named columns, in the order given, as a new series. */
    public TimeSeries select(List<String> selected) {
        double[][] cols = new double[selected.size()][];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = columns[columnIndex(selected.get(i))];
        }
        return new TimeSeries(source, selected, cols, false);
    }

    /** All rows as a new T x width array. */
    public double[][] toRows() {
        return toRows(names, 0, length);
    }

    /** Rows {@code [from, to)} of the named columns as a new (to-from) x names.size() array. */
    public double[][] toRows(List<String> selected, int from, int to) {
        checkRange(from, to);
        int[] idx = new int[selected.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = columnIndex(selected.get(i));
        }
        double[][] out = new double[to - from][idx.length];
        for (int t = from; t < to; t++) {
            double[] row = out[t - from];
            for (int i = 0; i < idx.length; i++) {
                row[i] = columns[idx[i]][t];
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TimeSeries other)) {
            return false;
        }
        return names.equals(other.names) && Arrays.deepEquals(columns, other.columns)
                && Objects.equals(source, other.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, Arrays.deepHashCode(columns), source);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("TimeSeries[" + length + " x " + columns.length + ", columns=" + names
                + (source == null ? "" : ", source=" + source) + "]");
        return String.join("", parts);
    }
}
