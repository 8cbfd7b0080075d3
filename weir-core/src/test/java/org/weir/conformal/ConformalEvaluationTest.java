package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weir.metrics.IntervalMetrics;

class ConformalEvaluationTest {

    @Test
    void winklerHandComputed() {
        assertEquals(2.0, IntervalMetrics.winkler(1, 3, 2, 0.1), 1e-15);
        assertEquals(22.0, IntervalMetrics.winkler(1, 3, 4, 0.1), 1e-12);
        assertEquals(12.0, IntervalMetrics.winkler(1, 3, 0.5, 0.1), 1e-12);
        double[] lo = {0, 0, 0, 0};
        double[] hi = {1, 2, 1, Double.POSITIVE_INFINITY};
        double[] y = {0.5, 3, -1, 100};
        assertEquals(0.5, IntervalMetrics.coverage(lo, hi, y)); // 0.5 in [0,1], 100 in [0,inf)
        assertEquals(Double.POSITIVE_INFINITY, IntervalMetrics.meanWidth(lo, hi));
        double[] hi2 = {1, 2, 1, 5};
        // 1, 2 + 40*1 = 42, 1 + 40*1 = 41, 5 + 40*95 = 3805 -> mean 3889/4
        assertEquals(3889.0 / 4, IntervalMetrics.meanWinkler(lo, hi2, y, 0.05), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> IntervalMetrics.winkler(0, 1, 0, 1.0));
    }

    /** Records the order of calls to check the runner's horizon bookkeeping. */
    static final class Recorder extends AbstractIntervalMethod {
        final List<String> log = new ArrayList<>();

        Recorder() {
            super(0.1);
        }

        @Override
        public String name() {
            return "rec";
        }

        @Override
        protected void reset(Calibration c) {
            log.add("cal" + c.size());
        }

        @Override
        protected Interval issue(double f, double[] x) {
            log.add("i" + (int) f);
            return new Interval(f - 1, f + 1);
        }

        @Override
        protected void resolve(double f, double r) {
            log.add("o" + (int) f + ":" + (int) r);
        }
    }

    @Test
    void runnerDelaysTruthByTheHorizon() {
        Recorder rec = new Recorder();
        double[] f = {10, 20, 30, 40};
        double[] y = {11, 22, 33, 44};
        ConformalRunner.run(rec, Calibration.ofResiduals(new double[] {0, 0}), f, y, 3, null);
        assertEquals(List.of("cal2", "i10", "i20", "i30", "o10:1", "i40", "o20:2"), rec.log);
        assertEquals(2, rec.pending());
        rec.log.clear();
        ConformalRunner.run(rec, Calibration.ofResiduals(new double[] {0}), f, y);
        assertEquals(List.of("cal1", "i10", "o10:1", "i20", "o20:2", "i30", "o30:3", "i40", "o40:4"), rec.log);
    }

    @Test
    void reportHoldsExactlyTheDocumentedKeys() {
        double[] cal = {0.5, -0.5, 1.0, -1.0, 0.25, -0.25, 0.75, -0.75, 0.1};
        double[] f = {0, 0, 0, 0};
        double[] y = {0.5, -2, 0.9, 0};
        var report = ConformalEvaluation.evaluate(List.of(SplitConformal.symmetric(0.2), new NexCp(0.2, 0.9, 100)),
                Calibration.ofResiduals(cal), f, y);
        Map<String, Map<String, Object>> m = report.toMap();
        assertEquals(List.of("split", "nexcp"), new ArrayList<>(m.keySet()));
        assertEquals(List.of("coverage", "coverage_gap", "width", "winkler", "seconds"),
                new ArrayList<>(m.get("split").keySet()));
        // split: n = 9, alpha = 0.2 -> rank ceil(10*0.8) = 8; sorted |r| 0.1 .25 .25 .5 .5 .75 .75 1 1 -> q = 1
        // [-1, 1] covers 0.5, 0.9, 0 and misses -2 -> coverage 0.75
        var s = report.get("split");
        assertEquals(0.75, s.coverage());
        assertEquals(0.75 - 0.8, s.coverageGap(), 1e-15);
        assertEquals(2.0, s.width(), 1e-15);
        // winkler: 2, 2 + (2/0.2)*1, 2, 2 -> mean 18/4
        assertEquals(4.5, s.winkler(), 1e-12);
        assertArrayEquals(new double[] {-1, -1, -1, -1}, s.intervals().lower());
    }
}
