package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private DataFormatException fails(String text, MissingValues policy) throws IOException {
        Path p = file("co2.csv", text);
        return assertThrows(DataFormatException.class, () -> CsvReader.read(p).toTimeSeries(policy));
    }

    @Test
    void readsNumbersBesideATextColumn() throws IOException {
        CsvTable t = CsvReader.read(file("a.csv", "date,co2,temp\n2020-01-01,410.5,3\n2020-01-08,411.25,-2.5e-1\n"));
        assertEquals(List.of("date", "co2", "temp"), t.header());
        assertEquals(2, t.rowCount());
        TimeSeries ts = t.toTimeSeries(List.of("temp", "co2"), MissingValues.ERROR);
        assertEquals(List.of("temp", "co2"), ts.names());
        assertArrayEquals(new double[][] {{3, 410.5}, {-0.25, 411.25}}, ts.toRows());
        assertEquals(List.of("2020-01-01", "2020-01-08"), t.textColumn("date"));
        assertTrue(ts.source().orElseThrow().endsWith("a.csv"));
    }

    @Test
    void rfc4180QuotingCrlfAndBom() throws IOException {
        String text = "\uFEFF\"x, the first\",\"say \"\"hi\"\"\",y\r\n1,\"multi\nline\",\"2.5\"\r\n3,plain,4\r\n";
        CsvTable t = CsvReader.read(file("q.csv", text));
        assertEquals(List.of("x, the first", "say \"hi\"", "y"), t.header());
        assertEquals("multi\nline", t.cell(0, 1));
        assertEquals(2, t.line(0));
        assertEquals(4, t.line(1)); // the quoted line break moves the second row to line 4
        assertArrayEquals(new double[][] {{1, 2.5}, {3, 4}}, t.toTimeSeries(List.of("x, the first", "y"),
                MissingValues.ERROR).toRows());
    }

    @Test
    void otherDelimiter() throws IOException {
        CsvTable t = CsvReader.read(file("s.csv", "a;b\n1;2\n"), CsvReader.Options.withDelimiter(';'));
        assertArrayEquals(new double[][] {{1, 2}}, t.toTimeSeries(MissingValues.ERROR).toRows());
    }

    @Test
    void emptyCellNamesFileLineColumnAndHint() throws IOException {
        DataFormatException e = fails("date,co2\n1,2\n2,3\n3,\n", MissingValues.ERROR);
        assertEquals(dir.resolve("co2.csv") + ":4, column 2 'co2': empty cell (expected a number; "
                + "use --fill interpolate (MissingValues.INTERPOLATE) to fill gaps)", e.getMessage());
        assertEquals(4, e.line());
        assertEquals(2, e.column());
        assertEquals("co2", e.columnName());
    }

    @Test
    void nanAndNaMarkersAreMissing() throws IOException {
        DataFormatException nan = fails("a\n1\nNaN\n", MissingValues.ERROR);
        assertTrue(nan.getMessage().contains(":3, column 1 'a': 'NaN'"), nan.getMessage());
        DataFormatException na = fails("a\n1\n2\nNA\n", MissingValues.ERROR);
        assertTrue(na.getMessage().contains(":4, column 1 'a': missing value 'NA'"), na.getMessage());
    }

    @Test
    void infinityIsAlwaysAnError() throws IOException {
        for (String inf : List.of("inf", "-Infinity", "+INF")) {
            DataFormatException e = fails("a\n1\n" + inf + "\n", MissingValues.INTERPOLATE);
            assertTrue(e.getMessage().contains(":3, column 1 'a': infinite value '" + inf + "'"), e.getMessage());
        }
        DataFormatException big = fails("a\n1e999\n", MissingValues.ERROR);
        assertTrue(big.getMessage().contains("outside the range"), big.getMessage());
    }

    @Test
    void nonNumericIsAlwaysAnError() throws IOException {
        for (String bad : List.of("abc", "1.2.3", "0x10", "1d", "1e", "--1", "1,5")) {
            String text = bad.contains(",") ? "a\n\"" + bad + "\"\n" : "a\n" + bad + "\n";
            DataFormatException e = fails(text, MissingValues.INTERPOLATE);
            assertTrue(e.getMessage().contains(":2, column 1 'a': '" + bad + "' is not a number"), e.getMessage());
        }
    }

    @Test
    void textColumnConvertedByMistake() throws IOException {
        DataFormatException e = fails("date,v\n2020-01-01,1\n", MissingValues.ERROR);
        assertTrue(e.getMessage().contains(":2, column 1 'date': '2020-01-01' is not a number"), e.getMessage());
    }

    @Test
    void raggedRowsNameExpectedAndFoundCounts() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvReader.read(file("r.csv", "a,b,c\n1,2,3\n4,5\n")));
        assertTrue(e.getMessage().endsWith("r.csv:3: ragged row: found 2 cells, expected 3 (one per header column [a, b, c])"),
                e.getMessage());
        DataFormatException more = assertThrows(DataFormatException.class,
                () -> CsvReader.read(file("r2.csv", "a,b\n1,2,3\n")));
        assertTrue(more.getMessage().contains(":2: ragged row: found 3 cells, expected 2"), more.getMessage());
    }

    @Test
    void blankLineInsideMultiColumnFile() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvReader.read(file("b.csv", "a,b\n1,2\n\n3,4\n")));
        assertTrue(e.getMessage().endsWith("b.csv:3: blank line (expected 2 cells, one per header column [a, b])"),
                e.getMessage());
        // trailing blank lines are not data
        assertEquals(1, CsvReader.read(file("t.csv", "a,b\n1,2\n\n\n")).rowCount());
    }

    @Test
    void structuralErrors() throws IOException {
        assertTrue(assertThrows(DataFormatException.class, () -> CsvReader.read(file("e.csv", "")))
                .getMessage().contains("empty file"));
        assertTrue(assertThrows(DataFormatException.class, () -> CsvReader.read(file("e2.csv", "\n\n")))
                .getMessage().contains("empty file"));
        DataFormatException noHeader = assertThrows(DataFormatException.class,
                () -> CsvReader.read(file("h.csv", "1.5,2\n3,4\n")));
        assertTrue(noHeader.getMessage().contains("h.csv:1, column 1 '1.5': missing header"), noHeader.getMessage());
        DataFormatException dup = assertThrows(DataFormatException.class,
                () -> CsvReader.read(file("d.csv", "a,b,a\n1,2,3\n")));
        assertTrue(dup.getMessage().contains("d.csv:1, column 3 'a': duplicate column name (also column 1"),
                dup.getMessage());
        DataFormatException emptyName = assertThrows(DataFormatException.class,
                () -> CsvReader.read(file("n.csv", "a,,b\n1,2,3\n")));
        assertTrue(emptyName.getMessage().contains("n.csv:1, column 2: empty column name"), emptyName.getMessage());
        DataFormatException quote = assertThrows(DataFormatException.class,
                () -> CsvReader.read(file("u.csv", "a\n\"1\n")));
        assertTrue(quote.getMessage().contains("u.csv:2, column 1: unterminated quoted field"), quote.getMessage());
        assertTrue(assertThrows(DataFormatException.class, () -> CsvReader.read(dir.resolve("none.csv")))
                .getMessage().contains("file not found"));
    }

    @Test
    void headerOnlyGivesZeroRows() throws IOException {
        TimeSeries ts = CsvReader.read(file("h.csv", "a,b\n")).toTimeSeries(MissingValues.ERROR);
        assertEquals(0, ts.length());
        assertEquals(2, ts.width());
    }

    @Test
    void unknownColumnListsAvailable() throws IOException {
        CsvTable t = CsvReader.read(file("k.csv", "a,b\n1,2\n"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> t.toTimeSeries(List.of("c"), MissingValues.ERROR));
        assertTrue(e.getMessage().contains("no column named 'c' (available: [a, b])"), e.getMessage());
    }

    @Test
    void interpolateFillsInteriorLinearlyAndEndsWithNearest() throws IOException {
        // column a: _, 1, _, _, 4, _   -> 1, 1, 2, 3, 4, 4
        // column b: 10, NA, 20, 30, , 50 -> 10, 15, 20, 30, 40, 50
        CsvTable t = CsvReader.read(file("g.csv", "a,b\n,10\n1,NA\n,20\n,30\n4,\n,50\n"));
        CsvTable.Conversion c = t.convert(List.of("a", "b"), MissingValues.INTERPOLATE);
        assertArrayEquals(new double[] {1, 1, 2, 3, 4, 4}, c.series().column("a"), 1e-15);
        assertArrayEquals(new double[] {10, 15, 20, 30, 40, 50}, c.series().column("b"), 1e-15);
        assertEquals(6, c.filledCells());
        assertArrayEquals(new int[] {4, 2}, c.filledPerColumn());
        t.toTimeSeries(List.of("b"), MissingValues.INTERPOLATE);
        assertEquals(2, t.lastFillCount());
    }

    @Test
    void interpolateRejectsAllMissingColumn() throws IOException {
        DataFormatException e = fails("a,b\n,1\nNA,2\n", MissingValues.INTERPOLATE);
        assertTrue(e.getMessage().contains("column 1 'a': every cell is missing"), e.getMessage());
    }

    @Test
    void whitespaceAroundNumbersIsTolerated() throws IOException {
        TimeSeries ts = CsvReader.read(file("w.csv", " a , b \n 1 ,\t2\n")).toTimeSeries(MissingValues.ERROR);
        assertEquals(List.of("a", "b"), ts.names());
        assertArrayEquals(new double[][] {{1, 2}}, ts.toRows());
    }
}
