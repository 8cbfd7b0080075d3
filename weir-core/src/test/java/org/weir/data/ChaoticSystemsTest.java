package org.weir.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChaoticSystemsTest {
    private static double maxDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int t = 0; t < a.length; t++) {
            for (int j = 0; j < a[t].length; j++) {
                m = Math.max(m, Math.abs(a[t][j] - b[t][j]));
            }
        }
        return m;
    }

    /** One RK4 step of size h on Lorenz from (1,1,1), written out by hand. */
    @Test
    void lorenzFirstStepIsHandComputedRk4() {
        double h = 0.01;
        double s = 10;
        double r = 28;
        double b = 8.0 / 3.0;
        double[] x = {1, 1, 1};
        double[] k1 = {s * (x[1] - x[0]), x[0] * (r - x[2]) - x[1], x[0] * x[1] - b * x[2]}; // (0, 26, 1-8/3)
        assertArrayEquals(new double[] {0, 26, 1 - 8.0 / 3.0}, k1, 1e-15);
        double[] p = {x[0] + h / 2 * k1[0], x[1] + h / 2 * k1[1], x[2] + h / 2 * k1[2]};
        double[] k2 = {s * (p[1] - p[0]), p[0] * (r - p[2]) - p[1], p[0] * p[1] - b * p[2]};
        double[] q = {x[0] + h / 2 * k2[0], x[1] + h / 2 * k2[1], x[2] + h / 2 * k2[2]};
        double[] k3 = {s * (q[1] - q[0]), q[0] * (r - q[2]) - q[1], q[0] * q[1] - b * q[2]};
        double[] w = {x[0] + h * k3[0], x[1] + h * k3[1], x[2] + h * k3[2]};
        double[] k4 = {s * (w[1] - w[0]), w[0] * (r - w[2]) - w[1], w[0] * w[1] - b * w[2]};
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = x[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        double[][] traj = new Lorenz63(10, 28, 8.0 / 3.0, h, 1).generate(2, x);
        assertArrayEquals(x, traj[0], 0.0);
        assertArrayEquals(expected, traj[1], 1e-14);
    }

    @Test
    void lorenzAgreesWithHundredTimesFinerIntegration() {
        Lorenz63 std = Lorenz63.standard();
        // over t = 5 (about 4.5 Lyapunov times); beyond that chaos amplifies every rounding difference
        double[][] a = std.generate(250);
        double[][] fine = std.withSubsteps(1000).generate(250);
        double d = maxDiff(a, fine);
        System.out.println("Lorenz63 dt=0.02, 10 vs 1000 substeps, 250 samples (t=5): max diff " + d);
        assertTrue(d < 5e-6, "max diff " + d);
        // and the step really is fourth order: halving the internal step cuts the error about 16x
        double[][] coarse = std.withSubsteps(1).generate(50);
        double[][] half = std.withSubsteps(2).generate(50);
        double[][] ref = std.withSubsteps(200).generate(50);
        double ratio = maxDiff(coarse, ref) / maxDiff(half, ref);
        assertTrue(ratio > 12 && ratio < 20, "error ratio " + ratio);
    }

    /** The Lorenz field is symmetric under (x, y, z) -> (-x, -y, z); RK4 keeps it bit for bit. */
    @Test
    void lorenzMirrorSymmetry() {
        double[][] a = Lorenz63.standard().generate(500, new double[] {1, 2, 3});
        double[][] m = Lorenz63.standard().generate(500, new double[] {-1, -2, 3});
        for (int t = 0; t < a.length; t++) {
            assertArrayEquals(new double[] {-a[t][0], -a[t][1], a[t][2]}, m[t], 0.0, "t=" + t);
        }
    }

    /** Divergence of the Lorenz field is -(sigma + 1 + beta) everywhere (phase volume contracts). */
    @Test
    void lorenzDivergence() {
        Lorenz63 l = Lorenz63.standard();
        double eps = 1e-6;
        for (double[] p : new double[][] {{1, 2, 3}, {-8, 4, 30}, {0.5, -12, 7}}) {
            double div = 0;
            for (int i = 0; i < 3; i++) {
                double[] plus = p.clone();
                double[] minus = p.clone();
                plus[i] += eps;
                minus[i] -= eps;
                double[] fp = new double[3];
                double[] fm = new double[3];
                l.derivative(plus, fp);
                l.derivative(minus, fm);
                div += (fp[i] - fm[i]) / (2 * eps);
            }
            assertEquals(-(10 + 1 + 8.0 / 3.0), div, 1e-7);
        }
    }

    /** The equilibrium C+ = (sqrt(beta(rho-1)), sqrt(beta(rho-1)), rho-1) stays put over a short run. */
    @Test
    void lorenzFixedPoint() {
        double c = Math.sqrt(8.0 / 3.0 * 27);
        double[][] t = Lorenz63.standard().generate(20, new double[] {c, c, 27});
        assertArrayEquals(new double[] {c, c, 27}, t[19], 1e-10);
    }

    @Test
    void lorenzStaysOnTheAttractor() {
        double[][] t = Lorenz63.standard().generate(5000);
        for (int i = 500; i < t.length; i++) {
            assertTrue(Math.abs(t[i][0]) < 25 && Math.abs(t[i][1]) < 35 && t[i][2] > 0 && t[i][2] < 55, "t=" + i);
        }
    }

    @Test
    void rosslerAgreesWithFinerIntegrationAndHandStep() {
        Rossler r = Rossler.standard();
        double[][] a = r.generate(500);
        double[][] fine = r.withSubsteps(1000).generate(500);
        double d = maxDiff(a, fine);
        System.out.println("Rossler dt=0.1, 10 vs 1000 substeps, 500 samples (t=50): max diff " + d);
        assertTrue(d < 1e-6, "max diff " + d);
        // one Euler-accurate check of the field at the ReservoirPy initial state: f(-0.1, 0, 0.02)
        double[] f = new double[3];
        r.derivative(new double[] {-0.1, 0, 0.02}, f);
        assertArrayEquals(new double[] {-0.02, -0.1, 0.2 + 0.02 * (-0.1 - 5.7)}, f, 1e-16);
    }

    /** The Rössler equilibrium x = (c - sqrt(c^2 - 4ab))/2, y = -x/a, z = x/a. */
    @Test
    void rosslerFixedPoint() {
        double a = 0.2;
        double b = 0.2;
        double c = 5.7;
        double x = (c - Math.sqrt(c * c - 4 * a * b)) / 2;
        double[] eq = {x, -x / a, x / a};
        double[] f = new double[3];
        Rossler.standard().derivative(eq, f);
        assertArrayEquals(new double[3], f, 1e-15);
        double[][] t = Rossler.standard().generate(10, eq);
        assertArrayEquals(eq, t[9], 1e-10);
    }

    @Test
    void seriesDropTransient() {
        TimeSeries ts = Lorenz63.standard().generateSeries(100, new double[] {1, 1, 1}, 50);
        double[][] all = Lorenz63.standard().generate(150);
        assertEquals(100, ts.length());
        assertArrayEquals(all[50], ts.toRows()[0], 0.0);
        assertArrayEquals(new double[] {all[149][2]}, new double[] {ts.value(99, 2)}, 0.0);
    }

    @Test
    void defaultConstructorsAreTheStandardSystems() {
        assertEquals(Lorenz63.standard(), new Lorenz63());
        assertEquals(Rossler.standard(), new Rossler());
        assertEquals(MackeyGlass.standard(), new MackeyGlass());
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> new Lorenz63(10, 28, 8.0 / 3.0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Lorenz63(10, 28, 8.0 / 3.0, 0.01, 0));
        assertThrows(IllegalArgumentException.class, () -> new Rossler(Double.NaN, 0.2, 5.7, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> Rossler.standard().generate(10, new double[2]));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Lorenz63(10, 28, 8.0 / 3.0, 5.0, 1).generate(200));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }
}
