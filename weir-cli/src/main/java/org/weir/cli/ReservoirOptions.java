package org.weir.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The reservoir flags shared by {@code fit}, {@code eval}, {@code conformal} and {@code diagnose}: the kind
 * ({@code --reservoir}), the common echo-state flags, the kind-specific flags, and {@code --config FILE}
 * holding the same settings under snake_case keys (flags override the file, the file overrides the defaults).
 * {@link #resolve(ConfigFile)} checks every value and that each flag applies to the chosen kind.
 */
public final class ReservoirOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON file with settings under the flags' names in snake_case (units, spectral_radius, "
                    + "leak_rate, input_scaling, ..., reservoir, layers, adapt_epochs, ..., ridge, warmup); flags override it.")
    Path config;

    @Option(names = "--reservoir", paramLabel = "KIND",
            description = "Reservoir type: esn (echo state network, default), deep (stacked ESN layers), ei-adaptive "
                    + "(E-I balanced, self-adapting inhibition), resrmn (residual reservoir memory network), ip (ESN "
                    + "with intrinsic plasticity), quantum (simulated quantum reservoir), nvar (next-generation RC "
                    + "features). Adaptive kinds (ei-adaptive, ip) adapt on the training inputs before the readout fit.")
    String reservoir;

    @Option(names = "--units", paramLabel = "N", description = "Reservoir neurons (per layer for deep; default: 100).")
    Integer units;

    @Option(names = "--spectral-radius", paramLabel = "R", description = "Spectral radius of the recurrent weights (default: 0.9).")
    Double spectralRadius;

    @Option(names = "--leak-rate", paramLabel = "A", description = "Leak rate in (0, 1] (default: 1).")
    Double leakRate;

    @Option(names = "--input-scaling", paramLabel = "S[,S...]",
            description = "Input weight scale, one value or (esn, deep, ip) one per input column (default: 1).")
    String inputScaling;

    @Option(names = "--bias-scaling", paramLabel = "B", description = "Bias weight scale (default: 0, no bias).")
    Double biasScaling;

    @Option(names = "--connectivity", paramLabel = "P", description = "Fraction of non-zero recurrent weights (default: 0.1).")
    Double connectivity;

    @Option(names = "--in-degree", paramLabel = "K", description = "Fixed non-zero recurrent weights per neuron (overrides --connectivity).")
    Integer inDegree;

    @Option(names = "--input-connectivity", paramLabel = "P", description = "Fraction of non-zero input weights (default: 0.1).")
    Double inputConnectivity;

    @Option(names = "--activation", paramLabel = "F",
            description = "Neuron activation: tanh, sigmoid, relu, identity (default: tanh; ip: tanh or sigmoid).")
    String activation;

    @Option(names = "--topology", paramLabel = "T",
            description = "Recurrent wiring: random, block-random (groups of eight rows sharing their columns: several "
                    + "times faster), ring, delay-line, cycle-jumps, orthogonal (default: random).")
    String topology;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw (default: 42).")
    Long seed;

    @Option(names = "--precision", paramLabel = "P",
            description = "esn, deep, ip: storage of the recurrent weights, float64 or float32 (weights rounded to single "
                    + "precision, half the memory traffic per step; sums stay in double) (default: float64).")
    String precision;

    @Option(names = "--layers", paramLabel = "L", description = "deep: number of stacked layers (default: 2).")
    Integer layers;

    @Option(names = "--adapt-epochs", paramLabel = "E",
            description = "ei-adaptive, ip: passes of the adaptation rule over the training inputs (default: 5 for "
                    + "ei-adaptive, 1 for ip).")
    Integer adaptEpochs;

    @Option(names = "--adapt-rate", paramLabel = "ETA",
            description = "ei-adaptive, ip: learning rate of the adaptation rule (default: 0.001 for ei-adaptive, "
                    + "0.0005 for ip).")
    Double adaptRate;

    @Option(names = "--target-rate", paramLabel = "MU", description = "ei-adaptive: target firing rate in (0, 1) (default: 0.2).")
    Double targetRate;

    @Option(names = "--inhibition-scale", paramLabel = "BETA",
            description = "ei-adaptive: global inhibition scale before adaptation, 1 = balanced (default: 1).")
    Double inhibitionScale;

    @Option(names = "--ip-mean", paramLabel = "MU",
            description = "ip: mean of the target output distribution (default: 0 for tanh, 0.2 for sigmoid).")
    Double ipMean;

    @Option(names = "--ip-std", paramLabel = "SIGMA", description = "ip: deviation of the Gaussian target (tanh; default: 1).")
    Double ipStd;

    @Option(names = "--memory-units", paramLabel = "M", description = "resrmn: linear memory units (default: 64).")
    Integer memoryUnits;

    @Option(names = "--memory-decay", paramLabel = "G",
            description = "resrmn: memory decay in (0, 1]; 1 (default) recalls the last M inputs exactly, as in the "
                    + "paper; use e.g. 0.95 on long series, where an undamped memory grows without bound.")
    Double memoryDecay;

    @Option(names = "--residual", paramLabel = "O",
            description = "resrmn: residual branch, orthogonal, cyclic or identity (default: orthogonal).")
    String residual;

    @Option(names = "--residual-alpha", paramLabel = "A", description = "resrmn: weight of the residual branch in [0, 1] (default: 0.9).")
    Double residualAlpha;

    @Option(names = "--residual-beta", paramLabel = "B", description = "resrmn: weight of the nonlinear branch in (0, 1] (default: 0.1).")
    Double residualBeta;

    @Option(names = "--qubits", paramLabel = "Q", description = "quantum: hidden qubits, the readout's features (default: 6).")
    Integer qubits;

    @Option(names = "--circuit-layers", paramLabel = "L", description = "quantum: random circuit layers per step (default: 2).")
    Integer circuitLayers;

    @Option(names = "--delays", paramLabel = "K", description = "nvar: delayed copies of the input (default: 2).")
    Integer delays;

    @Option(names = "--stride", paramLabel = "S", description = "nvar: steps between delays (default: 1).")
    Integer stride;

    @Option(names = "--degree", paramLabel = "P", description = "nvar: degree of the monomials, 0 to 4 (default: 2).")
    Integer degree;

    /** The settings file, or {@link ConfigFile#none()}. */
    ConfigFile configFile() {
        return config == null ? ConfigFile.none() : ConfigFile.read(config);
    }

    /**
     * Resolves the reservoir settings from the flags and the file.
     *
     * @throws CliError (usage) for an unknown kind, an invalid value, or a flag that does not apply to the kind
     */
    public ReservoirSpec resolve(ConfigFile file) {
        String kind = reservoir != null ? reservoir : file.has("reservoir") ? file.string("reservoir") : "esn";
        kind = kind.trim().toLowerCase(Locale.ROOT);
        if (!ReservoirSpec.KINDS.contains(kind)) {
            throw CliError.usage("unknown reservoir kind '" + kind + "'; choose one of " + String.join(", ", ReservoirSpec.KINDS));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : ReservoirSpec.INTEGER_KEYS) {
            if (file.has(key)) {
                m.put(key, file.integer(key));
            }
        }
        for (String key : ReservoirSpec.NUMBER_KEYS) {
            if (file.has(key)) {
                m.put(key, file.number(key));
            }
        }
        for (String key : ReservoirSpec.TEXT_KEYS) {
            if (file.has(key)) {
                m.put(key, file.string(key));
            }
        }
        if (file.has("input_scaling")) {
            m.put("input_scaling", file.isList("input_scaling")
                    ? Arrays.stream(file.numbers("input_scaling")).boxed().toList() : (Object) file.number("input_scaling"));
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
        put(m, "precision", precision);
        put(m, "layers", layers == null ? null : (long) layers);
        put(m, "adapt_epochs", adaptEpochs == null ? null : (long) adaptEpochs);
        put(m, "adapt_rate", adaptRate);
        put(m, "target_rate", targetRate);
        put(m, "inhibition_scale", inhibitionScale);
        put(m, "ip_mean", ipMean);
        put(m, "ip_std", ipStd);
        put(m, "memory_units", memoryUnits == null ? null : (long) memoryUnits);
        put(m, "memory_decay", memoryDecay);
        put(m, "residual", residual);
        put(m, "residual_alpha", residualAlpha);
        put(m, "residual_beta", residualBeta);
        put(m, "qubits", qubits == null ? null : (long) qubits);
        put(m, "circuit_layers", circuitLayers == null ? null : (long) circuitLayers);
        put(m, "delays", delays == null ? null : (long) delays);
        put(m, "stride", stride == null ? null : (long) stride);
        put(m, "degree", degree == null ? null : (long) degree);
        if (inputScaling != null) {
            m.put("input_scaling", parseScaling(inputScaling));
        }
        return ReservoirSpec.of(kind, m);
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static Object parseScaling(String text) {
        String[] parts = text.split(",");
        List<Object> values = new java.util.ArrayList<>();
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
