package org.weir.reservoir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;

/**
 * Deep echo state network (Gallicchio, Micheli and Pedrelli 2017, "Deep reservoir computing: a critical
 * experimental analysis"): a stack of leaky reservoirs where layer 1 reads {@code u[t]} and layer l reads the
 * new state of layer l-1 (optionally together with {@code u[t]}); the readout sees the concatenation
 * {@code [x_1[t], ..., x_L[t]]}. The linearization at the origin is block lower-triangular, so the effective
 * spectral radius is the largest of the layers'.
 */
public final class DeepReservoir implements Reservoir {
    /** Kind identifier in model files. */
    public static final String KIND = "deep";

    private final List<EchoStateReservoir> layers;
    private final boolean inputToAllLayers;
    private final int inputDim;
    private final int[] offsets;
    private final int total;

    private DeepReservoir(List<EchoStateReservoir> layers, boolean inputToAllLayers, int inputDim) {
        this.layers = List.copyOf(layers);
        this.inputToAllLayers = inputToAllLayers;
        this.inputDim = inputDim;
        this.offsets = new int[layers.size() + 1];
        for (int l = 0; l < layers.size(); l++) {
            offsets[l + 1] = offsets[l] + layers.get(l).stateDimension();
        }
        this.total = offsets[layers.size()];
    }

    /**
     * Builds the stack. Layer l's seed is {@code configs.get(l).seed()}: give distinct seeds for distinct
     * layers (see {@link #withSeeds}).
     *
     * @param configs one configuration per layer, at least one
     * @param inputDimension dimension of u
     * @param inputToAllLayers whether layers 2..L also read u[t]
     */
    public static DeepReservoir create(List<EchoStateConfig> configs, int inputDimension, boolean inputToAllLayers) {
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("a deep reservoir needs at least one layer");
        }
        List<EchoStateReservoir> layers = new ArrayList<>();
        int in = inputDimension;
        for (int l = 0; l < configs.size(); l++) {
            EchoStateConfig c = configs.get(l);
            int d = l == 0 ? inputDimension : (inputToAllLayers ? in + inputDimension : in);
            if (c.inputScaling().length != 1 && c.inputScaling().length != d) {
                throw new IllegalArgumentException("layer " + (l + 1) + " has " + c.inputScaling().length
                        + " input scalings for " + d + " inputs");
            }
            layers.add(EchoStateReservoir.create(c, d, 0));
            in = c.units();
        }
        return new DeepReservoir(layers, inputToAllLayers, inputDimension);
    }

    /** {@code layers} copies of one configuration with seeds {@code seed, seed+1, ...}. */
    public static List<EchoStateConfig> withSeeds(EchoStateConfig base, int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be at least 1, got " + layers);
        }
        List<EchoStateConfig> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            out.add(base.toBuilder().seed(base.seed() + l).config());
        }
        return out;
    }

    static DeepReservoir load(Map<String, Object> description, ArrayBundle arrays, String prefix) {
        List<Object> descs = Json.list(description, "layers");
        List<EchoStateReservoir> layers = new ArrayList<>();
        for (int l = 0; l < descs.size(); l++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) descs.get(l);
            layers.add(EchoStateReservoir.load(d, arrays, prefix + "layer" + l + "/"));
        }
        return new DeepReservoir(layers, Json.bool(description, "input_to_all_layers"),
                Json.integer(description, "input_dimension"));
    }

    /** The layers, bottom first. */
    public List<EchoStateReservoir> layers() {
        return layers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int inputDimension() {
        return inputDim;
    }

    @Override
    public int stateDimension() {
        return total;
    }

    @Override
    public ReservoirState newState() {
        int layersN = layers.size();
        int[] buffers = new int[3 * layersN];
        for (int l = 0; l < layersN; l++) {
            EchoStateReservoir r = layers.get(l);
            buffers[3 * l] = r.stateDimension();
            buffers[3 * l + 1] = r.stateDimension();
            buffers[3 * l + 2] = r.inputDimension();
        }
        return new ReservoirState(total, 0, buffers);
    }

    @Override
    public void step(ReservoirState state, double[] input, double[] feedback) {
        double[] values = state.values();
        double[] below = input;
        for (int l = 0; l < layers.size(); l++) {
            EchoStateReservoir r = layers.get(l);
            double[] x = state.buffer(3 * l);
            double[] pre = state.buffer(3 * l + 1);
            double[] in = below;
            if (l > 0 && inputToAllLayers) {
                in = state.buffer(3 * l + 2);
                System.arraycopy(below, 0, in, 0, below.length);
                System.arraycopy(input, 0, in, below.length, inputDim);
            }
            int n = r.stateDimension();
            System.arraycopy(values, offsets[l], x, 0, n);
            r.update(x, in, null, pre);
            System.arraycopy(x, 0, values, offsets[l], n);
            below = x;
        }
        state.advance();
    }

    @Override
    public double effectiveSpectralRadius() {
        double m = 0;
        for (EchoStateReservoir r : layers) {
            m = Math.max(m, r.effectiveSpectralRadius());
        }
        return m;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("input_dimension", (long) inputDim);
        m.put("input_to_all_layers", inputToAllLayers);
        List<Object> ls = new ArrayList<>();
        for (EchoStateReservoir r : layers) {
            ls.add(r.describe());
        }
        m.put("layers", ls);
        return m;
    }

    @Override
    public void saveArrays(ArrayBundle out, String prefix) {
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).saveArrays(out, prefix + "layer" + l + "/");
        }
    }
}
