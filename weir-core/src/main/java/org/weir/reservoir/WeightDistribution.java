package org.weir.reservoir;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** Distribution of the non-zero entries of a random weight matrix. */
public enum WeightDistribution {
    /** Standard normal N(0, 1) (variance 1). */
    NORMAL(1.0),
    /** Uniform on [-1, 1) (variance 1/3). */
    UNIFORM(1.0 / 3.0),
    /** Bernoulli +-1 with equal probability (variance 1). */
    BERNOULLI(1.0);

    private final double variance;

    WeightDistribution(double variance) {
        this.variance = variance;
    }

    /** Variance of one draw. */
    public double variance() {
        return variance;
    }

    /** One draw. */
    public double sample(RandomGenerator rnd) {
        switch (this) {
            case NORMAL:
                return rnd.nextGaussian();
            case UNIFORM:
                return 2.0 * rnd.nextDouble() - 1.0;
            default:
                return rnd.nextBoolean() ? 1.0 : -1.0;
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WeightDistribution parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weight distribution must be normal, uniform or bernoulli; got '" + s + "'");
        }
    }
}
