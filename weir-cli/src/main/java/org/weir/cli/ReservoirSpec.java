package org.weir.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weir.reservoir.DeepReservoir;
import org.weir.reservoir.EchoStateConfig;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.EiBalancedReservoir;
import org.weir.reservoir.IntrinsicPlasticityReservoir;
import org.weir.reservoir.NvarFeatures;
import org.weir.reservoir.QuantumReservoir;
import org.weir.reservoir.Reservoir;
import org.weir.reservoir.ResidualMemoryReservoir;
import org.weir.reservoir.StateVectorSimulator;

/**
 * A resolved, validated choice of reservoir: its kind and the configuration of that kind, built from the
 * snake_case settings of {@link ReservoirOptions}. Which setting applies to which kind:
 * <ul>
 * <li>esn: units, spectral_radius, leak_rate, input_scaling, bias_scaling, connectivity, in_degree,
 * input_connectivity, activation, topology, seed;</li>
 * <li>deep: the esn settings (per layer; layer l gets seed + l) and layers;</li>
 * <li>ip: the esn settings (activation tanh gives the Gaussian target, sigmoid the exponential one),
 * adapt_epochs, adapt_rate, ip_mean, ip_std;</li>
 * <li>ei-adaptive: units, connectivity, leak_rate, input_scaling, seed, adapt_epochs, adapt_rate, target_rate,
 * inhibition_scale (sigmoid rate neurons, Dale's law);</li>
 * <li>resrmn: units, spectral_radius, input_scaling, bias_scaling, seed, memory_units, memory_decay, residual,
 * residual_alpha, residual_beta;</li>
 * <li>quantum: input_scaling, seed, qubits, circuit_layers;</li>
 * <li>nvar: delays, stride, degree (seed is accepted and unused).</li>
 * </ul>
 * A setting given for a kind it does not apply to is a usage error naming both.
 */
public final class ReservoirSpec {
    /** Every kind, as spelled on the command line. */
    public static final List<String> KINDS = List.of("esn", "deep", "ei-adaptive", "resrmn", "ip", "quantum", "nvar");

    static final List<String> INTEGER_KEYS = List.of("units", "in_degree", "seed", "layers", "adapt_epochs",
            "memory_units", "qubits", "circuit_layers", "delays", "stride", "degree");
    static final List<String> NUMBER_KEYS = List.of("spectral_radius", "leak_rate", "bias_scaling", "connectivity",
            "input_connectivity", "adapt_rate", "target_rate", "inhibition_scale", "ip_mean", "ip_std", "residual_alpha",
            "residual_beta", "memory_decay");
    static final List<String> TEXT_KEYS = List.of("activation", "topology", "residual", "precision");

    private static final Set<String> ESN_KEYS = Set.of("units", "spectral_radius", "leak_rate", "input_scaling",
            "bias_scaling", "connectivity", "in_degree", "input_connectivity", "activation", "topology", "seed", "precision");

    /** Every reservoir key a settings file may hold. */
    static Set<String> allKeys() {
        Set<String> s = new LinkedHashSet<>(ESN_KEYS);
        s.addAll(INTEGER_KEYS);
        s.addAll(NUMBER_KEYS);
        s.addAll(TEXT_KEYS);
        s.add("reservoir");
        return s;
    }

    private static Set<String> applicable(String kind) {
        Set<String> s = new LinkedHashSet<>();
        switch (kind) {
            case "esn" -> s.addAll(ESN_KEYS);
            case "deep" -> {
                s.addAll(ESN_KEYS);
                s.add("layers");
            }
            case "ip" -> {
                s.addAll(ESN_KEYS);
                s.addAll(List.of("adapt_epochs", "adapt_rate", "ip_mean", "ip_std"));
            }
            case "ei-adaptive" -> s.addAll(List.of("units", "connectivity", "leak_rate", "input_scaling", "seed",
                    "adapt_epochs", "adapt_rate", "target_rate", "inhibition_scale"));
            case "resrmn" -> s.addAll(List.of("units", "spectral_radius", "input_scaling", "bias_scaling", "seed",
                    "memory_units", "residual", "residual_alpha", "residual_beta", "memory_decay"));
            case "quantum" -> s.addAll(List.of("input_scaling", "seed", "qubits", "circuit_layers"));
            case "nvar" -> s.addAll(List.of("delays", "stride", "degree", "seed"));
            default -> throw new IllegalStateException(kind);
        }
        return s;
    }

    private final String kind;
    private final EchoStateConfig esn;
    private final int layers;
    private final int adaptEpochs;
    private final IntrinsicPlasticityReservoir.Plasticity plasticity;
    private final EiBalancedReservoir.Config ei;
    private final ResidualMemoryReservoir.Config resrmn;
    private final QuantumReservoir.Config quantum;
    private final int delays;
    private final int stride;
    private final int degree;
    private final long seed;

    private ReservoirSpec(String kind, EchoStateConfig esn, int layers, int adaptEpochs,
            IntrinsicPlasticityReservoir.Plasticity plasticity, EiBalancedReservoir.Config ei,
            ResidualMemoryReservoir.Config resrmn, QuantumReservoir.Config quantum, int delays, int stride, int degree,
            long seed) {
        this.seed = seed;
        this.kind = kind;
        this.esn = esn;
        this.layers = layers;
        this.adaptEpochs = adaptEpochs;
        this.plasticity = plasticity;
        this.ei = ei;
        this.resrmn = resrmn;
        this.quantum = quantum;
        this.delays = delays;
        this.stride = stride;
        this.degree = degree;
    }

    /** A plain echo state network with the given configuration. */
    static ReservoirSpec esn(EchoStateConfig config) {
        return new ReservoirSpec("esn", config, 1, 0, null, null, null, null, 0, 0, 0, config.seed());
    }

    /**
     * Validates the settings for a kind.
     *
     * @param kind one of {@link #KINDS}
     * @param m settings given explicitly (flags and file), snake_case keys
     * @throws CliError (usage) naming the setting that does not apply or is invalid
     */
    static ReservoirSpec of(String kind, Map<String, Object> m) {
        Set<String> ok = applicable(kind);
        for (String key : m.keySet()) {
            if (!ok.contains(key)) {
                throw CliError.usage("--" + key.replace('_', '-') + " does not apply to --reservoir " + kind
                        + " (it takes: " + String.join(", ", ok.stream().map(k -> "--" + k.replace('_', '-')).toList())
                        + ")");
            }
        }
        if (!kind.equals("esn") && !kind.equals("deep") && !kind.equals("ip") && m.get("input_scaling") instanceof List) {
            throw CliError.usage("--reservoir " + kind + " takes one --input-scaling value for all inputs, got "
                    + m.get("input_scaling"));
        }
        long seed = integer(m, "seed", 42);
        try {
            Map<String, Object> esnKeys = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (ESN_KEYS.contains(e.getKey())) {
                    esnKeys.put(e.getKey(), e.getValue());
                }
            }
            switch (kind) {
                case "esn":
                    return esn(EchoStateConfig.fromMap(esnKeys));
                case "deep": {
                    int l = (int) integer(m, "layers", 2);
                    if (l < 1) {
                        throw new IllegalArgumentException("layers must be at least 1, got " + l);
                    }
                    return new ReservoirSpec(kind, EchoStateConfig.fromMap(esnKeys), l, 0, null, null, null, null, 0, 0, 0, seed);
                }
                case "ip": {
                    String act = m.containsKey("activation") ? String.valueOf(m.get("activation")).trim() : "tanh";
                    IntrinsicPlasticityReservoir.Plasticity p;
                    double rate = number(m, "adapt_rate", 5e-4);
                    if (act.equalsIgnoreCase("tanh")) {
                        p = IntrinsicPlasticityReservoir.Plasticity.gaussian(number(m, "ip_mean", 0.0),
                                number(m, "ip_std", 1.0), rate);
                    } else if (act.equalsIgnoreCase("sigmoid")) {
                        if (m.containsKey("ip_std")) {
                            throw new IllegalArgumentException("--ip-std applies to the Gaussian target (tanh) only");
                        }
                        p = IntrinsicPlasticityReservoir.Plasticity.exponential(number(m, "ip_mean", 0.2), rate);
                    } else {
                        throw new IllegalArgumentException("--reservoir ip needs --activation tanh (Gaussian target) or "
                                + "sigmoid (exponential target), got '" + act + "'");
                    }
                    return new ReservoirSpec(kind, EchoStateConfig.fromMap(esnKeys), 1, epochs(m, 1), p, null, null, null,
                            0, 0, 0, seed);
                }
                case "ei-adaptive": {
                    EiBalancedReservoir.Config c = EiBalancedReservoir.builder().units((int) integer(m, "units", 100))
                            .connectivity(number(m, "connectivity", 0.1)).leakRate(number(m, "leak_rate", 1.0))
                            .inputScaling(number(m, "input_scaling", 1.0)).seed(integer(m, "seed", 42))
                            .learningRate(number(m, "adapt_rate", 0.001)).targetMean(number(m, "target_rate", 0.2))
                            .inhibitionScale(number(m, "inhibition_scale", 1.0)).config();
                    return new ReservoirSpec(kind, null, 1, epochs(m, 5), null, c, null, null, 0, 0, 0, seed);
                }
                case "resrmn": {
                    ResidualMemoryReservoir.Config c = ResidualMemoryReservoir.builder()
                            .units((int) integer(m, "units", 100)).memoryUnits((int) integer(m, "memory_units", 64))
                            .spectralRadius(number(m, "spectral_radius", 0.9))
                            .inputScaling(number(m, "input_scaling", 1.0)).biasScaling(number(m, "bias_scaling", 0.0))
                            .residual(ResidualMemoryReservoir.Residual.parse(String.valueOf(m.getOrDefault("residual",
                                    "orthogonal"))))
                            .alpha(number(m, "residual_alpha", 0.9)).beta(number(m, "residual_beta", 0.1))
                            .memoryDecay(number(m, "memory_decay", 1.0))
                            .seed(integer(m, "seed", 42)).config();
                    return new ReservoirSpec(kind, null, 1, 0, null, null, c, null, 0, 0, 0, seed);
                }
                case "quantum": {
                    QuantumReservoir.Config c = new QuantumReservoir.Config((int) integer(m, "qubits", 6),
                            (int) integer(m, "circuit_layers", 2), number(m, "input_scaling", 1.0), integer(m, "seed", 42));
                    return new ReservoirSpec(kind, null, 1, 0, null, null, null, c, 0, 0, 0, seed);
                }
                case "nvar": {
                    int k = (int) integer(m, "delays", 2);
                    int s = (int) integer(m, "stride", 1);
                    int p = (int) integer(m, "degree", 2);
                    new NvarFeatures(1, k, s, p, false); // validates
                    return new ReservoirSpec(kind, null, 1, 0, null, null, null, null, k, s, p, seed);
                }
                default:
                    throw new IllegalStateException(kind);
            }
        } catch (IllegalArgumentException e) {
            throw CliError.usage("invalid reservoir setting: " + e.getMessage(), e);
        }
    }

    private static int epochs(Map<String, Object> m, int def) {
        long e = integer(m, "adapt_epochs", def);
        if (e < 1 || e > 1_000_000) {
            throw new IllegalArgumentException("adapt-epochs must be at least 1, got " + e);
        }
        return (int) e;
    }

    private static long integer(Map<String, Object> m, String key, long def) {
        Object v = m.get(key);
        return v == null ? def : ((Number) v).longValue();
    }

    private static double number(Map<String, Object> m, String key, double def) {
        Object v = m.get(key);
        return v == null ? def : ((Number) v).doubleValue();
    }

    public String kind() {
        return kind;
    }

    /** The echo state configuration of esn, deep (per layer) and ip reservoirs; null for the other kinds. */
    public EchoStateConfig esnConfig() {
        return esn;
    }

    /** The seed of the reservoir's random draws (42 unless set). */
    public long seed() {
        return seed;
    }

    /** Whether the reservoir adapts on the training inputs before the readout is fitted. */
    public boolean adaptive() {
        return kind.equals("ip") || kind.equals("ei-adaptive");
    }

    /** Passes of the adaptation rule (0 for kinds that do not adapt). */
    public int adaptEpochs() {
        return adaptive() ? adaptEpochs : 0;
    }

    /**
     * Builds the reservoir for {@code inputDimension} inputs; adaptive kinds then adapt on {@code adaptInputs}
     * (the training inputs as the reservoir sees them, i.e. standardized when the model standardizes).
     *
     * @throws CliError (usage) when the settings do not fit the data (e.g. too many qubits for the inputs)
     */
    public Reservoir build(int inputDimension, double[][] adaptInputs) {
        try {
            return switch (kind) {
                case "esn" -> EchoStateReservoir.create(esn, inputDimension, 0);
                case "deep" -> DeepReservoir.create(DeepReservoir.withSeeds(esn, layers), inputDimension, false);
                case "ip" -> IntrinsicPlasticityReservoir.create(esn, plasticity, inputDimension)
                        .adapt(adaptInputs, adaptEpochs);
                case "ei-adaptive" -> EiBalancedReservoir.create(ei, inputDimension).adapt(adaptInputs, adaptEpochs);
                case "resrmn" -> ResidualMemoryReservoir.create(resrmn, inputDimension);
                case "quantum" -> {
                    if (inputDimension + quantum.hiddenQubits() > StateVectorSimulator.MAX_QUBITS) {
                        throw new IllegalArgumentException(inputDimension + " input qubits + " + quantum.hiddenQubits()
                                + " hidden qubits exceed the " + StateVectorSimulator.MAX_QUBITS
                                + " qubits the exact simulator allows; use fewer --qubits or inputs");
                    }
                    yield QuantumReservoir.create(quantum, inputDimension);
                }
                case "nvar" -> new NvarFeatures(inputDimension, delays, stride, degree, false);
                default -> throw new IllegalStateException(kind);
            };
        } catch (IllegalArgumentException e) {
            throw CliError.usage("invalid reservoir setting: " + e.getMessage(), e);
        }
    }

    /** JSON-ready settings: the kind and its configuration. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reservoir", kind);
        switch (kind) {
            case "esn" -> m.putAll(esn.toMap());
            case "deep" -> {
                m.putAll(esn.toMap());
                m.put("layers", layers);
            }
            case "ip" -> {
                m.putAll(esn.toMap());
                m.put("activation", plasticity.target() == IntrinsicPlasticityReservoir.Target.GAUSSIAN ? "tanh" : "sigmoid");
                m.put("plasticity", plasticity.toMap());
                m.put("adapt_epochs", adaptEpochs);
            }
            case "ei-adaptive" -> {
                m.putAll(ei.toMap());
                m.put("adapt_epochs", adaptEpochs);
            }
            case "resrmn" -> m.putAll(resrmn.toMap());
            case "quantum" -> m.putAll(quantum.toMap());
            case "nvar" -> {
                m.put("delays", delays);
                m.put("stride", stride);
                m.put("degree", degree);
            }
            default -> throw new IllegalStateException(kind);
        }
        return m;
    }

    /** "a 100-unit echo state network" and the like, for console lines. */
    public String describe(int stateDimension) {
        return switch (kind) {
            case "esn" -> "a " + stateDimension + "-unit echo state network";
            case "deep" -> "a deep echo state network (" + layers + " layers, " + stateDimension + " units)";
            case "ip" -> "a " + stateDimension + "-unit echo state network with intrinsic plasticity (" + adaptEpochs
                    + " adaptation epoch" + (adaptEpochs == 1 ? "" : "s") + ")";
            case "ei-adaptive" -> "a " + stateDimension + "-unit E-I balanced self-adapting reservoir (" + adaptEpochs
                    + " adaptation epoch" + (adaptEpochs == 1 ? "" : "s") + ")";
            case "resrmn" -> "a residual reservoir memory network (" + stateDimension + " units, "
                    + resrmn.memoryUnits() + " memory units)";
            case "quantum" -> "a quantum reservoir (" + stateDimension + " hidden qubits, " + quantum.layers()
                    + " circuit layers)";
            case "nvar" -> "an NVAR feature map (" + stateDimension + " features)";
            default -> kind;
        };
    }

    /** The settings that can be listed in a config file besides ridge and warmup. */
    static List<String> keys() {
        return new ArrayList<>(allKeys());
    }
}
