package org.weir.reservoir;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.weir.linalg.EllMatrix;

/**
 * Advances ONE sequence of an {@link EchoStateReservoir} with its rows split over several threads: each
 * thread computes {@code f(W_i x + W_in,i u + b_i)} for a block of rows (balanced by non-zeros), all threads
 * meet (every read of x is done), then each leaks its own rows of x in place,
 * {@code x_i <- (1-a) x_i + a f(...)}: no second state buffer, no serial copy. Every row does exactly what
 * {@link EchoStateReservoir#step} does, so states are bit-identical to single-threaded stepping.
 *
 * <p>The worker threads wait for the next step by spinning briefly and then parking, so a stepper costs
 * nothing while idle; {@link #close()} stops them. Worth it when a step has enough work to share (N in the
 * hundreds or more) and the threads have cores of their own. One stepper serves one caller thread at a time;
 * output feedback is not supported.
 */
public final class ParallelStepper implements AutoCloseable {
    /** Spins on the step counter before a worker parks. */
    private static final int SPINS = 20_000;

    private final EchoStateReservoir reservoir;
    private final EllMatrix w;
    private final int n;
    private final int d;
    private final int threads;
    private final int[] sliceBounds;
    private final double[] u;
    private final double[] pre;
    private final Thread[] workers;
    private final AtomicIntegerArray parked; // 1 while a worker is (about to be) parked
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger read = new AtomicInteger(); // parts finished reading x this step
    private volatile long epoch;
    private volatile boolean closed;
    private volatile Throwable failure;
    private double[] x;

    /**
     * @param reservoir the reservoir (without output feedback)
     * @param threads threads sharing each step, the caller included, at least 1 (at most one per 8 rows)
     */
    public ParallelStepper(EchoStateReservoir reservoir, int threads) {
        if (reservoir.feedbackDimension() != 0) {
            throw new IllegalArgumentException("parallel stepping does not support output feedback");
        }
        this.reservoir = reservoir;
        this.w = reservoir.recurrentKernel();
        if (threads < 1 || threads > w.slices()) {
            throw new IllegalArgumentException("threads must be in [1, " + w.slices() + "] (one per " + EllMatrix.C
                    + " rows), got " + threads);
        }
        this.n = reservoir.stateDimension();
        this.d = reservoir.inputDimension();
        this.threads = threads;
        this.sliceBounds = balance(w, threads);
        this.u = new double[d];
        this.pre = new double[n];
        this.workers = new Thread[threads - 1];
        this.parked = new AtomicIntegerArray(Math.max(1, threads - 1));
        for (int k = 1; k < threads; k++) {
            int part = k;
            Thread t = new Thread(() -> work(part), "weir-step-" + k);
            t.setDaemon(true);
            workers[k - 1] = t;
            t.start();
        }
    }

    /** Slice boundaries giving every part about the same number of stored entries. */
    private static int[] balance(EllMatrix w, int parts) {
        int slices = w.slices();
        int[] b = new int[parts + 1];
        double total = w.storedEntriesBefore(slices);
        int s = 0;
        for (int p = 1; p < parts; p++) {
            double target = total * p / parts;
            while (s < slices && w.storedEntriesBefore(s) < target) {
                s++;
            }
            b[p] = Math.max(b[p - 1] + 1, Math.min(s, slices - (parts - p)));
        }
        b[parts] = slices;
        return b;
    }

    /** Threads sharing each step. */
    public int threads() {
        return threads;
    }

    /** One step of {@code state} with the input u, like {@link EchoStateReservoir#step}. */
    public void step(ReservoirState state, double[] input) {
        if (closed) {
            throw new IllegalStateException("the stepper is closed");
        }
        if (input.length != d) {
            throw new IllegalArgumentException("the reservoir takes " + d + " inputs, got " + input.length);
        }
        if (state.values().length != n) {
            throw new IllegalArgumentException("state has " + state.values().length + " units, the reservoir " + n);
        }
        System.arraycopy(input, 0, u, 0, d);
        x = state.values();
        done.set(0);
        read.set(0);
        epoch = epoch + 1; // publishes u and x to the workers
        for (int k = 0; k < workers.length; k++) {
            if (parked.get(k) == 1) {
                LockSupport.unpark(workers[k]);
            }
        }
        compute(0);
        int spins = 0;
        while (done.get() < threads - 1) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("a stepping thread failed", t);
        }
        state.advance();
    }

    private void work(int part) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (epoch == seen && !closed) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    // flag, then re-check: the caller bumps epoch before reading the flag, so either it sees
                    // the flag and unparks, or this thread sees the new epoch (no lost wake-up)
                    parked.set(part - 1, 1);
                    if (epoch == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parked.set(part - 1, 0);
                    spins = 0;
                }
            }
            if (closed) {
                return;
            }
            seen = epoch;
            try {
                compute(part);
            } catch (Throwable t) {
                failure = t;
            }
            done.incrementAndGet();
        }
    }

    /**
     * Rows of one part, through the reservoir's own row-range update split in two: every part computes its rows of
     * {@code f(W x + ...)} (reading all of x), waits until all parts have, then leaks its own rows of x in place.
     * No copy of the new state and no second buffer: each core writes only its own rows.
     */
    private void compute(int part) {
        int s0 = sliceBounds[part];
        int s1 = sliceBounds[part + 1];
        try {
            reservoir.preactivateSlices(x, u, null, pre, s0, s1);
        } finally {
            read.incrementAndGet();
        }
        int spins = 0;
        while (read.get() < threads) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        if (failure == null) {
            reservoir.leakSlices(x, pre, x, s0, s1);
        }
    }

    /** Stops the worker threads (idempotent). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
