package org.weir.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weir.metrics.Metrics;

/** The point-forecast metrics the CLI prints: nrmse, rmse, mae, r2 (pooled over outputs). */
final class Scores {
    private Scores() {
    }

    /** nrmse, rmse, mae, r2 of pred against truth (nrmse and r2 are NaN for a constant target). */
    static Map<String, Object> of(double[][] truth, double[][] pred) {
        Map<String, Object> m = new LinkedHashMap<>();
        double nrmse;
        double r2;
        try {
            nrmse = Metrics.nrmse(truth, pred);
            r2 = Metrics.r2(truth, pred);
        } catch (IllegalArgumentException constant) {
            nrmse = Double.NaN;
            r2 = Double.NaN;
        }
        m.put("nrmse", nrmse);
        m.put("rmse", Metrics.rmse(truth, pred));
        m.put("mae", Metrics.mae(truth, pred));
        m.put("r2", r2);
        return m;
    }

    /** "nrmse 0.0123  rmse 0.456  mae 0.321  r2 0.9998". */
    static String line(Map<String, Object> scores) {
        StringBuilder sb = new StringBuilder();
        for (String k : new String[] {"nrmse", "rmse", "mae", "r2"}) {
            sb.append(sb.length() == 0 ? "" : "  ").append(k).append(' ')
                    .append(HtmlReport.formatNumber(((Number) scores.get(k)).doubleValue()));
        }
        return sb.toString();
    }
}
