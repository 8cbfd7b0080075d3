package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsBitExactly() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] rows = new double[200][3];
        for (double[] row : rows) {
            row[0] = rng.nextDouble() * Math.pow(10, rng.nextInt(-300, 300));
            row[1] = -rng.nextDouble();
            row[2] = rng.nextInt(-1000, 1000);
        }
        rows[0][0] = Double.MIN_VALUE;
        rows[1][0] = Double.MAX_VALUE;
        rows[2][0] = -0.0;
        rows[3][0] = 0.1 + 0.2;
        Path p = dir.resolve("out.csv");
        CsvWriter.write(p, List.of("a", "b, quoted", "c"), rows);
        TimeSeries back = CsvReader.read(p).toTimeSeries(MissingValues.ERROR);
        assertEquals(List.of("a", "b, quoted", "c"), back.names());
        double[][] got = back.toRows();
        for (int t = 0; t < rows.length; t++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(Double.doubleToLongBits(rows[t][j]), Double.doubleToLongBits(got[t][j]),
                        "row " + t + " col " + j);
            }
        }
    }

    @Test
    void replacesExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("x.csv");
        Files.writeString(p, "old content that is longer than the new one\n");
        CsvWriter.write(p, TimeSeries.fromRows(List.of("v"), new double[][] {{1.5}, {2}}));
        assertEquals("v\n1.5\n2.0\n", Files.readString(p));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(p), s.toList());
        }
    }

    @Test
    void rejectsBadRowsWithoutTouchingTheFile() throws IOException {
        Path p = dir.resolve("y.csv");
        Files.writeString(p, "keep\n");
        assertThrows(IllegalArgumentException.class, () -> CsvWriter.write(p, List.of("a", "b"), new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class,
                () -> CsvWriter.write(p, List.of("a"), new double[][] {{Double.NaN}}));
        assertEquals("keep\n", Files.readString(p));
    }

    @Test
    void createsMissingFoldersAndFailsClearlyWhenItCannot() throws Exception {
        Path p = dir.resolve("new/sub/z.csv");
        CsvWriter.write(p, List.of("a"), new double[][] {{1}});
        assertEquals("a\n1.0\n", Files.readString(p));
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path q = blocker.resolve("z.csv");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> CsvWriter.write(q, List.of("a"), new double[][] {{1}}));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("z.csv"), e.getMessage());
    }
}
