package org.weir.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weir.linalg.Activation;
import org.weir.reservoir.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** --config FILE (YAML or JSON) merged with flags: defaults < file < flags; unknown keys are errors. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Command(name = "holder")
    static final class Holder {
        @Mixin
        ModelOptions options = new ModelOptions();
    }

    private static ModelOptions.Settings resolve(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.options.resolve();
    }

    @Test
    void defaultsWithoutFileOrFlags() {
        ModelOptions.Settings s = resolve();
        assertEquals(100, s.reservoir().esnConfig().units());
        assertEquals(0.9, s.reservoir().esnConfig().spectralRadius());
        assertEquals(ModelOptions.DEFAULT_RIDGE, s.ridge());
        assertEquals(ModelOptions.DEFAULT_WARMUP, s.warmup());
        assertTrue(s.scale());
    }

    @Test
    void yamlFileSetsEveryKeyAndFlagsOverrideIt() throws IOException {
        Path f = dir.resolve("esn.yaml");
        Files.writeString(f, """
                # reservoir for the demo
                units: 321
                spectral-radius: 1.1
                leak_rate: 0.3
                input_scaling: [0.5, 2]
                bias_scaling: 0.2
                connectivity: 0.05
                input_connectivity: 0.5
                activation: relu
                topology: ring
                seed: 7
                ridge: 0.001
                warmup: 12
                """);
        ModelOptions.Settings s = resolve("--config", f.toString());
        assertEquals(321, s.reservoir().esnConfig().units());
        assertEquals(1.1, s.reservoir().esnConfig().spectralRadius());
        assertEquals(0.3, s.reservoir().esnConfig().leakRate());
        assertArrayEquals(new double[] {0.5, 2}, s.reservoir().esnConfig().inputScaling());
        assertEquals(0.2, s.reservoir().esnConfig().biasScaling());
        assertEquals(0.05, s.reservoir().esnConfig().connectivity());
        assertEquals(0.5, s.reservoir().esnConfig().inputConnectivity());
        assertEquals(Activation.RELU, s.reservoir().esnConfig().activation());
        assertEquals(Topology.RING, s.reservoir().esnConfig().topology());
        assertEquals(7L, s.reservoir().seed());
        assertEquals(0.001, s.ridge());
        assertEquals(12, s.warmup());

        ModelOptions.Settings o = resolve("--config", f.toString(), "--units", "50", "--leak-rate", "1",
                "--input-scaling", "3", "--ridge", "0", "--seed", "9", "--no-scale");
        assertEquals(50, o.reservoir().esnConfig().units());
        assertEquals(1.0, o.reservoir().esnConfig().leakRate());
        assertArrayEquals(new double[] {3}, o.reservoir().esnConfig().inputScaling());
        assertEquals(0.0, o.ridge());
        assertEquals(9L, o.reservoir().seed());
        assertFalse(o.scale());
        assertEquals(1.1, o.reservoir().esnConfig().spectralRadius(), "keys without a flag still come from the file");
    }

    @Test
    void jsonFile() throws IOException {
        Path f = dir.resolve("esn.json");
        Files.writeString(f, "{\"units\": 64, \"spectral_radius\": 0.5, \"activation\": \"identity\"}");
        ModelOptions.Settings s = resolve("--config", f.toString());
        assertEquals(64, s.reservoir().esnConfig().units());
        assertEquals(0.5, s.reservoir().esnConfig().spectralRadius());
        assertEquals(Activation.IDENTITY, s.reservoir().esnConfig().activation());
    }

    @Test
    void unknownKeyNamesKeyAndFile() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "units: 10\nspectral_raduis: 0.9\n");
        CliError e = assertThrows(CliError.class, () -> resolve("--config", f.toString()));
        assertEquals(CliError.DATA, e.exitCode());
        assertTrue(e.getMessage().contains("spectral_raduis"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void wrongTypeAndSyntaxErrorsNameTheFile() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "units: many\n");
        CliError e = assertThrows(CliError.class, () -> resolve("--config", f.toString()));
        assertTrue(e.getMessage().contains("'units' must be a whole number") && e.getMessage().contains(f.toString()),
                e.getMessage());
        Path g = dir.resolve("bad.json");
        Files.writeString(g, "{\"units\": 10,,}");
        e = assertThrows(CliError.class, () -> resolve("--config", g.toString()));
        assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
        e = assertThrows(CliError.class, () -> resolve("--config", dir.resolve("missing.yaml").toString()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void invalidValuesAreUsageErrorsNamingTheSetting() {
        CliError e = assertThrows(CliError.class, () -> resolve("--units", "-4"));
        assertEquals(CliError.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("units must be at least 1, got -4"), e.getMessage());
        e = assertThrows(CliError.class, () -> resolve("--leak-rate", "1.5"));
        assertTrue(e.getMessage().contains("leak rate"), e.getMessage());
        e = assertThrows(CliError.class, () -> resolve("--ridge", "-1"));
        assertTrue(e.getMessage().contains("ridge"), e.getMessage());
        e = assertThrows(CliError.class, () -> resolve("--activation", "softplus"));
        assertTrue(e.getMessage().contains("softplus"), e.getMessage());
    }
}
