package org.weir.constrained;

/**
 * Limited-memory BFGS for {@code min F(x)} subject to {@code x_i >= lower_i} (lower may be {@code -infinity}),
 * in the projected form of Kim, Sra and Dhillon ("Tackling box-constrained optimization via a new projected
 * quasi-Newton approach", SIAM J. Sci. Comput. 2010): the quasi-Newton direction is computed on the
 * variables not held at their bound, the step is projected, and an Armijo search along the projection arc
 * accepts it (Bertsekas, Nonlinear Programming, sec. 2.3).
 */
final class ProjectedLbfgs {
    /** The function: returns F(x) and writes its gradient. */
    interface Function {
        double evaluate(double[] x, double[] gradient);
    }

    /** Called after every accepted step; returns true to stop. */
    interface Monitor {
        boolean accept(int iteration, double[] x, double value, double[] gradient);
    }

    private final int memory;
    private final int maxIterations;
    private final double tolerance;

    ProjectedLbfgs(int memory, int maxIterations, double tolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Runs from x (modified: holds the last iterate); returns the number of iterations done. */
    int minimize(Function fn, double[] x, double[] lower, Monitor monitor) {
        int n = x.length;
        project(x, lower);
        double[] g = new double[n];
        double fx = fn.evaluate(x, g);
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        int stored = 0;
        int head = 0;
        double[] d = new double[n];
        double[] xn = new double[n];
        double[] gn = new double[n];
        double[] alpha = new double[memory];
        boolean[] fixed = new boolean[n];
        if (monitor != null && monitor.accept(0, x, fx, g)) {
            return 0;
        }
        int it = 1;
        int stalls = 0;
        for (; it <= maxIterations; it++) {
            double pgNorm = 0;
            for (int i = 0; i < n; i++) {
                fixed[i] = x[i] <= lower[i] && g[i] > 0;
                double pg = fixed[i] ? 0 : g[i];
                if (x[i] <= lower[i] && g[i] > 0) {
                    pg = 0;
                }
                pgNorm = Math.max(pgNorm, Math.abs(pg));
            }
            if (pgNorm <= tolerance) {
                break;
            }
            // two-loop recursion on the free variables
            for (int i = 0; i < n; i++) {
                d[i] = fixed[i] ? 0 : -g[i];
            }
            int idx = head;
            for (int m = 0; m < stored; m++) {
                idx = (idx - 1 + memory) % memory;
                double a = rho[idx] * dotFree(s[idx], d, fixed);
                alpha[idx] = a;
                axpyFree(-a, y[idx], d, fixed);
            }
            double gamma = 1.0;
            if (stored > 0) {
                int last = (head - 1 + memory) % memory;
                double yy = dotFree(y[last], y[last], fixed);
                double sy = dotFree(s[last], y[last], fixed);
                if (yy > 0 && sy > 0) {
                    gamma = sy / yy;
                }
            } else {
                gamma = 1.0 / Math.max(pgNorm, 1e-300);
            }
            for (int i = 0; i < n; i++) {
                d[i] *= gamma;
            }
            for (int m = 0; m < stored; m++) {
                double b = rho[idx] * dotFree(y[idx], d, fixed);
                axpyFree(alpha[idx] - b, s[idx], d, fixed);
                idx = (idx + 1) % memory;
            }
            double gd = 0;
            for (int i = 0; i < n; i++) {
                gd += g[i] * d[i];
            }
            if (!(gd < 0)) {
                for (int i = 0; i < n; i++) {
                    d[i] = fixed[i] ? 0 : -g[i] * (stored > 0 ? gamma : 1.0 / Math.max(pgNorm, 1e-300));
                }
                stored = 0;
            }
            double t = 1.0;
            double fn2 = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                double dec = 0;
                for (int i = 0; i < n; i++) {
                    double v = x[i] + t * d[i];
                    xn[i] = v < lower[i] ? lower[i] : v;
                    dec += g[i] * (xn[i] - x[i]);
                }
                fn2 = fn.evaluate(xn, gn);
                if (Double.isFinite(fn2) && fn2 <= fx + 1e-4 * dec) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double sy = 0;
            for (int i = 0; i < n; i++) {
                s[head][i] = xn[i] - x[i];
                y[head][i] = gn[i] - g[i];
                sy += s[head][i] * y[head][i];
            }
            if (sy > 1e-300) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(xn, 0, x, 0, n);
            System.arraycopy(gn, 0, g, 0, n);
            stalls = Math.abs(fx - fn2) <= 1e-15 * Math.max(1.0, Math.abs(fx)) ? stalls + 1 : 0;
            fx = fn2;
            if (stalls >= 5) {
                if (monitor != null) {
                    monitor.accept(it, x, fx, g);
                }
                return it;
            }
            if (monitor != null && monitor.accept(it, x, fx, g)) {
                return it;
            }
        }
        return Math.min(it, maxIterations);
    }

    private static void project(double[] x, double[] lower) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < lower[i]) {
                x[i] = lower[i];
            }
        }
    }

    private static double dotFree(double[] a, double[] b, boolean[] fixed) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (!fixed[i]) {
                s += a[i] * b[i];
            }
        }
        return s;
    }

    private static void axpyFree(double a, double[] xv, double[] y, boolean[] fixed) {
        for (int i = 0; i < y.length; i++) {
            if (!fixed[i]) {
                y[i] += a * xv[i];
            }
        }
    }
}
