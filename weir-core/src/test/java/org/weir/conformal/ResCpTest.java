package org.weir.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.ReservoirState;

/**
 * ResCP against a direct re-implementation of its definition: run the residual reservoir over the whole
 * (standardized) residual series, key residual s by the state after residual s-H, keep the last W pairs whose
 * residual is known, weigh them by softmax(cos/tau) times the recency factor, and take the width-minimizing
 * weighted-quantile interval with the brute-force reference of {@link WeightedQuantileTest}.
 */
class ResCpTest {

    @ParameterizedTest(name = "H={0} recency={1} W={2} seed={3}")
    @CsvSource({"1,NONE,30,1", "1,INVERSE_AGE,25,2", "2,EXPONENTIAL,30,3", "3,NONE,1000,4", "1,NONE,30,5"})
    void matchesTheDefinition(int horizon, Recency recency, int window, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 80;
        int m = 40;
        double alpha = 0.2;
        double[] r = new double[n + m];
        for (int i = 0; i < r.length; i++) {
            r[i] = ((i / 15) % 2 == 0 ? 0.5 : 2.0) * rnd.nextGaussian() + 0.3;
        }
        ResCpConfig c = ResCpConfig.builder().units(20).window(window).tau(0.2).recency(recency).rho(0.9)
                .horizon(horizon).washout(5).seed(seed).keyDimension(seed == 5 ? 8 : 0).build();
        ResCp rescp = ResCp.fixed(alpha, c);
        double[] cal = java.util.Arrays.copyOf(r, n);
        rescp.calibrate(Calibration.ofResiduals(cal));

        // reference: standardized inputs, full state sequence
        double mean = 0;
        for (double v : cal) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : cal) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / (n - 1));
        EchoStateReservoir res = c.reservoir(1);
        ReservoirState st = res.newState();
        double[][] z = new double[n + m][];
        KeyProjection proj = c.projection();
        for (int i = 0; i < n + m; i++) {
            res.step(st, new double[] {(r[i] - mean) / sd}, null);
            z[i] = proj == null ? st.values().clone() : project(proj, st.values());
        }
        List<Double> esss = new ArrayList<>();
        for (int t = 0; t < m; t++) {
            int g = n + t;
            int known = Math.max(n - 1, g - horizon); // last residual index the method has seen
            double[] q = z[g - horizon]; // key: the state at the forecast origin of step g
            List<Integer> pairs = new ArrayList<>();
            for (int s = 5 + horizon; s <= known; s++) {
                pairs.add(s);
            }
            List<Integer> win = pairs.subList(Math.max(0, pairs.size() - window), pairs.size());
            double[] v = new double[win.size()];
            double[] w = new double[win.size()];
            for (int k = 0; k < win.size(); k++) {
                int s = win.get(k);
                v[k] = r[s];
                int age = win.size() - k;
                double f = switch (recency) {
                    case NONE -> 1.0;
                    case INVERSE_AGE -> 1.0 / age;
                    case EXPONENTIAL -> Math.pow(0.9, age);
                };
                w[k] = Math.exp(cos(z[s - horizon], q) / 0.2) * f;
            }
            double[] ref = WeightedQuantileTest.bruteShortest(v, w, alpha);
            double sw = 0;
            double sw2 = 0;
            for (double x : w) {
                sw += x;
                sw2 += x * x;
            }
            Interval iv = rescp.interval(10.0);
            double[] o = new double[3];
            WeightedQuantile.shortestInterval(v, w, WeightedQuantileTest.sortedOrder(v), v.length, alpha, sw, o);
            String msg = "seed " + seed + " step " + t;
            // the plumbing (keys, pairs, horizon, weights) must reproduce the quantile step on the reference weights
            assertEquals(10.0 + o[0], iv.lower(), 1e-9, msg);
            assertEquals(10.0 + o[1], iv.upper(), 1e-9, msg);
            // and that step is at most as wide as the brute-force search (which can lose a piece to rounding at
            // exact breakpoints when weights are real: its a - (a - s) need not equal s) and holds 1 - alpha mass
            assertEquals(true, o[1] - o[0] <= ref[1] - ref[0] + 1e-12, msg);
            WeightedQuantileTest.assertCoverageMass(v, w, o, alpha, msg);
            assertEquals(sw * sw / sw2, rescp.lastEffectiveSampleSize(), 1e-6 * sw * sw / sw2, msg);
            esss.add(rescp.lastEffectiveSampleSize());
            if (t - horizon + 1 >= 0) {
                rescp.update(r[n + t - horizon + 1]);
            }
        }
        System.out.printf("ResCP H=%d %s W=%d: matches the definition on %d steps; ESS %.1f..%.1f%n", horizon, recency,
                window, m, esss.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                esss.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    static double[] project(KeyProjection p, double[] x) {
        double[] y = new double[p.outputDimension()];
        p.apply(x, 0, y, 0);
        return y;
    }

    static double cos(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @org.junit.jupiter.api.Test
    void configurationErrorsNameTheParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> ResCpConfig.builder().window(0).build());
        assertEquals("ResCP window must be at least 1, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResCpConfig.builder().units(10).keyDimension(10).build());
        assertEquals(true, e.getMessage().contains("key dimension"), e.getMessage());
    }

    /**
     * The noise level of step s+1 is announced by a covariate that arrives with step s (an exogenous calendar-like
     * signal); regimes are drawn independently each step, so the residual history alone says nothing. ResCP fed
     * with the covariates must be sharper (lower Winkler) than ResCP without them, at valid coverage.
     */
    @org.junit.jupiter.api.Test
    void covariatesReachTheReservoir() {
        SplittableRandom rnd = new SplittableRandom(77);
        int n = 1500;
        int m = 1500;
        double alpha = 0.1;
        int[] regime = new int[n + m + 1];
        for (int i = 0; i < regime.length; i++) {
            regime[i] = rnd.nextInt(2);
        }
        double[] r = new double[n + m];
        double[][] cov = new double[n + m][];
        for (int i = 0; i < r.length; i++) {
            r[i] = (regime[i] == 0 ? 0.2 : 2.0) * rnd.nextGaussian();
            cov[i] = new double[] {regime[i + 1]};
        }
        Calibration cal = new Calibration(java.util.Arrays.copyOf(r, n), null, java.util.Arrays.copyOf(cov, n));
        ResCpConfig base = ResCpConfig.builder().units(50).window(1000).tau(0.2).leakRate(1.0).seed(3).build();
        double[] winkler = new double[2];
        double[] coverage = new double[2];
        for (int variant = 0; variant < 2; variant++) {
            ResCp rescp = ResCp.fixed(alpha, base.toBuilder().includeCovariates(variant == 1).build());
            rescp.calibrate(cal);
            int covered = 0;
            double score = 0;
            for (int t = 0; t < m; t++) {
                Interval iv = rescp.interval(0.0);
                double y = r[n + t];
                covered += iv.contains(y) ? 1 : 0;
                score += org.weir.metrics.IntervalMetrics.winkler(iv.lower(), iv.upper(), y, alpha);
                rescp.update(y, cov[n + t]);
            }
            winkler[variant] = score / m;
            coverage[variant] = (double) covered / m;
        }
        System.out.printf("ResCP without covariates: coverage %.4f winkler %.4f; with covariates: coverage %.4f winkler %.4f%n",
                coverage[0], winkler[0], coverage[1], winkler[1]);
        assertEquals(0.9, coverage[1], 0.02);
        assertEquals(true, winkler[1] < 0.8 * winkler[0], "covariates did not sharpen the intervals");
        ResCp needsCov = ResCp.fixed(alpha, base.toBuilder().includeCovariates(true).build());
        assertThrows(IllegalArgumentException.class, () -> needsCov.calibrate(Calibration.ofResiduals(r)));
    }
}
