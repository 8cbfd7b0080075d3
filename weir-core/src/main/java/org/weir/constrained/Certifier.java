package org.weir.constrained;

import java.util.ArrayList;
import java.util.List;

/** Builds the {@link Certificate} of a primal readout and a multiplier vector. */
final class Certifier {
    private final Lagrangian lagrangian;
    private final ConstrainedProblem problem;
    private final double feasTol;
    private final double gapTol;

    Certifier(Lagrangian lagrangian, double feasTol, double gapTol) {
        this.lagrangian = lagrangian;
        this.problem = lagrangian.problem();
        this.feasTol = feasTol;
        this.gapTol = gapTol;
    }

    /** Primal measurements at theta: objective with slack costs, max violation over hard families. */
    record Primal(double objective, double maxViolation, double[][] g) {
    }

    Primal primal(double[][] theta, double[][] pred) {
        DesignMatrix x = problem.data();
        double obj = problem.objective().value(x, theta, pred);
        double maxViol = 0;
        List<ConstraintFamily> fams = problem.families();
        double[][] gs = new double[fams.size()][];
        for (int fi = 0; fi < fams.size(); fi++) {
            ConstraintFamily fam = fams.get(fi);
            double[] g = new double[fam.size()];
            fam.measure(theta, pred, g);
            gs[fi] = g;
            boolean resilient = fam instanceof LossBound lb && lb.isResilient();
            for (double v : g) {
                if (resilient) {
                    double s = Math.max(v, 0);
                    obj += 0.5 * ((LossBound) fam).resilience() * s * s;
                } else {
                    maxViol = Math.max(maxViol, v);
                }
            }
        }
        return new Primal(obj, maxViol, gs);
    }

    /**
     * Certificate for primal theta and multipliers m (set-view multipliers are first clipped to the domain
     * of the support functions, which keeps the bound valid).
     */
    Certificate certify(double[][] theta, Multipliers m, String solver, boolean budgetExhausted) {
        DesignMatrix x = problem.data();
        double[][] pred = new double[x.rows()][x.outputs()];
        x.predict(theta, pred);
        Multipliers mc = clipped(m);
        Primal pr = primal(theta, pred);
        Lagrangian.Minimum min = lagrangian.minimize(mc);
        double dual = min.value();
        double gap = pr.objective() - dual;
        double relGap = gap / Math.max(1.0, Math.abs(pr.objective()));
        List<FamilyReport> reports = new ArrayList<>();
        List<ConstraintFamily> fams = problem.families();
        double compl = 0;
        double scaledViolation = 0;
        for (int fi = 0; fi < fams.size(); fi++) {
            ConstraintFamily fam = fams.get(fi);
            double[] g = pr.g()[fi];
            boolean resilient = fam instanceof LossBound lb && lb.isResilient();
            double mv = 0;
            int count = 0;
            double famTol = feasTol * Math.min(1.0, fam.scale());
            for (double v : g) {
                mv = Math.max(mv, v);
                if (v > famTol) {
                    count++;
                }
            }
            double maxSlack = 0;
            double[] mult = mc.raw(fi);
            if (mc.isSetView(fi)) {
                compl = Math.max(compl, SetViewSupport.complementarity(fam, theta, pred, mult));
            } else {
                for (int c = 0; c < mult.length; c++) {
                    double gc = g[c];
                    if (resilient) {
                        double slack = mult[c] / ((LossBound) fam).resilience();
                        maxSlack = Math.max(maxSlack, slack);
                        gc -= slack;
                    }
                    compl = Math.max(compl, Math.abs(mult[c] * gc));
                }
            }
            if (!resilient) {
                scaledViolation = Math.max(scaledViolation, mv / Math.min(1.0, fam.scale()));
            }
            reports.add(new FamilyReport(fam.name(), fam.size(), mv, count, mv / fam.scale(), resilient,
                    maxSlack));
        }
        double[][] grad = lagrangian.gradient(theta, pred, mc);
        double stat = 0;
        for (double[] row : grad) {
            for (double v : row) {
                stat = Math.max(stat, Math.abs(v));
            }
        }
        Status status;
        if (scaledViolation <= feasTol) {
            status = relGap <= gapTol ? Status.CERTIFIED : Status.FEASIBLE_UNCERTIFIED;
        } else {
            status = Status.MAX_ITER;
        }
        return new Certificate(status, pr.objective(), dual, gap, relGap, pr.maxViolation(), reports, stat, compl,
                Double.NaN, Double.NaN, 0, 0.0, solver, List.of());
    }

    Multipliers clipped(Multipliers m) {
        double[][] v = new double[m.families()][];
        boolean[] sv = new boolean[m.families()];
        for (int fi = 0; fi < m.families(); fi++) {
            v[fi] = m.values(fi);
            sv[fi] = m.isSetView(fi);
            if (sv[fi]) {
                problem.families().get(fi).clipToSupportDomain(v[fi]);
            } else {
                for (int c = 0; c < v[fi].length; c++) {
                    v[fi][c] = Math.max(0, v[fi][c]);
                }
            }
        }
        return new Multipliers(v, sv);
    }
}
