package org.weir.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The Rössler system {@code x' = -y - z, y' = x + a y, z' = b + z (x - c)} (O. E. Rössler, "An
 * equation for continuous chaos", Phys. Lett. A 57, 1976).
 *
 * <p>Integrator: classic fourth-order Runge-Kutta with {@code substeps} equal internal steps per
 * sampling step {@code dt}; the defaults (dt 0.1, 10 sub-steps, internal step 0.01) agree with a 100x
 * finer integration to 5e-7 over 500 samples (t = 50; see the tests). Row 0 is the initial state.
 *
 * @param a finite
 * @param b finite
 * @param c finite
 * @param dt sampling step, finite and {@code > 0}
 * @param substeps RK4 steps per sample, {@code >= 1}
 */
public record Rossler(double a, double b, double c, double dt, int substeps) {

    /** Validates every parameter. */
    public Rossler {
        MackeyGlass.requireFinite("a", a);
        MackeyGlass.requireFinite("b", b);
        MackeyGlass.requireFinite("c", c);
        Rk4.validate(dt, substeps, 0, new double[3], 3);
    }

    /** The chaotic standard: a 0.2, b 0.2, c 5.7, dt 0.1, 10 sub-steps. */
    public Rossler() {
        this(0.2, 0.2, 5.7, 0.1, 10);
    }

    /** The chaotic standard: a 0.2, b 0.2, c 5.7, dt 0.1, 10 sub-steps. */
    public static Rossler standard() {
        return new Rossler(0.2, 0.2, 5.7, 0.1, 10);
    }

    /** This system with another sampling step. */
    public Rossler withDt(double newDt) {
        return new Rossler(a, b, c, newDt, substeps);
    }

    /** This system with another number of RK4 sub-steps per sample. */
    public Rossler withSubsteps(int newSubsteps) {
        return new Rossler(a, b, c, dt, newSubsteps);
    }

    /** The vector field at {@code s} (not modified) into {@code out} (modified, length 3). */
    public void derivative(double[] s, double[] out) {
        double x = s[0];
        double y = s[1];
        double z = s[2];
        out[0] = -y - z;
        out[1] = x + a * y;
        out[2] = b + z * (x - c);
    }

    /** {@code steps} samples from ReservoirPy's default initial state (-0.1, 0, 0.02), as a steps x 3 array. */
    public double[][] generate(int steps) {
        return generate(steps, new double[] {-0.1, 0.0, 0.02});
    }

    /** {@code steps} samples from {@code initial} (length 3, not modified), as a steps x 3 array. */
    public double[][] generate(int steps, double[] initial) {
        Rk4.validate(dt, substeps, steps, initial, 3);
        return Rk4.integrate(this::derivative, initial, dt, substeps, steps, "Rossler");
    }

    /** As {@link #generate(int, double[])} after dropping {@code discard} leading samples, as a TimeSeries x, y, z. */
    public TimeSeries generateSeries(int steps, double[] initial, int discard) {
        if (discard < 0) {
            throw new IllegalArgumentException("discard must be >= 0, got " + discard);
        }
        double[][] all = generate(steps + discard, initial);
        List<double[]> kept = new ArrayList<>(all.length - discard);
        for (int i = discard; i < all.length; i++) {
            kept.add(all[i]);
        }
        return TimeSeries.fromRows("rossler", List.of("x", "y", "z"), kept.toArray(new double[0][]));
    }
}
