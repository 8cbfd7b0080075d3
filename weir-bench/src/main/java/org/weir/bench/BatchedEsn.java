package org.weir.bench;

import org.weir.linalg.EllMatrix;
import org.weir.linalg.Kernels;
import org.weir.reservoir.EchoStateReservoir;

/**
 * B sequences of a leaky ESN with 1-D input advancing together on one thread: states interleaved
 * ({@code x[i*B + b]}), one batched sparse product per step (EllMatrix.multiplyBatch), then input,
 * bias, tanh and leak over the block. The same update as EchoStateReservoir.step, lane by lane.
 */
final class BatchedEsn {
    final EllMatrix w;
    final double[] win;
    final double[] bias;
    final double leak;
    final int n;
    final int batch;
    final double[] x;
    final double[] pre;

    BatchedEsn(EchoStateReservoir r, EllMatrix w, int batch) {
        this.w = w;
        this.win = r.inputMatrix();
        this.bias = r.bias();
        this.leak = r.config().leakRate();
        this.n = r.stateDimension();
        this.batch = batch;
        this.x = new double[n * batch];
        this.pre = new double[n * batch];
    }

    /** One step of a single sequence (batch 1): EllMatrix.multiply, input, bias, tanh, leak. */
    void runSingle(double[] u) {
        w.multiply(x, pre);
        double u0 = u[0];
        for (int i = 0; i < n; i++) {
            pre[i] += win[i] * u0 + bias[i];
        }
        Kernels.tanhInPlace(pre, 0, n);
        double keep = 1.0 - leak;
        for (int i = 0; i < n; i++) {
            x[i] = keep * x[i] + leak * pre[i];
        }
    }

    /** Runs steps [t0, t0+steps) with inputs u[t*batch + b]. */
    void run(double[] u, int t0, int steps) {
        int bsz = batch;
        double keep = 1.0 - leak;
        double a = leak;
        for (int t = t0; t < t0 + steps; t++) {
            w.multiplyBatch(x, pre, bsz);
            int uo = t * bsz;
            for (int i = 0; i < n; i++) {
                double wi = win[i];
                double bi = bias[i];
                int o = i * bsz;
                for (int b = 0; b < bsz; b++) {
                    pre[o + b] += wi * u[uo + b] + bi;
                }
            }
            Kernels.tanhInPlace(pre, 0, n * bsz);
            for (int k = 0; k < n * bsz; k++) {
                x[k] = keep * x[k] + a * pre[k];
            }
        }
    }
}
