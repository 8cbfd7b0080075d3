package org.weir.constrained;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weir.readout.LinearReadout;
import org.weir.readout.Readout;

/**
 * A {@link Readout} trained under constraints by {@link ConstrainedFit}, so that a
 * {@link org.weir.model.Forecaster} can train a constrained forecaster like any other: the fit buffers the
 * (state, target) rows it is given, then solves the constrained problem; its
 * {@link Readout.Fit#diagnostics()} is the {@link Certificate} (as {@link Certificate#toMap()}), which the
 * forecaster stores in the model file.
 *
 * <p>Group columns for {@code per-group=COLUMN} specs are label arrays aligned with the rows the fit
 * receives (after the forecaster's warm-up), one label per row.
 */
public final class ConstrainedReadout implements Readout {
    /** Kind identifier. */
    public static final String KIND = "constrained";

    private final List<ConstraintSpec> specs;
    private final ConstrainedFit.Options options;
    private final Map<String, int[]> groups;

    /**
     * @param specs the constraints (at least one, unless the objective is pinball or cross-entropy)
     * @param options objective and solver
     * @param groups label columns by name, each with one label per training row (may be empty)
     */
    public ConstrainedReadout(List<ConstraintSpec> specs, ConstrainedFit.Options options, Map<String, int[]> groups) {
        if (options == null) {
            throw new IllegalArgumentException("options must be given");
        }
        if (specs == null || (specs.isEmpty() && options.objective().isQuadratic())) {
            throw new IllegalArgumentException("a constrained readout needs at least one constraint (or an objective "
                    + "other than squared error / minimum norm)");
        }
        this.specs = List.copyOf(specs);
        this.options = options;
        Map<String, int[]> g = new LinkedHashMap<>();
        if (groups != null) {
            groups.forEach((k, v) -> g.put(k, v.clone()));
        }
        this.groups = g;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        List<Object> texts = new ArrayList<>();
        for (ConstraintSpec s : specs) {
            texts.add(s.text());
        }
        m.put("constraints", texts);
        m.put("solver", options.solver().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("objective", options.objective().toString());
        return m;
    }

    @Override
    public Fit begin(int features, int outputs) {
        return new Fit() {
            private final List<double[]> xs = new ArrayList<>();
            private final List<double[]> ys = new ArrayList<>();
            private Certificate certificate;

            @Override
            public void add(double[] x, double[] y) {
                if (x.length != features || y.length != outputs) {
                    throw new IllegalArgumentException("expected " + features + " features and " + outputs + " targets");
                }
                xs.add(x.clone());
                ys.add(y.clone());
            }

            @Override
            public long count() {
                return xs.size();
            }

            @Override
            public LinearReadout finish() {
                for (Map.Entry<String, int[]> e : groups.entrySet()) {
                    if (e.getValue().length != xs.size()) {
                        throw new IllegalArgumentException("group column '" + e.getKey() + "' has " + e.getValue().length
                                + " labels but the fit received " + xs.size() + " rows");
                    }
                }
                ConstrainedFit.Result r = ConstrainedFit.fit(xs.toArray(new double[0][]), ys.toArray(new double[0][]),
                        groups, specs, options);
                certificate = r.certificate();
                return r.readout();
            }

            @Override
            public Map<String, Object> diagnostics() {
                return certificate == null ? Map.of() : certificate.toMap();
            }
        };
    }
}
