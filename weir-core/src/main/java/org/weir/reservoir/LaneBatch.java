package org.weir.reservoir;

/**
 * B independent sequences ("lanes") of one reservoir advancing together: {@link EchoStateBatch} (double precision,
 * bit-identical to one-sequence stepping) or {@link FloatStateBatch} (single-precision states, about twice the
 * throughput). Lanes are independent; threads owning disjoint lane ranges may call {@link #step(int, int)}
 * concurrently. Mutable.
 */
public interface LaneBatch {
    /** Number of lanes B. */
    int lanes();

    /** Sets every lane's state (and input) to zero. */
    void reset();

    /** Sets one lane's state to zero (a new sequence starts there). */
    void resetLane(int lane);

    /** Sets the input that lane {@code lane} sees at the next step (d values, copied). */
    void input(int lane, double[] input);

    /** Advances every lane by one step. */
    default void step() {
        step(0, lanes());
    }

    /** Advances lanes {@code [from, to)} by one step; other lanes are not touched. */
    void step(int from, int to);

    /** Copies lane {@code lane}'s state (N values) into {@code dst}. */
    void copyState(int lane, double[] dst);

    /** Adds lane {@code lane}'s state to {@code acc} (N values). */
    void addState(int lane, double[] acc);
}
