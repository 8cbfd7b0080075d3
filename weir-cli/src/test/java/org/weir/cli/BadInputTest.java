package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs: one clear line on stderr, the right exit code, nothing on stdout, no stack trace, no output file. */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path good;
    static Path model;

    @BeforeAll
    static void setUp() throws IOException {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int t = 0; t < 300; t++) {
            sb.append(Math.sin(t / 7.0)).append(',').append(Math.cos(t / 7.0)).append('\n');
        }
        good = dir.resolve("good.csv");
        Files.writeString(good, sb);
        model = dir.resolve("m.weir");
        Cli.Result r = Cli.run("fit", "--data", good.toString(), "--target", "a", "--units", "20", "--warmup", "10",
                "--out", model.toString(), "--quiet");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.out() + r.err(), "--quiet prints nothing on success");
    }

    static void assertError(Cli.Result r, int code, String command, String... fragments) {
        assertEquals(code, r.code(), r::toString);
        assertEquals("", r.out(), r::toString);
        String[] lines = r.err().split("\\R");
        assertEquals(1, lines.length, r::toString);
        assertTrue(lines[0].startsWith("weir " + command + ": error: "), r::toString);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), () -> "'" + f + "' missing from: " + lines[0]);
        }
        assertFalse(r.err().contains("Exception"), r::toString);
    }

    @Test
    void missingDataFile() {
        Path out = dir.resolve("never.weir");
        assertError(Cli.run("fit", "--data", dir.resolve("nope.csv").toString(), "--target", "a", "--out", out.toString()),
                1, "fit", "not found", "nope.csv");
        assertFalse(Files.exists(out));
    }

    @Test
    void nanCellNamesFileLineAndColumnAndSuggestsFill() throws IOException {
        Path f = dir.resolve("nan.csv");
        Files.writeString(f, "a,b\n1,2\n2,3\nNaN,4\n3,5\n4,6\n");
        assertError(Cli.run("fit", "--data", f.toString(), "--target", "a", "--warmup", "0", "--out",
                dir.resolve("nan.weir").toString()), 1, "fit", "nan.csv:4", "'a'", "--fill interpolate");
        Cli.Result ok = Cli.run("fit", "--data", f.toString(), "--target", "a", "--warmup", "0", "--units", "5",
                "--fill", "interpolate", "--out", dir.resolve("nan.weir").toString());
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.err().contains("filled 1 missing cell by linear interpolation"), ok::toString);
    }

    @Test
    void nonNumericCell() throws IOException {
        Path f = dir.resolve("text.csv");
        Files.writeString(f, "a\n1\n2\nabc\n");
        assertError(Cli.run("fit", "--data", f.toString(), "--target", "a", "--warmup", "0", "--out",
                dir.resolve("t.weir").toString()), 1, "fit", "text.csv:4", "abc");
    }

    @Test
    void unknownColumnListsTheAvailableOnes() {
        assertError(Cli.run("fit", "--data", good.toString(), "--target", "c", "--out", dir.resolve("c.weir").toString()),
                1, "fit", "no column named 'c'", "a, b");
        assertError(Cli.run("eval", "--data", good.toString(), "--input", "zz", "--target", "a", "--train", "0:200",
                "--test", "200:299"), 1, "eval", "'zz'");
    }

    @Test
    void negativeUnitsIsAUsageError() {
        assertError(Cli.run("fit", "--data", good.toString(), "--target", "a", "--units", "-5", "--out",
                dir.resolve("n.weir").toString()), 2, "fit", "units must be at least 1, got -5");
    }

    @Test
    void corruptModelFile() throws IOException {
        Path bad = dir.resolve("corrupt.weir");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x5A;
        bytes[bytes.length / 3] ^= 0x5A;
        Files.write(bad, bytes);
        Cli.Result r = Cli.run("predict", "--model", bad.toString(), "--data", good.toString(), "--out",
                dir.resolve("p.csv").toString());
        assertError(r, 1, "predict", "corrupt.weir");
        Path text = dir.resolve("text.weir");
        Files.writeString(text, "this is not a model");
        assertError(Cli.run("predict", "--model", text.toString(), "--data", good.toString(), "--out",
                dir.resolve("p.csv").toString()), 1, "predict", "text.weir");
        assertError(Cli.run("generate", "--model", dir.resolve("absent.weir").toString(), "--data", good.toString(),
                "--warmup-rows", "0:100", "--steps", "5", "--out", dir.resolve("g.csv").toString()), 1, "generate",
                "model file not found");
        assertFalse(Files.exists(dir.resolve("p.csv")));
    }

    @Test
    void rowRangesPastTheDataAndWarmupTooLong() {
        assertError(Cli.run("fit", "--data", good.toString(), "--target", "a", "--train-rows", "0:400", "--out",
                dir.resolve("r.weir").toString()), 2, "fit", "--train-rows '0:400'", "300 rows");
        assertError(Cli.run("fit", "--data", good.toString(), "--target", "a", "--train-rows", "0:300", "--out",
                dir.resolve("r.weir").toString()), 2, "fit", "needs target rows up to 300", "end the range at 299 at most");
        assertError(Cli.run("fit", "--data", good.toString(), "--target", "a", "--train-rows", "0:50", "--warmup", "60",
                "--out", dir.resolve("r.weir").toString()), 2, "fit", "warm-up");
        assertError(Cli.run("eval", "--data", good.toString(), "--target", "a", "--train", "0:200", "--generative",
                "--starts", "250:290:10", "--steps", "20"), 2, "eval", "data ends at row 299");
    }

    @Test
    void generateNeedsAnAutonomousModel() throws IOException {
        Path m2 = dir.resolve("ab.weir");
        assertEquals(0, Cli.run("fit", "--data", good.toString(), "--input", "a", "--target", "b", "--units", "10",
                "--warmup", "10", "--out", m2.toString(), "-q").code());
        assertError(Cli.run("generate", "--model", m2.toString(), "--data", good.toString(), "--warmup-rows", "0:100",
                "--steps", "5", "--out", dir.resolve("g.csv").toString()), 2, "generate", "inputs are its targets");
    }

    @Test
    void unknownConfigKeyNamesKeyAndFile() throws IOException {
        Path cfg = dir.resolve("esn.yaml");
        Files.writeString(cfg, "units: 10\nleaky: 0.3\n");
        assertError(Cli.run("fit", "--data", good.toString(), "--target", "a", "--config", cfg.toString(), "--out",
                dir.resolve("k.weir").toString()), 1, "fit", "unknown setting 'leaky'", "esn.yaml");
    }
}
