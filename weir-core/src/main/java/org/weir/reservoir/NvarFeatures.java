package org.weir.reservoir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.io.ArrayBundle;
import org.weir.io.Json;

/**
 * Next-generation reservoir computing features (Gauthier, Bollt, Griffith and Barbosa 2021, "Next
 * generation reservoir computing", Nature Communications 12:5564): a nonlinear vector autoregression with
 * feature vector {@code [c, lin, nonlin]} where {@code lin = [u[t], u[t-s], ..., u[t-(k-1)s]]} (k delays,
 * stride s) and {@code nonlin} holds every unique monomial of degree p in the entries of lin
 * ({@code C(kd+p-1, p)} of them), and {@code c = 1} when a constant is requested. Inputs before the start
 * of the sequence count as zero. It is a {@link Reservoir} so that every readout and model works with it.
 */
public final class NvarFeatures implements Reservoir {
    /** Kind identifier in model files. */
    public static final String KIND = "nvar";

    private final int inputDim;
    private final int delays;
    private final int stride;
    private final int degree;
    private final boolean constant;
    private final int linear;
    private final int[][] monomials;
    private final int window;
    private final int total;

    /**
     * @param inputDimension d, at least 1
     * @param delays k, at least 1
     * @param stride s, at least 1
     * @param degree p of the monomials, 0 for none (a linear VAR), at most 4
     * @param constant whether a constant 1 is the first feature
     */
    public NvarFeatures(int inputDimension, int delays, int stride, int degree, boolean constant) {
        if (inputDimension < 1) {
            throw new IllegalArgumentException("input dimension must be at least 1, got " + inputDimension);
        }
        if (delays < 1) {
            throw new IllegalArgumentException("delays must be at least 1, got " + delays);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1, got " + stride);
        }
        if (degree < 0 || degree > 4) {
            throw new IllegalArgumentException("degree must be 0 to 4, got " + degree);
        }
        this.inputDim = inputDimension;
        this.delays = delays;
        this.stride = stride;
        this.degree = degree;
        this.constant = constant;
        this.linear = inputDimension * delays;
        this.monomials = degree == 0 ? new int[0][] : combinations(linear, degree);
        this.window = (delays - 1) * stride + 1;
        this.total = (constant ? 1 : 0) + linear + monomials.length;
        if (total > 1_000_000) {
            throw new IllegalArgumentException("NVAR would have " + total + " features; lower the degree or delays");
        }
    }

    /** All non-decreasing index tuples of length p over 0..n-1, in lexicographic order. */
    static int[][] combinations(int n, int p) {
        List<int[]> out = new ArrayList<>();
        int[] idx = new int[p];
        while (true) {
            out.add(idx.clone());
            int i = p - 1;
            while (i >= 0 && idx[i] == n - 1) {
                i--;
            }
            if (i < 0) {
                break;
            }
            idx[i]++;
            for (int j = i + 1; j < p; j++) {
                idx[j] = idx[i];
            }
        }
        return out.toArray(new int[0][]);
    }

    static NvarFeatures load(Map<String, Object> d) {
        return new NvarFeatures(Json.integer(d, "input_dimension"), Json.integer(d, "delays"),
                Json.integer(d, "stride"), Json.integer(d, "degree"), Json.bool(d, "constant"));
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

    /** Number of linear (delayed input) features, k d. */
    public int linearDimension() {
        return linear;
    }

    /** Number of monomial features. */
    public int nonlinearDimension() {
        return monomials.length;
    }

    @Override
    public ReservoirState newState() {
        return new ReservoirState(total, window * inputDim, 1);
    }

    @Override
    public void step(ReservoirState state, double[] input, double[] feedback) {
        double[] hist = state.memory();
        int slot = (int) (state.steps() % window);
        System.arraycopy(input, 0, hist, slot * inputDim, inputDim);
        double[] v = state.values();
        int o = 0;
        if (constant) {
            v[o++] = 1.0;
        }
        int lin0 = o;
        for (int k = 0; k < delays; k++) {
            int s = Math.floorMod(slot - k * stride, window);
            System.arraycopy(hist, s * inputDim, v, o, inputDim);
            o += inputDim;
        }
        for (int[] m : monomials) {
            double prod = 1.0;
            for (int i : m) {
                prod *= v[lin0 + i];
            }
            v[o++] = prod;
        }
        state.advance();
    }

    @Override
    public double effectiveSpectralRadius() {
        return Double.NaN;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("input_dimension", (long) inputDim);
        m.put("delays", (long) delays);
        m.put("stride", (long) stride);
        m.put("degree", (long) degree);
        m.put("constant", constant);
        return m;
    }

    @Override
    public void saveArrays(ArrayBundle out, String prefix) {
        // fully determined by its configuration
    }
}
