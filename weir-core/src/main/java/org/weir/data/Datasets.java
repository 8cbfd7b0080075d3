package org.weir.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Small real data sets shipped inside the Weir jar. */
public final class Datasets {
    private static final String CO2_RESOURCE = "co2.csv";

    private Datasets() {
    }

    /**
     * Mauna Loa weekly atmospheric CO2 (ppmv), March 1958 to December 2001: 2284 weeks, 59 of them
     * missing (Keeling and Whorf 2004, Scripps/NOAA; public domain; see {@code co2.README.md}).
     *
     * @param policy {@link MissingValues#ERROR} fails on the first missing week (file line 8) with a message
     *     naming it; {@link MissingValues#INTERPOLATE} fills the 59 gaps linearly
     * @return a single-column series {@code co2} of 2284 rows, source {@code co2.csv}
     */
    public static TimeSeries maunaLoaCo2(MissingValues policy) {
        return maunaLoaCo2Table().toTimeSeries(List.of("co2"), policy);
    }

    /** The week of each row of {@link #maunaLoaCo2(MissingValues)} as {@code YYYYMMDD} text (2284 entries). */
    public static List<String> maunaLoaCo2Dates() {
        return maunaLoaCo2Table().textColumn("date");
    }

    /** The raw parsed table (columns {@code date}, {@code co2}) for callers that want the fill count or other conversions. */
    public static CsvTable maunaLoaCo2Table() {
        try (InputStream in = Datasets.class.getResourceAsStream(CO2_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource org/weir/data/" + CO2_RESOURCE + " missing from the classpath");
            }
            return CsvReader.read(in, CO2_RESOURCE, CsvReader.Options.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + CO2_RESOURCE, e);
        }
    }
}
