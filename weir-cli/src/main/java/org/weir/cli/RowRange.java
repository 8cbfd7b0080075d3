package org.weir.cli;

/**
 * A half-open range {@code [start, end)} of zero-based data rows (the header is not a row), written
 * {@code A:B} on the command line. {@code A:} runs to the last row, {@code :B} starts at row 0, and a
 * negative bound counts from the end, so {@code -100:} names the last 100 rows.
 */
public record RowRange(int start, int end) {

    public RowRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("row range must satisfy 0 <= start <= end, got " + start + ":" + end);
        }
    }

    /** Number of rows in the range. */
    public int length() {
        return end - start;
    }

    @Override
    public String toString() {
        return start + ":" + end;
    }

    /**
     * Parses {@code A:B} against a data set of {@code rows} rows.
     *
     * @param flag the option name, for error messages (e.g. {@code --train-rows})
     * @throws CliError (usage) naming the flag, the text and what is wrong
     */
    public static RowRange parse(String flag, String text, int rows) {
        String t = text.trim();
        int colon = t.indexOf(':');
        if (colon < 0 || t.indexOf(':', colon + 1) >= 0) {
            throw CliError.usage(flag + " '" + text + "' must be a row range A:B (half-open, zero-based data rows)");
        }
        int start = bound(flag, text, t.substring(0, colon), 0, rows);
        int end = bound(flag, text, t.substring(colon + 1), rows, rows);
        if (start < 0) {
            throw CliError.usage(flag + " '" + text + "' starts before the first row (the data has " + rows + " rows)");
        }
        if (end > rows) {
            throw CliError.usage(flag + " '" + text + "' ends past the last row: the data has " + rows
                    + " rows (0 to " + (rows - 1) + "), so the end can be at most " + rows);
        }
        if (start >= end) {
            throw CliError.usage(flag + " '" + text + "' is empty: the start (" + start
                    + ") must be smaller than the end (" + end + ")");
        }
        return new RowRange(start, end);
    }

    private static int bound(String flag, String text, String part, int empty, int rows) {
        String p = part.trim();
        if (p.isEmpty()) {
            return empty;
        }
        long v;
        try {
            v = Long.parseLong(p);
        } catch (NumberFormatException e) {
            throw CliError.usage(flag + " '" + text + "': '" + p + "' is not a whole number");
        }
        if (v < 0) {
            v += rows;
        }
        return (int) Math.max(Math.min(v, Integer.MAX_VALUE), Integer.MIN_VALUE);
    }
}
