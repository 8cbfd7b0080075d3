package org.weir.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads CSV text with a header row (RFC 4180: fields separated by a delimiter, optionally enclosed in
 * double quotes; inside quotes a doubled quote is a quote and delimiters and line breaks are literal;
 * LF or CRLF line ends; a UTF-8 byte-order mark is skipped).
 *
 * <p>Reading is in two stages: {@link #read(Path)} parses the file into raw text cells (a
 * {@link CsvTable}), checking only the structure (header present, no duplicate or empty header names,
 * every row with as many cells as the header); {@link CsvTable#toTimeSeries(List, MissingValues)} then
 * converts only the requested columns to numbers, so a date or text column can sit beside numeric ones.
 * Every error is a {@link DataFormatException} naming the file, the 1-based line and the column.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /**
     * Reading options.
     *
     * @param delimiter field separator, not a quote, CR or LF
     * @param missingMarkers cell texts (after trimming) that mean "missing value"; the empty cell is always missing
     */
    public record Options(char delimiter, Set<String> missingMarkers) {
        /** The default missing markers: NA, N/A, NaN, nan, null, NULL (and the empty cell). */
        public static final Set<String> DEFAULT_MISSING = Set.of("NA", "N/A", "NaN", "nan", "NAN", "null", "NULL");

        /** Validates. */
        public Options {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("delimiter must not be a quote, CR or LF, got '"
                        + printable(delimiter) + "'");
            }
            missingMarkers = Set.copyOf(Objects.requireNonNull(missingMarkers, "missingMarkers"));
        }

        /** Comma-separated with the default missing markers. */
        public static Options defaults() {
            return new Options(',', DEFAULT_MISSING);
        }

        /** The defaults with another delimiter (e.g. {@code ';'} or {@code '\t'}). */
        public static Options withDelimiter(char delimiter) {
            return new Options(delimiter, DEFAULT_MISSING);
        }
    }

    /** Reads a comma-separated UTF-8 file with the default options. */
    public static CsvTable read(Path file) {
        return read(file, Options.defaults());
    }

    /** Reads a UTF-8 file. The source label in error messages is the path as given. */
    public static CsvTable read(Path file, Options options) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new DataFormatException(source, 0, 0, null, "file not found");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, source, options);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads UTF-8 CSV from a stream (not closed); {@code source} labels error messages. */
    public static CsvTable read(InputStream in, String source, Options options) {
        return read(new InputStreamReader(in, StandardCharsets.UTF_8), source, options);
    }

    /** Reads CSV text from a reader (not closed); {@code source} labels error messages. */
    public static CsvTable read(Reader reader, String source, Options options) {
        Objects.requireNonNull(options, "options");
        String text;
        try {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[1 << 16];
            int n;
            while ((n = reader.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            text = sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, source, options);
    }

    /** Parses CSV text held in memory. */
    public static CsvTable parse(String text, String source, Options options) {
        List<String[]> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        tokenize(text, source, options.delimiter(), records, lines);
        // drop trailing blank records (a file ending in blank lines)
        while (!records.isEmpty() && isBlank(records.get(records.size() - 1))) {
            records.remove(records.size() - 1);
            lines.remove(lines.size() - 1);
        }
        if (records.isEmpty()) {
            throw new DataFormatException(source, 0, 0, null,
                    "empty file (expected a header row naming the columns, then data rows)");
        }
        String[] header = records.get(0);
        int headerLine = lines.get(0);
        if (isBlank(header)) {
            throw new DataFormatException(source, headerLine, 0, null,
                    "missing header (expected the first line to name the columns)");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            String name = header[c].strip();
            header[c] = name;
            if (name.isEmpty()) {
                throw new DataFormatException(source, headerLine, c + 1, null,
                        "empty column name in header (expected a name for every column)");
            }
            if (looksNumeric(name) && header.length > 0 && allNumeric(header)) {
                throw new DataFormatException(source, headerLine, c + 1, name,
                        "missing header: the first line holds numbers only (expected column names)");
            }
            Integer prev = seen.put(name, c);
            if (prev != null) {
                throw new DataFormatException(source, headerLine, c + 1, name,
                        "duplicate column name (also column " + (prev + 1) + "; expected unique names)");
            }
        }
        int width = header.length;
        int rows = records.size() - 1;
        String[][] cells = new String[rows][];
        int[] cellLines = new int[rows];
        for (int r = 0; r < rows; r++) {
            String[] rec = records.get(r + 1);
            int line = lines.get(r + 1);
            if (rec.length != width && isBlank(rec)) {
                throw new DataFormatException(source, line, 0, null, "blank line (expected " + width
                        + " cells, one per header column " + List.of(header) + ")");
            }
            if (rec.length != width) {
                throw new DataFormatException(source, line, 0, null, "ragged row: found " + rec.length
                        + (rec.length == 1 ? " cell" : " cells") + ", expected " + width
                        + " (one per header column " + List.of(header) + ")");
            }
            cells[r] = rec;
            cellLines[r] = line;
        }
        return new CsvTable(source, List.of(header), cells, cellLines, options);
    }

    private static boolean isBlank(String[] rec) {
        return rec.length == 1 && rec[0].isEmpty();
    }

    private static boolean allNumeric(String[] header) {
        for (String h : header) {
            if (!looksNumeric(h.strip())) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksNumeric(String s) {
        return NumberText.isDecimal(s);
    }

    /** Splits text into records of fields (RFC 4180), recording the 1-based line where each record starts. */
    private static void tokenize(String text, String source, char delim, List<String[]> records, List<Integer> lines) {
        int n = text.length();
        int i = 0;
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1;
        }
        int line = 1;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int recordLine = 1;
        boolean atRecordStart = true;
        while (i < n) {
            char ch = text.charAt(i);
            if (atRecordStart) {
                recordLine = line;
                atRecordStart = false;
            }
            if (ch == '"' && field.length() == 0) {
                // quoted field
                int quoteLine = line;
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            i++;
                            closed = true;
                            break;
                        }
                    } else {
                        if (q == '\n') {
                            line++;
                        }
                        field.append(q);
                        i++;
                    }
                }
                if (!closed) {
                    throw new DataFormatException(source, quoteLine, fields.size() + 1, null,
                            "unterminated quoted field (expected a closing '\"')");
                }
                // after the closing quote: delimiter, line end or end of text (spaces tolerated)
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t') && text.charAt(i) != delim) {
                    i++;
                }
                if (i < n) {
                    char next = text.charAt(i);
                    if (next != delim && next != '\n' && next != '\r') {
                        throw new DataFormatException(source, line, fields.size() + 1, null,
                                "unexpected character '" + printable(next)
                                        + "' after a closing quote (expected the delimiter or a line end)");
                    }
                }
                continue;
            }
            if (ch == delim) {
                fields.add(field.toString());
                field.setLength(0);
                i++;
            } else if (ch == '\n' || ch == '\r') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields.toArray(new String[0]));
                lines.add(recordLine);
                fields.clear();
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                i++;
                line++;
                atRecordStart = true;
            } else {
                field.append(ch);
                i++;
            }
        }
        if (!atRecordStart) {
            fields.add(field.toString());
            records.add(fields.toArray(new String[0]));
            lines.add(recordLine);
        }
    }

    static String printable(char c) {
        if (c == '\t') {
            return "\\t";
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("\\u%04x", (int) c);
        }
        return String.valueOf(c);
    }
}
