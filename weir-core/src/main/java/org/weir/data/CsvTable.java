package org.weir.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed CSV file: the header and the raw text cells, structurally checked (every row has one cell per
 * header column) but not yet converted. Convert the numeric columns you need with
 * {@link #toTimeSeries(List, MissingValues)}; read text columns (dates, labels) with {@link #textColumn(String)}.
 * Every error names the file, the 1-based line and the column.
 *
 * <p>The cells are never modified. The only mutable field is the convenience counter
 * {@link #lastFillCount()}; prefer {@link #convert(List, MissingValues)}, which returns the count with the data.
 */
public final class CsvTable {
    private static final String FILL_HINT = "use --fill interpolate (MissingValues.INTERPOLATE) to fill gaps";

    private final String source;
    private final List<String> header;
    private final Map<String, Integer> index;
    private final String[][] cells;
    private final int[] lines;
    private final CsvReader.Options options;
    private volatile int lastFillCount;

    /**
     * The result of a conversion: the numbers and how many missing cells were filled.
     *
     * @param series the converted columns
     * @param filledCells total number of cells filled by interpolation (0 under {@link MissingValues#ERROR})
     * @param filledPerColumn cells filled per converted column, in the order of {@code series.names()}
     */
    public record Conversion(TimeSeries series, int filledCells, int[] filledPerColumn) {
        /** Copies the array. */
        public Conversion {
            filledPerColumn = filledPerColumn.clone();
        }

        @Override
        public int[] filledPerColumn() {
            return filledPerColumn.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Conversion c && c.series.equals(series) && c.filledCells == filledCells
                    && Arrays.equals(c.filledPerColumn, filledPerColumn);
        }

        @Override
        public int hashCode() {
            return Objects.hash(series, filledCells, Arrays.hashCode(filledPerColumn));
        }

        @Override
        public String toString() {
            return "Conversion[" + series + ", filledCells=" + filledCells + ", filledPerColumn="
                    + Arrays.toString(filledPerColumn) + "]";
        }
    }

    CsvTable(String source, List<String> header, String[][] cells, int[] lines, CsvReader.Options options) {
        this.source = source;
        this.header = List.copyOf(header);
        this.cells = cells;
        this.lines = lines;
        this.options = options;
        Map<String, Integer> idx = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            idx.put(header.get(c), c);
        }
        this.index = idx;
    }

    /** The file name or label used in error messages. */
    public String source() {
        return source;
    }

    /** Column names from the header row, trimmed (unmodifiable). */
    public List<String> header() {
        return header;
    }

    /** Number of data rows (header excluded). */
    public int rowCount() {
        return cells.length;
    }

    /** The 1-based line of the file on which data row {@code row} (0-based) starts. */
    public int line(int row) {
        checkRow(row);
        return lines[row];
    }

    /** Raw text of a cell (0-based data row and column), as in the file (quotes removed, not trimmed). */
    public String cell(int row, int col) {
        checkRow(row);
        if (col < 0 || col >= header.size()) {
            throw new IndexOutOfBoundsException(source + ": column index " + col + " out of range [0, "
                    + header.size() + ")");
        }
        return cells[row][col];
    }

    private void checkRow(int row) {
        if (row < 0 || row >= cells.length) {
            throw new IndexOutOfBoundsException(source + ": row " + row + " out of range [0, " + cells.length + ")");
        }
    }

    /** 0-based index of a header column; unknown names throw, listing the available ones. */
    public int columnIndex(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new DataFormatException(source, 0, 0, null, "no column named '" + name + "' (available: "
                    + header + ")");
        }
        return i;
    }

    /** The text cells of one column, trimmed (e.g. dates or labels). */
    public List<String> textColumn(String name) {
        int c = columnIndex(name);
        List<String> out = new ArrayList<>(cells.length);
        for (String[] row : cells) {
            out.add(row[c].strip());
        }
        return List.copyOf(out);
    }

    /** Converts every column; any non-numeric column is an error. */
    public TimeSeries toTimeSeries(MissingValues policy) {
        return toTimeSeries(header, policy);
    }

    /** Converts the named columns (in the given order) to numbers under {@code policy}. */
    public TimeSeries toTimeSeries(List<String> columns, MissingValues policy) {
        return convert(columns, policy).series();
    }

    /** Converts every column, {@link MissingValues#ERROR} policy. */
    public TimeSeries toTimeSeries() {
        return toTimeSeries(header, MissingValues.ERROR);
    }

    /**
     * Number of cells filled by the most recent {@code toTimeSeries}/{@code convert} call on this table
     * (0 under {@link MissingValues#ERROR}). A convenience for single-threaded callers; use
     * {@link #convert(List, MissingValues)} to get the count together with the data.
     */
    public int lastFillCount() {
        return lastFillCount;
    }

    /**
     * Converts the named columns to numbers and reports how many missing cells were filled.
     *
     * @param columns header names, each at most once
     * @param policy what to do with empty cells and missing markers ({@link CsvReader.Options#missingMarkers()})
     * @throws DataFormatException naming file, line and column for a non-numeric, infinite or (under ERROR) missing cell
     */
    public Conversion convert(List<String> columns, MissingValues policy) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(policy, "policy");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(source + ": no columns requested (available: " + header + ")");
        }
        List<double[]> data = new ArrayList<>(columns.size());
        int[] filled = new int[columns.size()];
        int total = 0;
        for (int k = 0; k < columns.size(); k++) {
            int c = columnIndex(columns.get(k));
            double[] values = new double[cells.length];
            filled[k] = convertColumn(c, values, policy);
            total += filled[k];
            data.add(values);
        }
        TimeSeries series = TimeSeries.fromColumns(source, columns, data);
        lastFillCount = total;
        return new Conversion(series, total, filled);
    }

    /** Converts column c into values; returns the number of filled cells. */
    private int convertColumn(int c, double[] values, MissingValues policy) {
        String name = header.get(c);
        int n = cells.length;
        boolean[] missing = null;
        int missingCount = 0;
        for (int r = 0; r < n; r++) {
            String raw = cells[r][c].strip();
            String why = missingReason(raw);
            if (why != null) {
                if (policy == MissingValues.ERROR) {
                    throw new DataFormatException(source, lines[r], c + 1, name, why + " (expected a number; "
                            + FILL_HINT + ")");
                }
                if (missing == null) {
                    missing = new boolean[n];
                }
                missing[r] = true;
                missingCount++;
                continue;
            }
            if (NumberText.isInfinityWord(raw)) {
                throw new DataFormatException(source, lines[r], c + 1, name, "infinite value '" + raw
                        + "' (expected a finite number)");
            }
            if (!NumberText.isDecimal(raw)) {
                throw new DataFormatException(source, lines[r], c + 1, name, "'" + abbreviate(raw)
                        + "' is not a number (expected a decimal number such as 3.25 or -1.5e-3"
                        + (r == 0 ? "; is this a text column? convert only numeric columns" : "") + ")");
            }
            double v = Double.parseDouble(raw);
            if (!Double.isFinite(v)) {
                throw new DataFormatException(source, lines[r], c + 1, name, "'" + abbreviate(raw)
                        + "' is outside the range of a double (expected a finite number)");
            }
            values[r] = v;
        }
        if (missingCount == 0) {
            return 0;
        }
        if (missingCount == n) {
            throw new DataFormatException(source, n == 0 ? 0 : lines[0], c + 1, name,
                    "every cell is missing (expected at least one number to fill gaps from)");
        }
        fillGaps(values, missing);
        return missingCount;
    }

    /** Linear interpolation of interior gaps, nearest value at the ends. */
    static void fillGaps(double[] values, boolean[] missing) {
        int n = values.length;
        int prev = -1; // last known index
        int r = 0;
        while (r < n) {
            if (!missing[r]) {
                prev = r;
                r++;
                continue;
            }
            int start = r;
            while (r < n && missing[r]) {
                r++;
            }
            int next = r < n ? r : -1;
            for (int g = start; g < r; g++) {
                if (prev < 0) {
                    values[g] = values[next];
                } else if (next < 0) {
                    values[g] = values[prev];
                } else {
                    double w = (double) (g - prev) / (next - prev);
                    values[g] = values[prev] + (values[next] - values[prev]) * w;
                }
            }
        }
    }

    private String missingReason(String raw) {
        if (raw.isEmpty()) {
            return "empty cell";
        }
        if (NumberText.isNanWord(raw)) {
            return "'" + raw + "' (not a number) is not allowed";
        }
        if (options.missingMarkers().contains(raw)) {
            return "missing value '" + raw + "'";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public String toString() {
        return "CsvTable[" + source + ", " + cells.length + " rows, columns=" + header + "]";
    }
}
