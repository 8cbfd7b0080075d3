package org.weir.data;

/**
 * A cell, row or file that cannot be read as the expected data. The message names the source (file),
 * the 1-based line, the 1-based column number and the column name where they are known, and says what
 * was expected. The parts are also available as fields.
 */
public final class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String columnName;

    /**
     * @param source file name or other label (may be null)
     * @param line 1-based line, or 0 if not applicable
     * @param column 1-based column number, or 0 if not applicable
     * @param columnName column name, or null
     * @param problem what is wrong and what was expected
     */
    public DataFormatException(String source, int line, int column, String columnName, String problem) {
        super(format(source, line, column, columnName, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.columnName = columnName;
    }

    private static String format(String source, int line, int column, String columnName, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(source == null ? "<input>" : source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (column > 0) {
            sb.append(", column ").append(column);
            if (columnName != null) {
                sb.append(" '").append(columnName).append('\'');
            }
        }
        sb.append(": ").append(problem);
        return sb.toString();
    }

    /** The file or label, or null. */
    public String source() {
        return source;
    }

    /** 1-based line, 0 if not applicable. */
    public int line() {
        return line;
    }

    /** 1-based column number, 0 if not applicable. */
    public int column() {
        return column;
    }

    /** Column name, or null. */
    public String columnName() {
        return columnName;
    }
}
