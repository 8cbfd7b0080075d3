package org.weir.conformal;

/**
 * Interval bounds for a series of steps (arrays copied in and out).
 *
 * @param lower lower bounds, may hold -infinity
 * @param upper upper bounds, same length, may hold +infinity
 */
public record Intervals(double[] lower, double[] upper) {
    public Intervals {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("lower has " + lower.length + " bounds but upper " + upper.length);
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    public int size() {
        return lower.length;
    }

    public Interval get(int t) {
        return new Interval(lower[t], upper[t]);
    }
}
