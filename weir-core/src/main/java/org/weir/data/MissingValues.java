package org.weir.data;

/** What to do with missing cells (empty, or a missing marker such as {@code NA} or {@code NaN}) when converting CSV text to numbers. */
public enum MissingValues {
    /** Reject the first missing cell with an error naming file, line and column (the default). */
    ERROR,
    /**
     * Fill gaps per column: an interior gap is filled by linear interpolation in row order between the
     * nearest numeric cells before and after it; leading and trailing gaps take the nearest numeric value.
     * A column with no numeric cell at all is still an error.
     */
    INTERPOLATE
}
