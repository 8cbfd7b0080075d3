package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage errors: one line on stderr naming the command, exit code 2, no stack trace unless --verbose. */
class ErrorHandlingTest {

    private static void assertOneLineError(Cli.Result r, int code, String prefix, String... fragments) {
        assertEquals(code, r.code(), r::toString);
        assertEquals("", r.out(), r::toString);
        String[] lines = r.err().split("\\R");
        assertEquals(1, lines.length, r::toString);
        assertTrue(lines[0].startsWith(prefix + ": error: "), r::toString);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), () -> "missing '" + f + "' in " + r);
        }
        assertFalse(r.err().contains("\tat "), r::toString);
    }

    @Test
    void unknownCommandSuggestsTheClosestOne() {
        assertOneLineError(Cli.run("fitt"), 2, "weir", "unknown command 'fitt'", "did you mean fit");
    }

    @Test
    void noCommandIsAUsageError() {
        assertOneLineError(Cli.run(), 2, "weir", "missing command");
    }

    @Test
    void unknownOptionNamesTheOption() {
        assertOneLineError(Cli.run("bench", "throughput", "--units", "10", "--steps", "10", "--frobnicate"), 2,
                "weir bench throughput", "unknown option '--frobnicate'");
    }

    @Test
    void missingRequiredOption() {
        assertOneLineError(Cli.run("bench", "throughput", "--units", "10"), 2, "weir bench throughput", "--steps");
    }

    @Test
    void badNumberIsAUsageError() {
        assertOneLineError(Cli.run("bench", "throughput", "--units", "ten", "--steps", "5"), 2,
                "weir bench throughput", "'ten'", "--units");
    }

    @Test
    void unknownPrecisionNamesTheChoices() {
        assertOneLineError(Cli.run("bench", "throughput", "--units", "10", "--steps", "5", "--precision", "half"), 2,
                "weir bench throughput", "precision", "float64 or float32", "'half'");
    }

    @Test
    void negativeUnitsIsAUsageErrorNamingTheSetting() {
        assertOneLineError(Cli.run("bench", "throughput", "--units", "-3", "--steps", "5"), 2,
                "weir bench throughput", "units", "-3");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Result r = Cli.run("bench", "throughput", "--units", "-3", "--steps", "5", "--verbose");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("weir bench throughput: error: "), r::toString);
        assertTrue(r.err().contains("\tat "), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "predict", "generate", "eval", "bench", "demo"})
    void everyCommandHasHelpWithTheCommonOptions(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("Usage: weir " + command), r::toString);
        if (!command.equals("bench")) {
            for (String opt : new String[] {"--json", "--quiet", "--verbose"}) {
                assertTrue(r.out().contains(opt), () -> command + " --help lacks " + opt + ":\n" + r.out());
            }
        }
        assertEquals("", r.err());
    }

    @Test
    void versionNamesTheModelFormat() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("weir \\d+\\.\\d+\\.\\d+ \\(model file format \\d+.*\\R"), r::toString);
    }
}
