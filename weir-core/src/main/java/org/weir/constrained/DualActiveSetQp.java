package org.weir.constrained;

import java.util.Arrays;

/**
 * The dual active-set method of Goldfarb and Idnani ("A numerically stable dual method for solving strictly
 * convex quadratic programs", Math. Programming 27, 1983) for
 * {@code min 1/2 x'Gx - a'x} subject to {@code n_i'x = b_i} (equalities) and {@code n_i'x >= b_i}
 * (inequalities), G positive definite. It starts at the unconstrained minimum and adds one violated
 * constraint at a time, dropping active ones whose multiplier would turn negative; every iterate minimizes
 * the Lagrangian at its (non-negative) multipliers, so the objective rises monotonically to the optimum, and
 * a violated constraint that is a non-negative combination of active ones proves the problem infeasible.
 * The factorization {@code J = L^{-T} Q}, {@code N_A = Q [R; 0]} (L the Cholesky factor of G) is updated by
 * Givens rotations, so an iteration costs {@code O(dim^2)} plus the slack evaluation.
 *
 * <p>Constraints are reached through {@link Constraints}: all slacks at once (one pass over the data) and
 * single normals on demand, so constraint sets with many more rows than parameters (per-sample error tubes
 * on thousands of reservoir states) never form a constraint matrix. A full slack pass yields a list of the most
 * violated candidates, which are then served from cached normals until none of them is violated.
 */
final class DualActiveSetQp {
    /** Constraints {@code s_i(x) = n_i'x - b_i >= 0} (or {@code = 0}). */
    interface Constraints {
        int count();

        boolean isEquality(int i);

        /** Writes {@code s_i = n_i'x - b_i} for every constraint. */
        void slacks(double[] x, double[] s);

        /** Writes the normal {@code n_i} (length dim) into out (every entry overwritten). */
        void normal(int i, double[] out);

        /** {@code b_i}. */
        double bound(int i);

        /** Absolute slack tolerance of constraint i: violated when {@code s_i < -tol} ({@code |s_i| > tol}). */
        double tolerance(int i);
    }

    /** How the solve ended. */
    enum Outcome {
        /** Every constraint holds within its tolerance; x is the minimizer. */
        OPTIMAL,
        /** A violated constraint is a non-negative combination of active ones: no feasible point. */
        INFEASIBLE,
        /** The iteration budget ran out. */
        ITERATION_LIMIT
    }

    /**
     * @param x the last iterate (the minimizer when OPTIMAL)
     * @param active active constraint indices
     * @param multipliers multiplier of each active constraint ({@code >= 0} for inequalities; in the sense
     *     {@code 1/2 x'Gx - a'x - sum mu_i (n_i'x - b_i)})
     * @param iterations constraint additions plus drops
     * @param passes full slack passes
     * @param outcome how it ended
     * @param maxViolation largest violation (over tolerance-scaled slacks) at the last full pass
     */
    record Result(double[] x, int[] active, double[] multipliers, int iterations, int passes, Outcome outcome,
            double maxViolation) {
    }

    private static final int CANDIDATES = 48;
    private static final double DEPENDENT = 1e-13;

    private final int dim;
    private final double[][] j; // columns of J
    private final double[][] r; // R, upper triangular: r[row][col]
    private final int[] act;
    private final double[] sign; // +1, or -1 for an equality added with flipped sign
    private final double[] u;
    private int q;

    /**
     * @param jInit columns of {@code L^{-T}} for {@code G = L L'} (modified: becomes the working J)
     */
    private DualActiveSetQp(double[][] jInit) {
        this.dim = jInit.length;
        this.j = jInit;
        this.r = new double[dim][dim];
        this.act = new int[dim];
        this.sign = new double[dim];
        this.u = new double[dim];
    }

    /**
     * Solves from the unconstrained minimizer x0 (modified: holds the result).
     *
     * @param jInit columns of {@code L^{-T}} where {@code G = L L'} (modified)
     * @param x0 {@code G^{-1} a} (modified)
     * @param cons the constraints
     * @param maxIterations budget of additions plus drops
     */
    static Result solve(double[][] jInit, double[] x0, Constraints cons, int maxIterations) {
        return new DualActiveSetQp(jInit).run(x0, cons, maxIterations);
    }

    private Result run(double[] x, Constraints cons, int maxIterations) {
        int m = cons.count();
        double[] s = new double[m];
        boolean[] isActive = new boolean[m];
        double[] np = new double[dim];
        double[] d = new double[dim];
        double[] z = new double[dim];
        double[] rr = new double[dim];
        int[] cand = new int[CANDIDATES];
        double[][] candNormal = new double[CANDIDATES][dim];
        double[] candScore = new double[CANDIDATES];
        int iterations = 0;
        int passes = 0;
        double lastViolation = 0;
        while (true) {
            // full pass: the most violated constraints become the candidates
            cons.slacks(x, s);
            passes++;
            int nc = 0;
            lastViolation = 0;
            for (int i = 0; i < m; i++) {
                if (isActive[i]) {
                    continue;
                }
                double v = violation(cons, i, s[i]);
                if (v <= 0) {
                    continue;
                }
                lastViolation = Math.max(lastViolation, v);
                if (nc < CANDIDATES) {
                    cand[nc] = i;
                    candScore[nc] = v;
                    nc++;
                } else {
                    int w = 0;
                    for (int c = 1; c < CANDIDATES; c++) {
                        if (candScore[c] < candScore[w]) {
                            w = c;
                        }
                    }
                    if (v > candScore[w]) {
                        cand[w] = i;
                        candScore[w] = v;
                    }
                }
            }
            if (nc == 0) {
                return result(x, Outcome.OPTIMAL, iterations, passes, 0);
            }
            for (int c = 0; c < nc; c++) {
                cons.normal(cand[c], candNormal[c]);
            }
            boolean[] used = new boolean[nc];
            while (true) {
                // the most violated remaining candidate, its slack from the cached normal
                int best = -1;
                double bestV = 0;
                double bestS = 0;
                for (int c = 0; c < nc; c++) {
                    if (used[c]) {
                        continue;
                    }
                    double sc = dot(candNormal[c], x) - cons.bound(cand[c]);
                    double v = violation(cons, cand[c], sc);
                    if (v > bestV) {
                        bestV = v;
                        best = c;
                        bestS = sc;
                    }
                }
                if (best < 0) {
                    break;
                }
                used[best] = true;
                int p = cand[best];
                double sg = cons.isEquality(p) && bestS > 0 ? -1.0 : 1.0;
                for (int e = 0; e < dim; e++) {
                    np[e] = sg * candNormal[best][e];
                }
                double sp = sg * bestS;
                double up = 0;
                // step 2: move until p is satisfied, dropping blocking constraints
                while (true) {
                    if (iterations >= maxIterations) {
                        return result(x, Outcome.ITERATION_LIMIT, iterations, passes, lastViolation);
                    }
                    iterations++;
                    double dn = 0;
                    for (int c = 0; c < dim; c++) {
                        d[c] = dot(j[c], np);
                        dn += d[c] * d[c];
                    }
                    Arrays.fill(z, 0);
                    double d2 = 0;
                    for (int c = q; c < dim; c++) {
                        axpy(d[c], j[c], z);
                        d2 += d[c] * d[c];
                    }
                    backSubstitute(d, rr);
                    double t1 = Double.POSITIVE_INFINITY;
                    int drop = -1;
                    for (int a = 0; a < q; a++) {
                        if (rr[a] > 0 && !cons.isEquality(act[a])) {
                            double ta = u[a] / rr[a];
                            if (ta < t1) {
                                t1 = ta;
                                drop = a;
                            }
                        }
                    }
                    boolean dependent = d2 <= DEPENDENT * DEPENDENT * dn;
                    double zn = dependent ? 0 : d2; // z'n_p = |d2|^2
                    double t2 = dependent ? Double.POSITIVE_INFINITY : -sp / zn;
                    double t = Math.min(t1, t2);
                    if (Double.isInfinite(t)) {
                        return result(x, Outcome.INFEASIBLE, iterations, passes, lastViolation);
                    }
                    for (int a = 0; a < q; a++) {
                        u[a] -= t * rr[a];
                    }
                    up += t;
                    if (dependent) {
                        dropConstraint(drop);
                        isActive[actIndexRemoved] = false;
                        continue;
                    }
                    axpy(t, z, x);
                    sp += t * zn;
                    if (t == t2) {
                        addConstraint(d, p, sg, up);
                        isActive[p] = true;
                        break;
                    }
                    dropConstraint(drop);
                    isActive[actIndexRemoved] = false;
                }
            }
        }
    }

    private int actIndexRemoved;

    private static double violation(Constraints cons, int i, double si) {
        double tol = cons.tolerance(i);
        if (cons.isEquality(i)) {
            return Math.abs(si) > tol ? Math.abs(si) / tol : 0;
        }
        return si < -tol ? -si / tol : 0;
    }

    /** Solves {@code R rr = d[0..q)} (R upper triangular). */
    private void backSubstitute(double[] d, double[] rr) {
        for (int a = q - 1; a >= 0; a--) {
            double v = d[a];
            for (int b = a + 1; b < q; b++) {
                v -= r[a][b] * rr[b];
            }
            rr[a] = v / r[a][a];
        }
    }

    /** Adds constraint p (d = J'n_p): rotates d[q+1..dim) to zero into d[q], appends column d[0..q] to R. */
    private void addConstraint(double[] d, int p, double sg, double up) {
        for (int i = dim - 1; i > q; i--) {
            double a = d[i - 1];
            double b = d[i];
            if (b == 0) {
                continue;
            }
            double h = Math.hypot(a, b);
            double c = a / h;
            double sn = b / h;
            d[i - 1] = h;
            d[i] = 0;
            rotateColumns(j[i - 1], j[i], c, sn);
        }
        for (int a = 0; a <= q; a++) {
            r[a][q] = d[a];
        }
        act[q] = p;
        sign[q] = sg;
        u[q] = up;
        q++;
    }

    /** Removes active constraint at position k, restoring R's triangular form by Givens rotations. */
    private void dropConstraint(int k) {
        actIndexRemoved = act[k];
        for (int col = k; col < q - 1; col++) {
            for (int row = 0; row <= col + 1; row++) {
                r[row][col] = r[row][col + 1];
            }
            act[col] = act[col + 1];
            sign[col] = sign[col + 1];
            u[col] = u[col + 1];
        }
        for (int row = 0; row < q; row++) {
            r[row][q - 1] = 0;
        }
        q--;
        for (int col = k; col < q; col++) {
            double a = r[col][col];
            double b = r[col + 1][col];
            if (b == 0) {
                continue;
            }
            double h = Math.hypot(a, b);
            double c = a / h;
            double sn = b / h;
            for (int cc = col; cc < q; cc++) {
                double x1 = r[col][cc];
                double x2 = r[col + 1][cc];
                r[col][cc] = c * x1 + sn * x2;
                r[col + 1][cc] = -sn * x1 + c * x2;
            }
            r[col + 1][col] = 0;
            rotateColumns(j[col], j[col + 1], c, sn);
        }
    }

    private static void rotateColumns(double[] a, double[] b, double c, double s) {
        for (int e = 0; e < a.length; e++) {
            double x1 = a[e];
            double x2 = b[e];
            a[e] = c * x1 + s * x2;
            b[e] = -s * x1 + c * x2;
        }
    }

    private Result result(double[] x, Outcome outcome, int iterations, int passes, double viol) {
        int[] a = Arrays.copyOf(act, q);
        double[] mu = new double[q];
        for (int c = 0; c < q; c++) {
            mu[c] = sign[c] * u[c];
        }
        return new Result(x, a, mu, iterations, passes, outcome, viol);
    }

    private static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        int n = a.length;
        int e = 0;
        for (; e + 1 < n; e += 2) {
            s0 += a[e] * b[e];
            s1 += a[e + 1] * b[e + 1];
        }
        if (e < n) {
            s0 += a[e] * b[e];
        }
        return s0 + s1;
    }

    private static void axpy(double alpha, double[] xv, double[] y) {
        for (int e = 0; e < y.length; e++) {
            y[e] += alpha * xv[e];
        }
    }
}
