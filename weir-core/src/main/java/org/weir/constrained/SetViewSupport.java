package org.weir.constrained;

import java.util.List;

/** Shared pieces of the set-view solvers (ADMM, augmented Lagrangian). */
final class SetViewSupport {
    private SetViewSupport() {
    }

    /** Refuses resilient families, which these solvers do not handle. */
    static void requireHard(List<ConstraintFamily> fams, String solver) {
        for (ConstraintFamily f : fams) {
            if (f instanceof LossBound lb && lb.isResilient()) {
                throw new IllegalArgumentException("the " + solver + " solver does not handle resilient families ('"
                        + f.name() + "'); use --solver dual-ascent");
            }
        }
    }

    /** {@code B^T u} over all families, as parameters per output. */
    static double[][] adjoint(DesignMatrix x, List<ConstraintFamily> fams, double[][] u) {
        double[][] predAdj = new double[x.rows()][x.outputs()];
        double[][] out = new double[x.outputs()][x.params()];
        for (int f = 0; f < fams.size(); f++) {
            fams.get(f).addAdjoint(u[f], predAdj, out);
        }
        x.addAdjoint(predAdj, out);
        return out;
    }

    /** Largest positive constraint value over all families. */
    static double maxViolation(List<ConstraintFamily> fams, double[][] theta, double[][] pred) {
        double mv = 0;
        for (ConstraintFamily f : fams) {
            double[] g = new double[f.size()];
            f.measure(theta, pred, g);
            for (double v : g) {
                mv = Math.max(mv, v);
            }
        }
        return mv;
    }

    static Multipliers setView(double[][] u, double scale) {
        double[][] v = new double[u.length][];
        boolean[] sv = new boolean[u.length];
        for (int f = 0; f < u.length; f++) {
            v[f] = u[f].clone();
            for (int t = 0; t < v[f].length; t++) {
                v[f][t] *= scale;
            }
            sv[f] = true;
        }
        return new Multipliers(v, sv);
    }

    /**
     * Complementarity of a set-view family's multiplier u at theta: {@code |sigma_C(u) - <u, map(theta)>|}, zero
     * when u is normal to the set C at the mapped point (the support function equals the inner product there).
     */
    static double complementarity(ConstraintFamily fam, double[][] theta, double[][] pred, double[] u) {
        double[] z = new double[fam.mapDimension()];
        fam.map(theta, pred, z);
        double s = fam.support(u);
        for (int t = 0; t < z.length; t++) {
            s -= u[t] * z[t];
        }
        return Math.abs(s);
    }
}
