package org.weir.data;

import org.weir.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * Writes numeric tables as CSV (comma-separated, header row, LF line ends) with full precision: every
 * value is written with {@link Double#toString(double)}, which reads back to the identical double.
 * Writing is atomic: the text goes to a temporary file in the same folder, which is then renamed over
 * the target ({@code ATOMIC_MOVE}, falling back to a plain replacing move where the file system cannot
 * move atomically), so readers never see a half-written file.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /**
     * Writes {@code header} and {@code rows} (each row of length {@code header.size()}, finite values).
     *
     * @throws IllegalArgumentException for a row of the wrong length, a non-finite value or a bad header
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, List<String> header, double[][] rows) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(rows, "rows");
        if (header.isEmpty()) {
            throw new IllegalArgumentException("header must name at least one column");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != header.size()) {
                throw new IllegalArgumentException("row " + r + " has " + (rows[r] == null ? "no array"
                        : rows[r].length + " values") + ", expected " + header.size() + " (one per column " + header + ")");
            }
            for (int c = 0; c < header.size(); c++) {
                if (!Double.isFinite(rows[r][c])) {
                    throw new IllegalArgumentException("row " + r + ", column " + (c + 1) + " '" + header.get(c)
                            + "': value " + rows[r][c] + " is not finite (only finite numbers can be written)");
                }
            }
        }
        StringBuilder sb = new StringBuilder(rows.length * header.size() * 20 + 64);
        for (int c = 0; c < header.size(); c++) {
            if (c > 0) {
                sb.append(',');
            }
            sb.append(quote(header.get(c)));
        }
        sb.append('\n');
        for (double[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(Double.toString(row[c]));
            }
            sb.append('\n');
        }
        writeAtomically(file, sb);
    }

    /** Writes a {@link TimeSeries} with its column names as the header. */
    public static void write(Path file, TimeSeries series) {
        write(file, series.names(), series.toRows());
    }

    /** RFC 4180 quoting: a field containing a comma, quote, CR or LF is enclosed in quotes, quotes doubled. */
    static String quote(String field) {
        Objects.requireNonNull(field, "column name");
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0
                && field.strip().equals(field)) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    static void writeAtomically(Path file, CharSequence text) {
        try {
            AtomicFiles.write(file, os -> {
                Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
                w.append(text);
                w.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
