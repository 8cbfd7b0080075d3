package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetsTest {
    @Test
    void errorPolicyNamesTheFirstMissingWeek() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Datasets.maunaLoaCo2(MissingValues.ERROR));
        assertEquals("co2.csv:8, column 2 'co2': empty cell (expected a number; "
                + "use --fill interpolate (MissingValues.INTERPOLATE) to fill gaps)", e.getMessage());
    }

    @Test
    void interpolatedSeries() {
        CsvTable table = Datasets.maunaLoaCo2Table();
        CsvTable.Conversion c = table.convert(List.of("co2"), MissingValues.INTERPOLATE);
        assertEquals(59, c.filledCells());
        TimeSeries ts = Datasets.maunaLoaCo2(MissingValues.INTERPOLATE);
        assertEquals(2284, ts.length());
        assertEquals(List.of("co2"), ts.names());
        double[] co2 = ts.column("co2");
        for (double v : co2) {
            assertTrue(v > 300 && v < 400);
        }
        // first gap: rows 5..7 are 316.9, (missing), 317.5 -> midpoint
        assertEquals(316.9, co2[5], 0.0);
        assertEquals(317.5, co2[7], 0.0);
        assertEquals((316.9 + 317.5) / 2, co2[6], 1e-12);
        // second gap: row 8 = 317.9, rows 9..13 missing, row 14 = 315.8 -> linear over 6 intervals
        assertEquals("", table.cell(9, 1));
        double a = Double.parseDouble(table.cell(8, 1));
        double b = Double.parseDouble(table.cell(14, 1));
        for (int r = 9; r <= 13; r++) {
            assertEquals(a + (b - a) * (r - 8) / 6.0, co2[r], 1e-12, "row " + r);
        }
        assertEquals(316.1, co2[0], 0.0);
        assertEquals(371.5, co2[2283], 0.0);
    }

    @Test
    void datesAreWeeklyText() {
        List<String> d = Datasets.maunaLoaCo2Dates();
        assertEquals(2284, d.size());
        assertEquals("19580329", d.get(0));
        assertEquals("19580405", d.get(1));
        assertEquals("20011229", d.get(2283));
    }
}
