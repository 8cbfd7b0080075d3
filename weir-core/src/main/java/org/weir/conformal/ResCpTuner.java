package org.weir.conformal;

import java.util.ArrayList;
import java.util.List;
import org.weir.reservoir.EchoStateReservoir;
import org.weir.reservoir.ReservoirState;

/**
 * Chooses ResCP's hyperparameters (spectral radius, leak, input scaling, tau, W) by grid search: the
 * calibration set is split into a memory part and a validation tail (the last {@code validationFraction});
 * each reservoir is run once over the whole calibration series, and for every (tau, W) the memory is filled
 * from the memory part and ResCP runs online over the tail; the combination with the lowest mean Winkler
 * score wins (ties: the first in grid order).
 */
public final class ResCpTuner {
    private ResCpTuner() {
    }

    /**
     * One grid point.
     *
     * @param config the hyperparameters
     * @param winkler mean Winkler score on the validation tail
     * @param coverage coverage on the validation tail
     * @param width mean width on the validation tail
     */
    public record Trial(ResCpConfig config, double winkler, double coverage, double width) {
    }

    /**
     * The outcome of a search.
     *
     * @param best the winning hyperparameters
     * @param bestWinkler its validation Winkler score
     * @param trials every grid point in grid order
     */
    public record Result(ResCpConfig best, double bestWinkler, List<Trial> trials) {
        public Result {
            trials = List.copyOf(trials);
        }
    }

    public static Result tune(Calibration cal, double alpha, ResCpConfig base, ResCpGrid grid) {
        AbstractIntervalMethod.checkAlpha(alpha);
        int n = cal.size();
        int h = base.horizon();
        int nv = (int) Math.round(n * grid.validationFraction());
        int t0 = n - nv;
        if (nv < 10 || t0 - h - base.washout() < 10) {
            throw new IllegalArgumentException("ResCP tuning needs at least 10 validation steps and 10 memory pairs; "
                    + "calibration has " + n + " steps (validation " + nv + ", washout " + base.washout()
                    + "); use fixed hyperparameters (rescp:tune=false) or a longer calibration set");
        }
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        double[] out = new double[4];
        for (double sr : grid.spectralRadius()) {
            for (double leak : grid.leakRate()) {
                for (double scale : grid.inputScaling()) {
                    ResCpConfig rc = base.toBuilder().spectralRadius(sr).leakRate(leak).inputScaling(scale).build();
                    ResCpInputs inputs = new ResCpInputs(rc, cal);
                    EchoStateReservoir res = rc.reservoir(inputs.dimension());
                    int dim = rc.keyLength();
                    double[] z = harvest(res, inputs, cal, rc.projection());
                    for (double tau : grid.tau()) {
                        for (int w : grid.window()) {
                            ResCpConfig c = rc.toBuilder().tau(tau).window(w).build();
                            Trial t = simulate(c, z, dim, cal, t0, alpha, out);
                            trials.add(t);
                            if (best == null || t.winkler() < best.winkler()) {
                                best = t;
                            }
                        }
                    }
                }
            }
        }
        return new Result(best.config(), best.winkler(), trials);
    }

    /** Every state after each calibration step, normalized, flat n x dim. */
    static double[] harvest(EchoStateReservoir res, ResCpInputs inputs, Calibration cal, KeyProjection projection) {
        int n = cal.size();
        int dim = projection == null ? res.stateDimension() : projection.outputDimension();
        double[] z = new double[n * dim];
        ReservoirState st = res.newState();
        double[] u = new double[inputs.dimension()];
        for (int s = 0; s < n; s++) {
            inputs.fill(u, cal, s);
            res.step(st, u, null);
            if (projection == null) {
                System.arraycopy(st.values(), 0, z, s * dim, dim);
            } else {
                projection.apply(st.values(), 0, z, s * dim);
            }
            SimilarityWindow.normalize(z, s * dim, dim);
        }
        return z;
    }

    private static Trial simulate(ResCpConfig c, double[] z, int dim, Calibration cal, int t0, double alpha,
            double[] out) {
        int n = cal.size();
        int h = c.horizon();
        SimilarityWindow mem = new SimilarityWindow(dim, c.window(), c.keyPrecision());
        int first = Math.max(c.washout() + h, t0 - h + 1 - c.window());
        int added = first; // next pair index to add; pair s keyed by z[s-h]
        double score = 0;
        int covered = 0;
        double width = 0;
        for (int s = t0; s < n; s++) {
            while (added <= s - h) {
                mem.add(z, (added - h) * dim, cal.residual(added));
                added++;
            }
            mem.interval(z, (s - h) * dim, alpha, c.tau(), c.recency(), c.rho(), out);
            double r = cal.residual(s);
            double lo = out[0];
            double hi = out[1];
            width += hi - lo;
            score += org.weir.metrics.IntervalMetrics.winkler(lo, hi, r, alpha);
            covered += r >= lo && r <= hi ? 1 : 0;
        }
        int m = n - t0;
        return new Trial(c, score / m, (double) covered / m, width / m);
    }
}
