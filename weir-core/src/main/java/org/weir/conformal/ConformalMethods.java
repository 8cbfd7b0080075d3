package org.weir.conformal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates interval methods from their command-line names, with optional parameters:
 * {@code name[:key=value,key=value...]}, e.g. {@code aci:gamma=0.01}, {@code nexcp:rho=0.95,window=1000},
 * {@code rescp:units=200,tau=0.05,tune=false}. Names: split, split-asym, aci, agaci, nexcp, enbpi, pid, rescp.
 * <ul>
 * <li>split, split-asym: no parameters;</li>
 * <li>aci: gamma (0.005), window (0 = calibration size);</li>
 * <li>agaci: window (0);</li>
 * <li>nexcp: rho (0.99), window (2000);</li>
 * <li>enbpi: b (20), block (10), ridge (1e-6), seed (42) - needs the training states and targets;</li>
 * <li>pid: eta (0.05), ki (0.1), csat (1), lags (0), lagrate (0.001);</li>
 * <li>rescp: units (100), sr, leak, scaling, bias, connectivity (10 per unit: min(1, 10/units)), tau, window, recency (none, inverse-age,
 * exponential), rho, target (false), covariates (false), washout (20), keydim (0: exact cosines on full states),
 * keyprecision (double, or float: keys stored in float, cosines within 2^-24),
 * seed (42), tune (true: grid search over
 * {@link ResCpGrid#defaults()}).</li>
 * </ul>
 */
public final class ConformalMethods {
    /** Every recognized name. */
    public static final List<String> NAMES = List.of("split", "split-asym", "aci", "agaci", "nexcp", "enbpi", "pid",
            "rescp");

    private ConformalMethods() {
    }

    /** Training data EnbPI fits its bootstrap readouts on: a state harvest and its targets. */
    public record EnsembleData(double[][] states, double[] targets) {
        public EnsembleData {
            if (states == null || targets == null || states.length != targets.length) {
                throw new IllegalArgumentException("EnbPI training data needs as many targets as state rows");
            }
        }
    }

    /** {@link #create(String, double, int, EnsembleData)} for horizon 1 without EnbPI data. */
    public static IntervalMethod create(String spec, double alpha) {
        return create(spec, alpha, 1, null);
    }

    /**
     * Parses one method specification.
     *
     * @param spec {@code name[:key=value,...]}
     * @param alpha miscoverage in (0, 1)
     * @param horizon forecast horizon the method serves (ResCP keys its memory by it)
     * @param ensemble training data for EnbPI, or null
     */
    public static IntervalMethod create(String spec, double alpha, int horizon, EnsembleData ensemble) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("interval method name must not be empty; choose one of " + NAMES);
        }
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        Params p = new Params(name, colon < 0 ? "" : s.substring(colon + 1));
        IntervalMethod m = switch (name) {
            case "split" -> SplitConformal.symmetric(alpha);
            case "split-asym" -> SplitConformal.asymmetric(alpha);
            case "aci" -> new AdaptiveConformal(alpha, p.dbl("gamma", 0.005), p.integer("window", 0));
            case "agaci" -> {
                yield AggregatedAdaptiveConformal.withDefaultGrid(alpha, p.integer("window", 0));
            }
            case "nexcp" -> new NexCp(alpha, p.dbl("rho", 0.99), p.integer("window", 2000));
            case "enbpi" -> {
                if (ensemble == null) {
                    throw new IllegalArgumentException("enbpi needs the training states and targets of the forecaster");
                }
                var o = new EnbPi.Options(p.integer("b", 20), p.integer("block", 10), p.dbl("ridge", 1e-6),
                        p.lng("seed", 42));
                yield EnbPi.fit(alpha, ensemble.states(), ensemble.targets(), o);
            }
            case "pid" -> new ConformalPid(alpha, new ConformalPid.Options(p.dbl("eta", 0.05), p.dbl("ki", 0.1),
                    p.dbl("csat", 1.0), p.integer("lags", 0), p.dbl("lagrate", 0.001)));
            case "rescp" -> {
                var b = ResCpConfig.builder().horizon(horizon);
                ResCpConfig d = b.build();
                b.units(p.integer("units", d.units())).spectralRadius(p.dbl("sr", d.spectralRadius()))
                        .leakRate(p.dbl("leak", d.leakRate())).inputScaling(p.dbl("scaling", d.inputScaling()))
                        .biasScaling(p.dbl("bias", d.biasScaling()))
                        .tau(p.dbl("tau", d.tau())).window(p.integer("window", d.window()))
                        .recency(Recency.parse(p.str("recency", d.recency().id()))).rho(p.dbl("rho", d.rho()))
                        .includeTarget(p.bool("target", false)).includeCovariates(p.bool("covariates", false))
                        .washout(p.integer("washout", d.washout())).keyDimension(p.integer("keydim", 0))
                        .keyPrecision(KeyPrecision.parse(p.str("keyprecision", d.keyPrecision().id())))
                        .seed(p.lng("seed", d.seed()));
                double connectivity = p.dbl("connectivity", Double.NaN); // default: 10 connections per unit
                if (!Double.isNaN(connectivity)) {
                    b.connectivity(connectivity);
                }
                yield p.bool("tune", true) ? ResCp.tuned(alpha, b.build(), ResCpGrid.defaults())
                        : ResCp.fixed(alpha, b.build());
            }
            default -> throw new IllegalArgumentException("unknown interval method '" + name + "'; choose one of "
                    + NAMES);
        };
        p.checkAllUsed();
        return m;
    }

    /** Parses a comma-separated list of plain names (no parameters), e.g. {@code split,aci,nexcp}. */
    public static List<IntervalMethod> createAll(String names, double alpha, int horizon, EnsembleData ensemble) {
        List<IntervalMethod> out = new ArrayList<>();
        for (String n : names.split(",")) {
            if (!n.isBlank()) {
                out.add(create(n.trim(), alpha, horizon, ensemble));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no interval method named in '" + names + "'");
        }
        return out;
    }

    private static final class Params {
        private final String method;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final java.util.Set<String> used = new java.util.HashSet<>();

        Params(String method, String text) {
            this.method = method;
            for (String kv : text.split(",")) {
                if (kv.isBlank()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(method + ": parameter '" + kv.trim() + "' must be key=value");
                }
                values.put(kv.substring(0, eq).trim().toLowerCase(Locale.ROOT), kv.substring(eq + 1).trim());
            }
        }

        String str(String key, String def) {
            used.add(key);
            return values.getOrDefault(key, def);
        }

        double dbl(String key, double def) {
            String v = str(key, null);
            if (v == null) {
                return def;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(method + ": " + key + " must be a number, got '" + v + "'");
            }
        }

        int integer(String key, int def) {
            String v = str(key, null);
            if (v == null) {
                return def;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(method + ": " + key + " must be an integer, got '" + v + "'");
            }
        }

        long lng(String key, long def) {
            String v = str(key, null);
            if (v == null) {
                return def;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(method + ": " + key + " must be an integer, got '" + v + "'");
            }
        }

        boolean bool(String key, boolean def) {
            String v = str(key, null);
            if (v == null) {
                return def;
            }
            if (v.equalsIgnoreCase("true") || v.equals("1")) {
                return true;
            }
            if (v.equalsIgnoreCase("false") || v.equals("0")) {
                return false;
            }
            throw new IllegalArgumentException(method + ": " + key + " must be true or false, got '" + v + "'");
        }

        void checkAllUsed() {
            for (String k : values.keySet()) {
                if (!used.contains(k)) {
                    throw new IllegalArgumentException(method + ": unknown parameter '" + k + "'");
                }
            }
        }
    }
}
