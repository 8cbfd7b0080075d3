package org.weir.conformal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.weir.metrics.IntervalMetrics;

/**
 * Runs several interval methods over the same calibration data and test stream and scores each: coverage,
 * coverage gap {@code coverage - (1 - alpha)}, mean width, mean Winkler score and wall-clock seconds
 * (calibration, tuning and the online pass together).
 */
public final class ConformalEvaluation {
    private ConformalEvaluation() {
    }

    /**
     * Scores of one method.
     *
     * @param method the method's name
     * @param alpha its target miscoverage
     * @param coverage fraction of test steps covered
     * @param coverageGap {@code coverage - (1 - alpha)}
     * @param width mean interval width (infinite if any interval is unbounded)
     * @param winkler mean Winkler score
     * @param seconds wall-clock time of calibration plus the online pass
     * @param intervals the issued intervals
     */
    public record MethodResult(String method, double alpha, double coverage, double coverageGap, double width,
            double winkler, double seconds, Intervals intervals) {

        /** The row as a map with exactly the keys coverage, coverage_gap, width, winkler, seconds. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("coverage", coverage);
            m.put("coverage_gap", coverageGap);
            m.put("width", width);
            m.put("winkler", winkler);
            m.put("seconds", seconds);
            return m;
        }
    }

    /** Results of every method, in the order given. */
    public record Report(List<MethodResult> results) {
        public Report {
            results = List.copyOf(results);
        }

        /** Keyed by method name (repeated names get "#2", "#3"), each value as {@link MethodResult#toMap()}. */
        public Map<String, Map<String, Object>> toMap() {
            Map<String, Map<String, Object>> m = new LinkedHashMap<>();
            for (MethodResult r : results) {
                String key = r.method();
                int k = 2;
                while (m.containsKey(key)) {
                    key = r.method() + "#" + k++;
                }
                m.put(key, r.toMap());
            }
            return m;
        }

        /** The result of the named method. */
        public MethodResult get(String method) {
            for (MethodResult r : results) {
                if (r.method().equals(method)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("no result for method '" + method + "'");
        }

        /** A fixed-width text table. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-12s %6s %9s %9s %10s %10s %9s%n", "method", "alpha", "coverage",
                    "gap", "width", "winkler", "seconds"));
            for (MethodResult r : results) {
                sb.append(String.format(Locale.ROOT, "%-12s %6.3f %9.4f %+9.4f %10.4f %10.4f %9.3f%n", r.method(),
                        r.alpha(), r.coverage(), r.coverageGap(), r.width(), r.winkler(), r.seconds()));
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return table();
        }
    }

    /**
     * Calibrates and runs every method on the stream and scores it.
     *
     * @param methods methods to run (each is recalibrated)
     * @param calibration calibration data
     * @param forecasts test forecasts
     * @param truths observed test values
     * @param horizon forecast horizon (1 for one-step-ahead)
     * @param features test feature vectors for methods that use them (EnbPI), or null
     */
    public static Report evaluate(List<? extends IntervalMethod> methods, Calibration calibration,
            double[] forecasts, double[] truths, int horizon, double[][] features) {
        List<MethodResult> out = new ArrayList<>();
        for (IntervalMethod m : methods) {
            long t0 = System.nanoTime();
            Intervals iv = ConformalRunner.run(m, calibration, forecasts, truths, horizon, features);
            double secs = (System.nanoTime() - t0) * 1e-9;
            out.add(score(m.name(), m.alpha(), iv, truths, secs));
        }
        return new Report(out);
    }

    /** One-step-ahead evaluation without features. */
    public static Report evaluate(List<? extends IntervalMethod> methods, Calibration calibration,
            double[] forecasts, double[] truths) {
        return evaluate(methods, calibration, forecasts, truths, 1, null);
    }

    /** Scores intervals against observed values. */
    public static MethodResult score(String method, double alpha, Intervals iv, double[] truths, double seconds) {
        double[] lo = iv.lower();
        double[] hi = iv.upper();
        double cov = IntervalMetrics.coverage(lo, hi, truths);
        return new MethodResult(method, alpha, cov, cov - (1 - alpha), IntervalMetrics.meanWidth(lo, hi),
                IntervalMetrics.meanWinkler(lo, hi, truths, alpha), seconds, iv);
    }
}
