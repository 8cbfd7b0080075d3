package org.weir.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reservoir, readout and scaling flags shared by {@code fit} and {@code eval}, with {@code --config FILE}
 * supplying the same settings from a YAML or JSON file; flags override the file, the file overrides the
 * defaults.
 */
public final class ModelOptions {
    /** Ridge (Tikhonov) penalty used when neither the flag nor the file sets one. */
    public static final double DEFAULT_RIDGE = 1e-6;
    /** Warm-up steps discarded before training when neither the flag nor the file sets them. */
    public static final int DEFAULT_WARMUP = 100;

    @Mixin
    ReservoirOptions reservoirOptions = new ReservoirOptions();

    @Option(names = "--ridge", paramLabel = "L", description = "Ridge penalty of the readout (default: 1e-6).")
    Double ridge;

    @Option(names = "--warmup", paramLabel = "K", description = "Steps run before training starts, to wash out the initial state (default: 100).")
    Integer warmup;

    @Option(names = "--no-scale",
            description = "Do not standardize inputs and targets (by default they are scaled with training-row mean and deviation).")
    boolean noScale;

    /** The settings after merging defaults, the config file and the flags. */
    public record Settings(ReservoirSpec reservoir, double ridge, int warmup, boolean scale, Path configFile) {

        /** JSON-ready summary. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(reservoir.toMap());
            m.put("ridge", ridge);
            m.put("warmup", warmup);
            m.put("scale", scale);
            return m;
        }
    }

    /**
     * Resolves the settings.
     *
     * @throws CliError (usage) for an invalid value, naming the setting; (data) for a bad config file
     */
    public Settings resolve() {
        ConfigFile file = reservoirOptions.configFile();
        ReservoirSpec spec = reservoirOptions.resolve(file);
        double r = ridge != null ? ridge : file.has("ridge") ? file.number("ridge") : DEFAULT_RIDGE;
        if (!(r >= 0) || !Double.isFinite(r)) {
            throw CliError.usage("ridge must be a finite number >= 0, got " + r);
        }
        long w = warmup != null ? warmup : file.has("warmup") ? file.integer("warmup") : DEFAULT_WARMUP;
        if (w < 0 || w > Integer.MAX_VALUE) {
            throw CliError.usage("warmup must be a whole number >= 0, got " + w);
        }
        return new Settings(spec, r, (int) w, !noScale, reservoirOptions.config);
    }
}
