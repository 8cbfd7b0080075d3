package org.weir.reservoir;

import org.weir.linalg.Activation;
import org.weir.linalg.EllMatrix;
import org.weir.linalg.Kernels;

/**
 * B independent sequences ("lanes") of one {@link EchoStateReservoir} advancing together. States are stored
 * interleaved ({@code x[i*B + b]}: unit i of lane b), so one batched sparse product per step
 * ({@link EllMatrix#multiplyBatch}) reads every recurrent weight once for all B lanes with contiguous loads
 * instead of one gather per weight and lane; input, bias, activation and leak follow over the block.
 *
 * <p>Every lane computes exactly what {@link EchoStateReservoir#step} computes for one sequence (the same
 * fused multiply-add chains, the same input sums, the same activation kernel): states are bit-identical.
 * Lanes are independent, so threads that own disjoint lane ranges may call {@link #step(int, int)}
 * concurrently (after writing their lanes' inputs). Mutable; one batch per thread group. Output feedback is
 * not supported (its lanes would need their own teacher signals): build the reservoir without it.
 */
public final class EchoStateBatch implements LaneBatch {
    private final EchoStateReservoir reservoir;
    private final EllMatrix w;
    private final double[] win;
    private final double[] bias;
    private final double leak;
    private final Activation activation;
    private final int n;
    private final int d;
    private final int lanes;
    private final double[] x;
    private final double[] pre;
    private final double[] u; // lane-major inputs: u[b*d + j]

    /**
     * @param reservoir the reservoir every lane runs (without output feedback)
     * @param lanes number of sequences B, at least 1
     */
    public EchoStateBatch(EchoStateReservoir reservoir, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("a batch needs at least 1 lane, got " + lanes);
        }
        if (reservoir.feedbackDimension() != 0) {
            throw new IllegalArgumentException("batched stepping does not support output feedback (the reservoir"
                    + " feeds back " + reservoir.feedbackDimension() + " outputs)");
        }
        this.reservoir = reservoir;
        this.w = reservoir.recurrentKernel();
        this.win = reservoir.inputMatrix();
        this.bias = reservoir.bias();
        this.leak = reservoir.config().leakRate();
        this.activation = reservoir.config().activation();
        this.n = reservoir.stateDimension();
        this.d = reservoir.inputDimension();
        this.lanes = lanes;
        this.x = new double[Math.multiplyExact(n, lanes)];
        this.pre = new double[n * lanes];
        this.u = new double[Math.multiplyExact(d, lanes)];
    }

    public EchoStateReservoir reservoir() {
        return reservoir;
    }

    /** Number of lanes B. */
    @Override
    public int lanes() {
        return lanes;
    }

    /** Sets every lane's state (and input) to zero. */
    @Override
    public void reset() {
        java.util.Arrays.fill(x, 0.0);
        java.util.Arrays.fill(u, 0.0);
    }

    /** Sets one lane's state to zero (a new sequence starts there). */
    @Override
    public void resetLane(int lane) {
        checkLane(lane);
        for (int i = 0; i < n; i++) {
            x[i * lanes + lane] = 0.0;
        }
    }

    /** Sets the input that lane {@code lane} sees at the next step (d values, copied). */
    @Override
    public void input(int lane, double[] input) {
        checkLane(lane);
        if (input.length != d) {
            throw new IllegalArgumentException("the reservoir takes " + d + " inputs, got " + input.length);
        }
        System.arraycopy(input, 0, u, lane * d, d);
    }

    /**
     * Advances lanes {@code [from, to)} by one step: {@code x <- (1-a) x + a f(W x + W_in u + b)} per lane.
     * Other lanes are not touched.
     */
    @Override
    public void step(int from, int to) {
        LaneChecks.range(from, to, lanes);
        if (from == to) {
            return;
        }
        w.multiplyBatch(x, pre, lanes, from, to);
        int bsz = lanes;
        if (d == 1) {
            for (int i = 0; i < n; i++) {
                double wi = win[i];
                double bi = bias[i];
                int o = i * bsz;
                for (int b = from; b < to; b++) {
                    pre[o + b] += wi * u[b] + bi; // as EchoStateReservoir.update for one input
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                int o = i * bsz;
                for (int b = from; b < to; b++) {
                    pre[o + b] += bias[i];
                    pre[o + b] += Kernels.dot(win, i * d, u, b * d, d); // as Kernels.denseMultiplyAdd per row
                }
            }
        }
        double keep = 1.0 - leak;
        if (from == 0 && to == lanes) {
            activation.applyInPlace(pre, 0, n * bsz);
            if (leak == 1.0) {
                System.arraycopy(pre, 0, x, 0, n * bsz);
            } else {
                for (int k = 0; k < n * bsz; k++) {
                    x[k] = keep * x[k] + leak * pre[k];
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int o = i * bsz;
            activation.applyInPlace(pre, o + from, o + to);
            for (int k = o + from; k < o + to; k++) {
                x[k] = leak == 1.0 ? pre[k] : keep * x[k] + leak * pre[k];
            }
        }
    }

    /** Unit {@code i} of lane {@code lane}'s state. */
    public double value(int lane, int i) {
        return x[i * lanes + lane];
    }

    /** Copies lane {@code lane}'s state (N values) into {@code dst}. */
    @Override
    public void copyState(int lane, double[] dst) {
        checkLane(lane);
        for (int i = 0; i < n; i++) {
            dst[i] = x[i * lanes + lane];
        }
    }

    /** Adds lane {@code lane}'s state to {@code acc} (N values). */
    @Override
    public void addState(int lane, double[] acc) {
        checkLane(lane);
        for (int i = 0; i < n; i++) {
            acc[i] += x[i * lanes + lane];
        }
    }

    private void checkLane(int lane) {
        LaneChecks.lane(lane, lanes);
    }
}
