package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {
    private static TimeSeries sample() {
        return TimeSeries.fromRows("f.csv", List.of("a", "b", "c"),
                new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}});
    }

    @Test
    void rowsAndColumnsAgree() {
        TimeSeries ts = sample();
        assertEquals(4, ts.length());
        assertEquals(3, ts.width());
        assertEquals(List.of("a", "b", "c"), ts.names());
        assertEquals(1, ts.columnIndex("b"));
        assertArrayEquals(new double[] {2, 5, 8, 11}, ts.column("b"), 0.0);
        assertArrayEquals(new double[] {3, 6, 9, 12}, ts.column(2), 0.0);
        assertEquals(8.0, ts.value(2, 1), 0.0);
        assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}}, ts.toRows());
        assertArrayEquals(new double[][] {{6, 4}, {9, 7}}, ts.toRows(List.of("c", "a"), 1, 3));
        assertEquals(Optional.of("f.csv"), ts.source());
    }

    @Test
    void fromColumnsEqualsFromRows() {
        TimeSeries a = TimeSeries.fromColumns("f.csv", List.of("a", "b", "c"),
                List.of(new double[] {1, 4, 7, 10}, new double[] {2, 5, 8, 11}, new double[] {3, 6, 9, 12}));
        assertEquals(sample(), a);
    }

    @Test
    void copiesInAndOut() {
        double[] col = {1, 2, 3};
        TimeSeries ts = TimeSeries.fromColumns(List.of("x"), List.of(col));
        col[0] = 99;
        assertEquals(1.0, ts.value(0, 0), 0.0);
        ts.column("x")[1] = 99;
        assertEquals(2.0, ts.value(1, 0), 0.0);
        ts.toRows()[2][0] = 99;
        assertEquals(3.0, ts.value(2, 0), 0.0);
    }

    @Test
    void sliceAndSelect() {
        TimeSeries ts = sample();
        TimeSeries s = ts.rows(1, 3).select(List.of("c", "a"));
        assertEquals(List.of("c", "a"), s.names());
        assertArrayEquals(new double[][] {{6, 4}, {9, 7}}, s.toRows());
        assertEquals(0, ts.rows(2, 2).length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ts.rows(3, 5));
        assertTrue(e.getMessage().contains("[3, 5)") && e.getMessage().contains("length = 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ts.rows(2, 1));
        assertThrows(IllegalArgumentException.class, () -> ts.rows(-1, 1));
    }

    @Test
    void unknownColumnNamesItAndTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sample().columnIndex("zz"));
        assertTrue(e.getMessage().contains("'zz'"), e.getMessage());
        assertTrue(e.getMessage().contains("[a, b, c]"), e.getMessage());
        assertTrue(e.getMessage().contains("f.csv"), e.getMessage());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.fromColumns(List.of("a", "a"), List.of(new double[1], new double[1])));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.fromColumns(List.of("a"), List.of(new double[] {1, Double.NaN})));
        assertTrue(nan.getMessage().contains("row 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.fromColumns(List.of("a"), List.of(new double[] {Double.POSITIVE_INFINITY})));
        assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.fromColumns(List.of("a", "b"), List.of(new double[2], new double[3])));
        assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.fromRows(List.of("a", "b"), new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.fromColumns(List.of("a"), List.of(new double[1], new double[1])));
    }

    @Test
    void withSourceKeepsData() {
        TimeSeries ts = sample().withSource("g.csv");
        assertEquals(Optional.of("g.csv"), ts.source());
        assertArrayEquals(sample().toRows(), ts.toRows());
    }
}
