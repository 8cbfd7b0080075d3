package org.weir.cli;

import org.weir.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.weir.data.CsvReader;
import org.weir.data.CsvTable;
import org.weir.data.MissingValues;
import org.weir.data.TimeSeries;

/** Reading the numeric columns a command needs from a CSV file, and writing result tables. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * Reads {@code columns} (each once, in the given order) of a CSV file; missing cells are an error naming
     * file, line and column unless {@code fill} is {@link Fill#INTERPOLATE}, in which case the number of
     * filled cells is reported as a note.
     */
    static TimeSeries read(Path file, List<String> columns, Fill fill, Console console) {
        return convert(table(file), columns, fill, console);
    }

    /** Parses a CSV file (structure only). */
    static CsvTable table(Path file) {
        if (!Files.exists(file)) {
            throw CliError.data("data file not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw CliError.data("data file " + file + " is a folder, not a CSV file");
        }
        CsvTable table = CsvReader.read(file);
        if (table.rowCount() == 0) {
            throw CliError.data(file + ": no data rows after the header");
        }
        return table;
    }

    /** Converts columns of a parsed table (see {@link #read}). */
    static TimeSeries convert(CsvTable table, List<String> columns, Fill fill, Console console) {
        String file = table.source();
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(columns));
        CsvTable.Conversion c = table.convert(unique, fill == Fill.INTERPOLATE ? MissingValues.INTERPOLATE
                : MissingValues.ERROR);
        if (c.filledCells() > 0) {
            console.note("%s: filled %d missing cell%s by linear interpolation (--fill interpolate)", file,
                    c.filledCells(), c.filledCells() == 1 ? "" : "s");
        }
        return c.series();
    }

    /** Union of two column lists, first-seen order. */
    static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return new ArrayList<>(s);
    }

    /**
     * Writes a CSV table atomically (temporary file, then rename). Cells are written with full precision;
     * whole numbers in {@code integerColumns} without a decimal point; NaN cells are left empty (e.g. a
     * forecast past the end of the data has no true value).
     */
    static void writeCsv(Path file, List<String> header, double[][] rows, int integerColumns) throws IOException {
        StringBuilder sb = new StringBuilder(rows.length * header.size() * 20 + 64);
        sb.append(String.join(",", header)).append('\n');
        for (double[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                double v = row[c];
                if (Double.isNaN(v)) {
                    continue;
                }
                sb.append(c < integerColumns ? Long.toString((long) v) : Double.toString(v));
            }
            sb.append('\n');
        }
        AtomicFiles.write(file, os -> os.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
