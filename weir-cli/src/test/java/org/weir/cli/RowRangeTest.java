package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowRangeTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"0:10;0;10", "3:7;3;7", " 2 : 5 ;2;5", ":4;0;4", "6:;6;10", "-3:;7;10",
            "0:-1;0;9", ":;0;10"})
    void parsesHalfOpenRanges(String text, int start, int end) {
        RowRange r = RowRange.parse("--rows", text, 10);
        assertEquals(start, r.start());
        assertEquals(end, r.end());
        assertEquals(end - start, r.length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "5;must be a row range A:B",
        "1:2:3;must be a row range A:B",
        "a:5;'a' is not a whole number",
        "0:11;ends past the last row: the data has 10 rows (0 to 9), so the end can be at most 10",
        "-11:5;starts before the first row",
        "5:5;is empty",
        "7:3;start (7) must be smaller than the end (3)"})
    void rejectsBadRangesNamingTheFlag(String text, String fragment) {
        CliError e = assertThrows(CliError.class, () -> RowRange.parse("--train-rows", text, 10));
        assertEquals(CliError.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("--train-rows '" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void startRowsWithStep() {
        assertArrayEquals(new int[] {10, 25, 40}, StartRows.parse("--starts", "10:50:15", 100));
        assertArrayEquals(new int[] {3, 4}, StartRows.parse("--starts", "3:5", 100));
        assertArrayEquals(new int[] {90, 95}, StartRows.parse("--starts", "-10::5", 100));
        CliError e = assertThrows(CliError.class, () -> StartRows.parse("--starts", "0:10:0", 100));
        assertTrue(e.getMessage().contains("step must be at least 1"), e.getMessage());
    }
}
