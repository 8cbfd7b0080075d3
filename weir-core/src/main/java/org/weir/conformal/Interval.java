package org.weir.conformal;

/**
 * A prediction interval {@code [lower, upper]} for one future value. Bounds may be infinite (a method that
 * cannot certify its level from the data it has, e.g. split conformal with too few calibration points, returns
 * {@code (-inf, +inf)}). A zero-width interval {@code [f, f]} stands for the empty set that adaptive conformal
 * inference issues when its working level reaches 1 (Gibbs and Candes 2021).
 *
 * @param lower lower bound, not NaN, may be -infinity
 * @param upper upper bound, not NaN, at least {@code lower}, may be +infinity
 */
public record Interval(double lower, double upper) {

    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new IllegalArgumentException("interval bounds must not be NaN, got [" + lower + ", " + upper + "]");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("interval lower bound must be <= upper bound, got [" + lower + ", "
                    + upper + "]");
        }
    }

    /** The whole real line. */
    public static Interval unbounded() {
        return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** {@code [center + lowOffset, center + highOffset]}. */
    public static Interval around(double center, double lowOffset, double highOffset) {
        return new Interval(center + lowOffset, center + highOffset);
    }

    /** {@code upper - lower} (infinite for an unbounded interval). */
    public double width() {
        return upper - lower;
    }

    /** Whether {@code lower <= y <= upper}. */
    public boolean contains(double y) {
        return y >= lower && y <= upper;
    }

    /** Whether both bounds are finite. */
    public boolean isBounded() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }
}
