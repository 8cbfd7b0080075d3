package org.weir.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.weir.reservoir.EchoStateConfig;
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

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON file with settings (keys: units, spectral_radius, leak_rate, input_scaling, "
                    + "bias_scaling, connectivity, in_degree, input_connectivity, activation, topology, seed, ridge, "
                    + "warmup); flags override it.")
    Path config;

    @Option(names = "--reservoir", paramLabel = "KIND", description = "Reservoir type (default: esn, the echo state network).")
    String reservoir;

    @Option(names = "--units", paramLabel = "N", description = "Reservoir neurons (default: 100).")
    Integer units;

    @Option(names = "--spectral-radius", paramLabel = "R", description = "Spectral radius of the recurrent weights (default: 0.9).")
    Double spectralRadius;

    @Option(names = "--leak-rate", paramLabel = "A", description = "Leak rate in (0, 1] (default: 1).")
    Double leakRate;

    @Option(names = "--input-scaling", paramLabel = "S[,S...]",
            description = "Input weight scale, one value or one per input column (default: 1).")
    String inputScaling;

    @Option(names = "--bias-scaling", paramLabel = "B", description = "Bias weight scale (default: 0, no bias).")
    Double biasScaling;

    @Option(names = "--connectivity", paramLabel = "P", description = "Fraction of non-zero recurrent weights (default: 0.1).")
    Double connectivity;

    @Option(names = "--in-degree", paramLabel = "K", description = "Fixed non-zero recurrent weights per neuron (overrides --connectivity).")
    Integer inDegree;

    @Option(names = "--input-connectivity", paramLabel = "P", description = "Fraction of non-zero input weights (default: 0.1).")
    Double inputConnectivity;

    @Option(names = "--activation", paramLabel = "F", description = "Neuron activation: tanh, sigmoid, relu, identity (default: tanh).")
    String activation;

    @Option(names = "--topology", paramLabel = "T",
            description = "Recurrent wiring: random, ring, delay-line, cycle-jumps, orthogonal (default: random).")
    String topology;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw (default: 42).")
    Long seed;

    @Option(names = "--ridge", paramLabel = "L", description = "Ridge penalty of the readout (default: 1e-6).")
    Double ridge;

    @Option(names = "--warmup", paramLabel = "K", description = "Steps run before training starts, to wash out the initial state (default: 100).")
    Integer warmup;

    @Option(names = "--no-scale",
            description = "Do not standardize inputs and targets (by default they are scaled with training-row mean and deviation).")
    boolean noScale;

    /** The settings after merging defaults, the config file and the flags. */
    public record Settings(String reservoirKind, EchoStateConfig reservoir, double ridge, int warmup, boolean scale,
            Path configFile) {

        /** JSON-ready summary. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reservoir", reservoirKind);
            m.putAll(reservoir.toMap());
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
        ConfigFile file = config == null ? ConfigFile.none() : ConfigFile.read(config);
        String kind = reservoir != null ? reservoir : file.has("reservoir") ? file.string("reservoir") : "esn";
        kind = kind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("esn")) {
            throw CliError.usage("--reservoir '" + kind + "' is not available; available: esn");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : new String[] {"units", "in_degree", "seed"}) {
            if (file.has(key)) {
                m.put(key, file.integer(key));
            }
        }
        for (String key : new String[] {"spectral_radius", "leak_rate", "bias_scaling", "connectivity", "input_connectivity"}) {
            if (file.has(key)) {
                m.put(key, file.number(key));
            }
        }
        for (String key : new String[] {"activation", "topology"}) {
            if (file.has(key)) {
                m.put(key, file.string(key));
            }
        }
        put(m, "units", units == null ? null : (long) units);
        put(m, "in_degree", inDegree == null ? null : (long) inDegree);
        put(m, "seed", seed);
        put(m, "spectral_radius", spectralRadius);
        put(m, "leak_rate", leakRate);
        put(m, "bias_scaling", biasScaling);
        put(m, "connectivity", connectivity);
        put(m, "input_connectivity", inputConnectivity);
        put(m, "activation", activation);
        put(m, "topology", topology);
        if (inputScaling != null) {
            m.put("input_scaling", parseScaling(inputScaling));
        } else if (file.has("input_scaling")) {
            m.put("input_scaling", fileScaling(file));
        }
        EchoStateConfig cfg;
        try {
            cfg = EchoStateConfig.fromMap(m);
        } catch (IllegalArgumentException e) {
            throw CliError.usage("invalid reservoir setting: " + e.getMessage(), e);
        }
        double r = ridge != null ? ridge : file.has("ridge") ? file.number("ridge") : DEFAULT_RIDGE;
        if (!(r >= 0) || !Double.isFinite(r)) {
            throw CliError.usage("ridge must be a finite number >= 0, got " + r);
        }
        long w = warmup != null ? warmup : file.has("warmup") ? file.integer("warmup") : DEFAULT_WARMUP;
        if (w < 0 || w > Integer.MAX_VALUE) {
            throw CliError.usage("warmup must be a whole number >= 0, got " + w);
        }
        return new Settings(kind, cfg, r, (int) w, !noScale, config);
    }

    private static Object fileScaling(ConfigFile file) {
        return file.isList("input_scaling")
                ? java.util.Arrays.stream(file.numbers("input_scaling")).boxed().toList()
                : (Object) file.number("input_scaling");
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static Object parseScaling(String text) {
        String[] parts = text.split(",");
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (String p : parts) {
            try {
                values.add(Double.parseDouble(p.trim()));
            } catch (NumberFormatException e) {
                throw CliError.usage("--input-scaling '" + text + "': '" + p.trim() + "' is not a number");
            }
        }
        return values.size() == 1 ? values.get(0) : values;
    }
}
