package org.weir.constrained;

import java.util.Map;

/**
 * A constraint described independently of data, as written on the command line
 * ({@code weir fit --constraint SPEC}); {@link #bind} turns it into a {@link ConstraintFamily} for given
 * training data. Grammar (keywords case-insensitive, spaces optional between tokens):
 *
 * <pre>
 * spec        := loss | groupmax | rate | output | outputeq | norm | parity | weights | width | xent
 * rate        := "rate(abs-error&gt;" NUMBER ")&lt;=" NUMBER ["margin=" NUMBER] ["proxy=" ("hinge" | "squared-hinge")]
 * loss        := ("abs-error" | "mse") "&lt;=" NUMBER [scope] ["resilient=" NUMBER]
 * scope       := "per-sample" | "per-group=" COLUMN | "mean"
 * groupmax    := "max-abs-error&lt;=" NUMBER "per-group=" COLUMN {LABEL ":" NUMBER}
 * output      := "output" "in" "[" NUMBER "," NUMBER "]" ["robust"]
 * outputeq    := "output==" NUMBER "rows=" ROW {"," ROW}
 * norm        := ("l1" | "l2") "&lt;=" NUMBER
 * parity      := "parity" ("&lt;=" NUMBER | "==0") "per-group=" COLUMN
 * weights     := "weights&gt;=0" | "weights" "monotone"
 * width       := "width&lt;=" NUMBER | "non-crossing"
 * xent        := "xent&lt;=" NUMBER ["per-group=" COLUMN]
 * </pre>
 *
 * <ul>
 *   <li>{@code abs-error<=e} (scope per-sample, the default): {@code |y_ij - yhat_ij| <= e} for every row and
 *       output (Feasible Learning);</li>
 *   <li>{@code mse<=v per-sample}: every row's squared error averaged over outputs {@code <= v};
 *       {@code mse<=v per-group=COL}: every group's mean squared error {@code <= v}; {@code mse<=v} (or
 *       {@code mean}): the overall mean squared error {@code <= v};</li>
 *   <li>{@code resilient=beta}: relax with slacks of cost {@code (beta/2) s^2} (loss bounds only);</li>
 *   <li>{@code output in [lo,hi]}: predictions on the training rows within the interval; with
 *       {@code robust}: {@code |b_j - c| + |w_j|_1 <= r} ({@code c, r} the interval's centre and half-width),
 *       which bounds the output for every state in {@code [-1,1]^d}, e.g. every state of a tanh reservoir;</li>
 *   <li>{@code l1<=t}, {@code l2<=t}: {@code |W|_1 <= t} or {@code |W|_F <= t} (bias excluded);</li>
 *   <li>{@code parity<=delta per-group=COL}: mean predictions of any two groups differ by at most delta
 *       (per output); {@code parity==0 per-group=COL}: exact parity, an equality constraint;</li>
 *   <li>{@code max-abs-error<=e per-group=COL [LABEL:e_g ...]}: the worst absolute error within each group at
 *       most its bound ({@code e_g} for the listed labels, e for the others). With one bound for every group this
 *       is {@code abs-error<=e per-sample}; the bound on the worst group's mean loss,
 *       {@code max_g mse_g <= v}, is {@code mse<=v per-group=COL};</li>
 *   <li>{@code rate(abs-error>delta)<=q}: at most a fraction q of the training errors exceed delta in absolute
 *       value (nonconvex, see {@link RateBound}; stochastic solver only; proxy margin default delta/2, proxy
 *       default squared-hinge);</li>
 *   <li>{@code output==v rows=i,j,...}: the outputs at the listed training rows equal v (equality
 *       constraints; e.g. pinning the readout at known operating points);</li>
 *   <li>{@code weights>=0}: non-negative weights; {@code weights monotone}: {@code w_j1 <= w_j2 <= ...}.</li>
 *   <li>{@code width<=w}: for a quantile band (pinball objective with one level per output, the target column
 *       given once per level), {@code 0 <= yhat_i,last - yhat_i,first <= w} on every training row
 *       ({@link IntervalWidth}); {@code non-crossing}: only {@code >= 0};</li>
 *   <li>{@code xent<=v}: mean cross-entropy (cross-entropy objective) at most v, over all rows or, with
 *       {@code per-group=COL}, in every group ({@link CrossEntropyBound}).</li>
 * </ul>
 */
public sealed interface ConstraintSpec permits ConstraintSpec.LossBoundSpec, ConstraintSpec.OutputSpec,
        ConstraintSpec.NormSpec, ConstraintSpec.ParitySpec, ConstraintSpec.WeightsSpec,
        ConstraintSpec.GroupMaxErrorSpec, ConstraintSpec.OutputEqualitySpec, ConstraintSpec.RateSpec,
        ConstraintSpec.WidthSpec, ConstraintSpec.CrossEntropySpec {

    /** Binds the spec to training data; group columns are looked up by name. */
    ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups);

    /** The canonical text of this spec (parses back to an equal spec). */
    String text();

    /**
     * The same constraint for a model trained on standardized targets {@code z = (y - mean) / std}: error
     * and parity bounds are divided by {@code std} (squared errors by {@code std^2}), output intervals mapped
     * to {@code [(lo - mean) / std, (hi - mean) / std]}, weight budgets divided by {@code std}; sign and order
     * constraints are unchanged.
     *
     * @param mean the target's training mean
     * @param std the target's training standard deviation, &gt; 0
     */
    ConstraintSpec standardized(double mean, double std);

    private static void checkScale(double mean, double std) {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("standardization needs a finite mean and std > 0; got " + mean + ", " + std);
        }
    }

    /** Where a loss bound applies. */
    enum Scope {
        /** One bound per row (and per output for abs-error). */
        PER_SAMPLE,
        /** One bound per group of a label column. */
        PER_GROUP,
        /** One bound on the mean over all rows. */
        MEAN
    }

    /**
     * A squared-loss bound.
     *
     * @param loss {@code abs-error} or {@code mse}
     * @param bound the bound ({@code >= 0}; for abs-error in absolute units)
     * @param scope where it applies
     * @param column the group column for {@link Scope#PER_GROUP}, else null
     * @param resilience slack cost beta ({@code +infinity}: hard)
     */
    record LossBoundSpec(String loss, double bound, Scope scope, String column, double resilience)
            implements ConstraintSpec {
        public LossBoundSpec {
            if (!"abs-error".equals(loss) && !"mse".equals(loss)) {
                throw new IllegalArgumentException("loss must be abs-error or mse; got " + loss);
            }
            if (!(bound >= 0) || !Double.isFinite(bound)) {
                throw new IllegalArgumentException("loss bound must be finite and >= 0; got " + bound);
            }
            if (scope == null || (scope == Scope.PER_GROUP) != (column != null)) {
                throw new IllegalArgumentException("a group column is needed exactly for per-group scope; got scope "
                        + scope + ", column " + column);
            }
            if ("abs-error".equals(loss) && scope != Scope.PER_SAMPLE) {
                throw new IllegalArgumentException("abs-error bounds are per-sample; got scope " + scope);
            }
            if (!(resilience > 0)) {
                throw new IllegalArgumentException("resilience must be > 0; got " + resilience);
            }
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            ConstraintSpec.checkScale(mean, std);
            double b = "abs-error".equals(loss) ? bound / std : bound / (std * std);
            return new LossBoundSpec(loss, b, scope, column, resilience);
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            if ("abs-error".equals(loss)) {
                return LossBound.absErrorPerSample(data, bound, resilience);
            }
            return switch (scope) {
                case PER_SAMPLE -> LossBound.msePerSample(data, bound, resilience);
                case MEAN -> LossBound.mse(data, bound, resilience);
                case PER_GROUP -> LossBound.msePerGroup(data, groupColumn(groups, column, data), column, bound,
                        resilience);
            };
        }

        @Override
        public String text() {
            String sc = switch (scope) {
                case PER_SAMPLE -> " per-sample";
                case PER_GROUP -> " per-group=" + column;
                case MEAN -> "";
            };
            return loss + "<=" + bound + sc + (Double.isInfinite(resilience) ? "" : " resilient=" + resilience);
        }
    }

    /**
     * Output bounds on the training rows, or (robust) for every state in {@code [-1,1]^d}.
     *
     * @param lo lower bound
     * @param hi upper bound, {@code >= lo}
     * @param robust whether the bound must hold for every state in {@code [-1,1]^d}
     */
    record OutputSpec(double lo, double hi, boolean robust) implements ConstraintSpec {
        public OutputSpec {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi >= lo)) {
                throw new IllegalArgumentException("output bounds must be finite with lo <= hi; got [" + lo + ", "
                        + hi + "]");
            }
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            return robust ? new RobustOutputBound(data, lo, hi) : new OutputBound(data, lo, hi);
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            ConstraintSpec.checkScale(mean, std);
            return new OutputSpec((lo - mean) / std, (hi - mean) / std, robust);
        }

        @Override
        public String text() {
            return "output in [" + lo + "," + hi + "]" + (robust ? " robust" : "");
        }
    }

    /**
     * A weight-norm budget.
     *
     * @param norm L1 or L2
     * @param budget the budget, {@code >= 0}
     */
    record NormSpec(NormBudget.Norm norm, double budget) implements ConstraintSpec {
        public NormSpec {
            if (norm == null || !(budget >= 0) || !Double.isFinite(budget)) {
                throw new IllegalArgumentException("norm budget needs a norm and a finite budget >= 0; got " + norm
                        + ", " + budget);
            }
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            return new NormBudget(data, norm, budget);
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            ConstraintSpec.checkScale(mean, std);
            return new NormSpec(norm, budget / std);
        }

        @Override
        public String text() {
            return (norm == NormBudget.Norm.L1 ? "l1" : "l2") + "<=" + budget;
        }
    }

    /**
     * Mean-prediction parity between the groups of a column.
     *
     * @param delta allowed difference, {@code >= 0}
     * @param column group column
     */
    record ParitySpec(double delta, String column) implements ConstraintSpec {
        public ParitySpec {
            if (!(delta >= 0) || !Double.isFinite(delta) || column == null) {
                throw new IllegalArgumentException("parity needs a finite delta >= 0 and a column; got " + delta + ", "
                        + column);
            }
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            return new GroupParity(data, groupColumn(groups, column, data), column, delta);
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            ConstraintSpec.checkScale(mean, std);
            return new ParitySpec(delta / std, column);
        }

        @Override
        public String text() {
            return (delta == 0 ? "parity==0" : "parity<=" + delta) + " per-group=" + column;
        }
    }

    /**
     * Worst-sample absolute-error bound within each group of a column, optionally one bound per group.
     *
     * @param bound bound of the groups not listed ({@code >= 0})
     * @param column group column
     * @param groupBounds bounds by group label (copied; each {@code >= 0})
     */
    record GroupMaxErrorSpec(double bound, String column, Map<Integer, Double> groupBounds)
            implements ConstraintSpec {
        public GroupMaxErrorSpec {
            if (!(bound >= 0) || !Double.isFinite(bound) || column == null || groupBounds == null) {
                throw new IllegalArgumentException("max-abs-error needs a finite bound >= 0, a column and group bounds;"
                        + " got " + bound + ", " + column + ", " + groupBounds);
            }
            for (Map.Entry<Integer, Double> e : groupBounds.entrySet()) {
                if (!(e.getValue() >= 0) || !Double.isFinite(e.getValue())) {
                    throw new IllegalArgumentException("max-abs-error bound of group " + e.getKey()
                            + " must be finite and >= 0; got " + e.getValue());
                }
            }
            groupBounds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groupBounds));
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            return LossBound.absErrorPerGroupMax(data, groupColumn(groups, column, data), column, bound, groupBounds,
                    Double.POSITIVE_INFINITY);
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            ConstraintSpec.checkScale(mean, std);
            Map<Integer, Double> g = new java.util.TreeMap<>();
            groupBounds.forEach((key, v) -> g.put(key, v / std));
            return new GroupMaxErrorSpec(bound / std, column, g);
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder("max-abs-error<=" + bound + " per-group=" + column);
            groupBounds.forEach((key, v) -> sb.append(' ').append(key).append(':').append(v));
            return sb.toString();
        }
    }

    /**
     * A rate bound: at most a fraction q of the absolute training errors above delta.
     *
     * @param delta threshold, {@code > 0}
     * @param rate allowed fraction, in {@code [0, 1)}
     * @param margin proxy margin, in {@code (0, delta]}
     * @param proxy the primal proxy
     */
    record RateSpec(double delta, double rate, double margin, RateBound.Proxy proxy) implements ConstraintSpec {
        public RateSpec {
            if (!(delta > 0) || !Double.isFinite(delta) || !(rate >= 0 && rate < 1) || !(margin > 0)
                    || !(margin <= delta) || proxy == null) {
                throw new IllegalArgumentException("rate bound needs delta > 0, q in [0, 1), margin in (0, delta] and a"
                        + " proxy; got " + delta + ", " + rate + ", " + margin + ", " + proxy);
            }
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            return new RateBound(data, delta, rate, margin, proxy);
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            ConstraintSpec.checkScale(mean, std);
            return new RateSpec(delta / std, rate, margin / std, proxy);
        }

        @Override
        public String text() {
            return "rate(abs-error>" + delta + ")<=" + rate + " margin=" + margin + " proxy="
                    + (proxy == RateBound.Proxy.HINGE ? "hinge" : "squared-hinge");
        }
    }

    /**
     * Outputs at given training rows equal to a value.
     *
     * @param value the required output
     * @param rows training row indices (copied; at least one, each {@code >= 0})
     */
    record OutputEqualitySpec(double value, java.util.List<Integer> rows) implements ConstraintSpec {
        public OutputEqualitySpec {
            if (!Double.isFinite(value) || rows == null || rows.isEmpty()) {
                throw new IllegalArgumentException("output equality needs a finite value and at least one row; got "
                        + value + ", " + rows);
            }
            rows = java.util.List.copyOf(rows);
            for (int r : rows) {
                if (r < 0) {
                    throw new IllegalArgumentException("output equality row must be >= 0; got " + r);
                }
            }
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            return OutputEquality.atRows(data, rows.stream().mapToInt(Integer::intValue).toArray(), value);
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            ConstraintSpec.checkScale(mean, std);
            return new OutputEqualitySpec((value - mean) / std, rows);
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder("output==" + value + " rows=");
            for (int i = 0; i < rows.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(rows.get(i));
            }
            return sb.toString();
        }
    }

    /**
     * Sign or order of the weights.
     *
     * @param kind non-negative or monotone
     */
    record WeightsSpec(WeightOrder.Kind kind) implements ConstraintSpec {
        public WeightsSpec {
            if (kind == null) {
                throw new IllegalArgumentException("kind must not be null");
            }
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            return new WeightOrder(data, kind);
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            ConstraintSpec.checkScale(mean, std);
            return this;
        }

        @Override
        public String text() {
            return kind == WeightOrder.Kind.NON_NEGATIVE ? "weights>=0" : "weights monotone";
        }
    }

    /**
     * Width of a quantile band between the first and the last output: {@code minWidth <= yhat_last - yhat_first
     * <= maxWidth} on every training row.
     *
     * @param maxWidth the largest width ({@code +infinity}: non-crossing only), {@code >= 0}
     */
    record WidthSpec(double maxWidth) implements ConstraintSpec {
        public WidthSpec {
            if (!(maxWidth >= 0)) {
                throw new IllegalArgumentException("band width bound must be >= 0; got " + maxWidth);
            }
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            if (data.outputs() < 2) {
                throw new IllegalArgumentException("'" + text() + "' needs a quantile band (at least 2 outputs, e.g. "
                        + "--objective pinball:0.05,0.95); got " + data.outputs() + " output");
            }
            return new IntervalWidth(data, 0, data.outputs() - 1, 0.0, maxWidth);
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            ConstraintSpec.checkScale(mean, std);
            return new WidthSpec(maxWidth / std);
        }

        @Override
        public String text() {
            return Double.isInfinite(maxWidth) ? "non-crossing" : "width<=" + maxWidth;
        }
    }

    /**
     * Mean cross-entropy bound, over all rows or per group.
     *
     * @param bound the bound, {@code >= 0}
     * @param column group column, or null for one bound over all rows
     */
    record CrossEntropySpec(double bound, String column) implements ConstraintSpec {
        public CrossEntropySpec {
            if (!(bound >= 0) || !Double.isFinite(bound)) {
                throw new IllegalArgumentException("cross-entropy bound must be finite and >= 0; got " + bound);
            }
        }

        @Override
        public ConstraintFamily bind(DesignMatrix data, Map<String, int[]> groups) {
            return column == null ? CrossEntropyBound.mean(data, bound)
                    : CrossEntropyBound.perGroup(data, groupColumn(groups, column, data), column, bound);
        }

        @Override
        public ConstraintSpec standardized(double mean, double std) {
            throw new IllegalArgumentException("'" + text() + "' bounds class probabilities: train without target "
                    + "scaling");
        }

        @Override
        public String text() {
            return "xent<=" + bound + (column == null ? "" : " per-group=" + column);
        }
    }

    /** Looks up a group column, failing with the list of available names. */
    static int[] groupColumn(Map<String, int[]> groups, String column, DesignMatrix data) {
        int[] g = groups.get(column);
        if (g == null) {
            throw new IllegalArgumentException("group column '" + column + "' not found; available: "
                    + groups.keySet());
        }
        if (g.length != data.rows()) {
            throw new IllegalArgumentException("group column '" + column + "' has " + g.length + " labels, expected "
                    + data.rows());
        }
        return g;
    }

    /** Parses one spec; errors are {@link ConstraintSpecParseException}s naming position and expectation. */
    static ConstraintSpec parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("constraint spec must not be null");
        }
        SpecCursor c = new SpecCursor(text);
        String head = c.expectOneOf("a constraint: abs-error, max-abs-error, mse, rate(abs-error>D), output, l1, "
                + "l2, parity, weights, width, non-crossing or xent", "abs-error", "max-abs-error", "mse", "output",
                "l1", "l2", "parity", "weights", "rate(abs-error>", "width", "non-crossing", "xent");
        ConstraintSpec spec = switch (head) {
            case "non-crossing" -> new WidthSpec(Double.POSITIVE_INFINITY);
            case "width", "xent" -> {
                c.expectOneOf("'<='", "<=");
                int at = c.position();
                double v = c.number("a non-negative number (the bound)");
                if (v < 0) {
                    throw new ConstraintSpecParseException(c.toString(), at, "a non-negative number (the bound)");
                }
                if ("width".equals(head)) {
                    yield new WidthSpec(v);
                }
                String col = null;
                if (c.tryOneOf("per-group=") != null) {
                    col = c.name("a group column name");
                }
                yield new CrossEntropySpec(v, col);
            }
            case "abs-error", "mse" -> parseLoss(c, head);
            case "max-abs-error" -> parseGroupMax(c);
            case "rate(abs-error>" -> parseRate(c);
            case "output" -> c.tryOneOf("==") != null ? parseOutputEquality(c) : parseOutput(c);
            case "l1", "l2" -> {
                c.expectOneOf("'<='", "<=");
                int at = c.position();
                double t = c.number("a non-negative number (the norm budget)");
                if (t < 0) {
                    throw new ConstraintSpecParseException(c.toString(), at, "a non-negative number (the norm budget)");
                }
                yield new NormSpec("l1".equals(head) ? NormBudget.Norm.L1 : NormBudget.Norm.L2, t);
            }
            case "parity" -> {
                if (c.expectOneOf("'<=' or '=='", "<=", "==").equals("==")) {
                    int at0 = c.position();
                    if (c.number("0 (exact parity)") != 0) {
                        throw new ConstraintSpecParseException(c.toString(), at0, "0 (exact parity)");
                    }
                    c.expectOneOf("per-group=COLUMN", "per-group=");
                    yield new ParitySpec(0.0, c.name("a group column name"));
                }
                int at = c.position();
                double delta = c.number("a non-negative number (the allowed difference)");
                if (delta < 0) {
                    throw new ConstraintSpecParseException(c.toString(), at,
                            "a non-negative number (the allowed difference)");
                }
                c.expectOneOf("per-group=COLUMN", "per-group=");
                yield new ParitySpec(delta, c.name("a group column name"));
            }
            default -> {
                String w = c.expectOneOf("'>=0' or 'monotone'", ">=0", "monotone");
                yield new WeightsSpec(">=0".equals(w) ? WeightOrder.Kind.NON_NEGATIVE : WeightOrder.Kind.MONOTONE);
            }
        };
        if (!c.atEnd()) {
            throw c.error("end of constraint");
        }
        return spec;
    }

    private static ConstraintSpec parseGroupMax(SpecCursor c) {
        c.expectOneOf("'<='", "<=");
        int at = c.position();
        double bound = c.number("a non-negative number (the bound)");
        if (bound < 0) {
            throw new ConstraintSpecParseException(c.toString(), at, "a non-negative number (the bound)");
        }
        c.expectOneOf("per-group=COLUMN", "per-group=");
        String column = c.name("a group column name");
        Map<Integer, Double> groups = new java.util.TreeMap<>();
        while (!c.atEnd()) {
            int labelAt = c.position();
            double label = c.number("a group label (an integer) followed by ':' and its bound");
            if (label != Math.rint(label) || Math.abs(label) > Integer.MAX_VALUE) {
                throw new ConstraintSpecParseException(c.toString(), labelAt, "an integer group label");
            }
            c.expectOneOf("':'", ":");
            int boundAt = c.position();
            double b = c.number("a non-negative number (the group's bound)");
            if (b < 0) {
                throw new ConstraintSpecParseException(c.toString(), boundAt, "a non-negative number (the group's bound)");
            }
            groups.put((int) label, b);
        }
        return new GroupMaxErrorSpec(bound, column, groups);
    }

    private static ConstraintSpec parseRate(SpecCursor c) {
        int at = c.position();
        double delta = c.number("a positive number (the error threshold)");
        if (!(delta > 0)) {
            throw new ConstraintSpecParseException(c.toString(), at, "a positive number (the error threshold)");
        }
        c.expectOneOf("')<='", ")<=");
        at = c.position();
        double q = c.number("a fraction in [0, 1)");
        if (!(q >= 0 && q < 1)) {
            throw new ConstraintSpecParseException(c.toString(), at, "a fraction in [0, 1)");
        }
        double margin = 0.5 * delta;
        RateBound.Proxy proxy = RateBound.Proxy.SQUARED_HINGE;
        while (!c.atEnd()) {
            String w = c.expectOneOf("margin=NUMBER or proxy=hinge|squared-hinge", "margin=", "proxy=");
            if ("margin=".equals(w)) {
                at = c.position();
                margin = c.number("a margin in (0, delta]");
                if (!(margin > 0 && margin <= delta)) {
                    throw new ConstraintSpecParseException(c.toString(), at, "a margin in (0, " + delta + "]");
                }
            } else {
                proxy = "hinge".equals(c.expectOneOf("hinge or squared-hinge", "hinge", "squared-hinge"))
                        ? RateBound.Proxy.HINGE : RateBound.Proxy.SQUARED_HINGE;
            }
        }
        return new RateSpec(delta, q, margin, proxy);
    }

    private static ConstraintSpec parseOutputEquality(SpecCursor c) {
        double value = c.number("a number (the required output)");
        c.expectOneOf("rows=ROW,ROW,...", "rows=");
        java.util.List<Integer> rows = new java.util.ArrayList<>();
        do {
            int at = c.position();
            double r = c.number("a row index (an integer >= 0)");
            if (r < 0 || r != Math.rint(r) || r > Integer.MAX_VALUE) {
                throw new ConstraintSpecParseException(c.toString(), at, "a row index (an integer >= 0)");
            }
            rows.add((int) r);
        } while (c.tryOneOf(",") != null);
        return new OutputEqualitySpec(value, rows);
    }

    private static ConstraintSpec parseOutput(SpecCursor c) {
        c.expectOneOf("'in'", "in");
        c.expectOneOf("'['", "[");
        double lo = c.number("a number (the lower bound)");
        c.expectOneOf("','", ",");
        int at = c.position();
        double hi = c.number("a number (the upper bound)");
        if (hi < lo) {
            throw new ConstraintSpecParseException(c.toString(), at, "an upper bound >= the lower bound " + lo);
        }
        c.expectOneOf("']'", "]");
        boolean robust = c.tryOneOf("robust") != null;
        return new OutputSpec(lo, hi, robust);
    }

    private static ConstraintSpec parseLoss(SpecCursor c, String loss) {
        c.expectOneOf("'<='", "<=");
        int boundAt = c.position();
        double bound = c.number("a non-negative number (the bound)");
        if (bound < 0) {
            throw new ConstraintSpecParseException(c.toString(), boundAt, "a non-negative number (the bound)");
        }
        Scope scope = "abs-error".equals(loss) ? Scope.PER_SAMPLE : Scope.MEAN;
        String column = null;
        double resilience = Double.POSITIVE_INFINITY;
        while (!c.atEnd()) {
            int wordAt = c.position();
            String w = c.expectOneOf("per-sample, per-group=COLUMN, mean or resilient=NUMBER", "per-sample",
                    "per-group=", "mean", "resilient=");
            if ("abs-error".equals(loss) && ("per-group=".equals(w) || "mean".equals(w))) {
                throw new ConstraintSpecParseException(c.toString(), wordAt,
                        "per-sample scope for abs-error (group bounds use mse)");
            }
            switch (w) {
                case "per-sample" -> scope = Scope.PER_SAMPLE;
                case "mean" -> scope = Scope.MEAN;
                case "per-group=" -> {
                    scope = Scope.PER_GROUP;
                    column = c.name("a group column name");
                }
                default -> {
                    int at = c.position();
                    resilience = c.number("a positive number (the slack cost)");
                    if (!(resilience > 0)) {
                        throw new ConstraintSpecParseException(c.toString(), at, "a positive number (the slack cost)");
                    }
                }
            }
        }
        return new LossBoundSpec(loss, bound, scope, column, resilience);
    }
}
