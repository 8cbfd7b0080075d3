package org.weir.reservoir;

/** Argument checks shared by the batch kinds ({@link EchoStateBatch}, {@link FloatStateBatch}). */
final class LaneChecks {
    private LaneChecks() {
    }

    /** A lane index in [0, lanes). */
    static void lane(int lane, int lanes) {
        if (lane < 0 || lane >= lanes) {
            throw new IllegalArgumentException("lane " + lane + " is outside [0, " + lanes + ")");
        }
    }

    /** A lane range [from, to) within [0, lanes]. */
    static void range(int from, int to, int lanes) {
        if (from < 0 || to > lanes || from > to) {
            throw new IllegalArgumentException("lanes [" + from + ", " + to + ") must lie in [0, " + lanes + "]");
        }
    }
}
