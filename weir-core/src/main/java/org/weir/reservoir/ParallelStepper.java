package org.weir.reservoir;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.weir.linalg.EllMatrix;

/**
 * Advances ONE sequence of an {@link EchoStateReservoir} with its rows split over several threads. The rows form
 * one part per thread (balanced by non-zeros); a step computes, part by part, {@code x'_i = (1-a) x_i + a f(W_i x
 * + W_in,i u + b_i)} from the previous state into a second buffer (the two swap every step), so the threads meet
 * once per step. Every row does exactly what {@link EchoStateReservoir#step} does, so states are bit-identical to
 * single-threaded stepping.
 *
 * <p>Parts are claimed, not assigned: each thread claims its own part of a step first and then any part no thread
 * has claimed yet. When a thread is descheduled (another process took its core), the others do its parts, so a
 * busy machine makes stepping no slower than one thread would be, instead of stalling every step for a time slice.
 * A thread that falls behind finds the parts of the steps it missed claimed and catches up without work.
 *
 * <p>{@link #run} harvests many steps at once (the threads stay in the run and copy their rows of each state into
 * the output themselves); {@link #step} does one. Idle workers spin briefly, then park, so a stepper costs nothing
 * while unused; {@link #close()} stops them. Worth it when a step has enough work to share (N in the hundreds or
 * more). One stepper serves one caller thread at a time; output feedback is not supported.
 */
public final class ParallelStepper implements AutoCloseable {
    /** Spins on a counter before a waiting thread yields (in a step) or parks (between jobs). */
    private static final int SPINS = 20_000;
    /** Longs between two parts' claim slots, so that they lie on different cache lines. */
    private static final int PAD = 16;

    private final EchoStateReservoir reservoir;
    private final int n;
    private final int d;
    private final int threads;
    private final int[] sliceBounds;
    private final double[] pre;
    private final double[] other; // the second state buffer
    private final double[] single; // the input of a one-step job
    private final Thread[] workers;
    private final AtomicIntegerArray parked; // 1 while a worker is (about to be) parked
    /** Slot {@code p * PAD}: the last global step whose part p was claimed (-1: none yet). Only grows. */
    private final AtomicLongArray claimed;
    /** Parts completed over all jobs: step s is complete when it reaches {@code (s + 1) * threads}. */
    private final AtomicLong finished = new AtomicLong();
    private long nextStep; // global index of the next job's first step (caller only)

    // The current job, written by the caller between two increments of jobSeq (odd while writing): a seqlock, so that
    // a worker copies a consistent job into locals without an allocation per job.
    private volatile long jobSeq;
    private long jobBase;
    private int jobSteps;
    private double[] jobX;
    private double[][] jobInputs; // null: the one input in `single`
    private int jobFrom;
    private double[] jobOut; // null: no output rows
    private int jobOffset;

    private volatile boolean closed;
    private volatile Throwable failure;

    /**
     * @param reservoir the reservoir (without output feedback)
     * @param threads threads sharing each step, the caller included, at least 1 (at most one per 8 rows)
     */
    public ParallelStepper(EchoStateReservoir reservoir, int threads) {
        if (reservoir.feedbackDimension() != 0) {
            throw new IllegalArgumentException("parallel stepping does not support output feedback");
        }
        this.reservoir = reservoir;
        EllMatrix w = reservoir.recurrentKernel();
        if (threads < 1 || threads > w.slices()) {
            throw new IllegalArgumentException("threads must be in [1, " + w.slices() + "] (one per " + EllMatrix.C
                    + " rows), got " + threads);
        }
        this.n = reservoir.stateDimension();
        this.d = reservoir.inputDimension();
        this.threads = threads;
        this.sliceBounds = balance(w, threads);
        this.pre = new double[n];
        this.other = new double[n];
        this.single = new double[d];
        this.claimed = new AtomicLongArray(threads * PAD);
        for (int p = 0; p < threads; p++) {
            claimed.set(p * PAD, -1);
        }
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
        checkOpen();
        checkState(state);
        if (input.length != d) {
            throw new IllegalArgumentException("the reservoir takes " + d + " inputs, got " + input.length);
        }
        System.arraycopy(input, 0, single, 0, d);
        execute(state.values(), null, 0, 1, null, 0);
        state.advance();
    }

    /**
     * Harvests a run of steps: for {@code t} in {@code [0, steps)}, advances {@code state} with
     * {@code inputs[from + t]} and writes the new state to {@code out[outOffset + t N ... + N)} (row-major, one
     * row per step): the same numbers as {@code steps} calls of {@link #step}, each followed by a copy of the
     * state. The threads stay in the run from its first step to its last, meet once per step, and each copies the
     * rows it computed into the output.
     *
     * @param state the state to advance (its values end as the last row written)
     * @param inputs the inputs, each of length d
     * @param from index of the first input used
     * @param steps number of steps, at least 0
     * @param out receives the states, at least {@code outOffset + steps N} long
     * @param outOffset index in {@code out} of the first state's first unit
     */
    public void run(ReservoirState state, double[][] inputs, int from, int steps, double[] out, int outOffset) {
        checkOpen();
        checkState(state);
        if (steps < 0 || from < 0 || from > inputs.length - steps) {
            throw new IllegalArgumentException("steps [" + from + ", " + from + " + " + steps + ") lie outside the "
                    + inputs.length + " inputs");
        }
        if (outOffset < 0 || outOffset > out.length - (long) steps * n) {
            throw new IllegalArgumentException("out has " + out.length + " values; " + steps + " states of " + n
                    + " units from index " + outOffset + " need " + (outOffset + (long) steps * n));
        }
        for (int t = from; t < from + steps; t++) {
            if (inputs[t].length != d) {
                throw new IllegalArgumentException("the reservoir takes " + d + " inputs, input " + t + " has "
                        + inputs[t].length);
            }
        }
        if (steps > 0) {
            execute(state.values(), inputs, from, steps, out, outOffset);
            state.setSteps(state.steps() + steps);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the stepper is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("a stepping thread failed earlier; the stepper cannot be used",
                    failure);
        }
    }

    private void checkState(ReservoirState state) {
        if (state.values().length != n) {
            throw new IllegalArgumentException("state has " + state.values().length + " units, the reservoir " + n);
        }
    }

    /** Publishes a job, does the caller's share (its own part first, then whatever is unclaimed), waits for it. */
    private void execute(double[] x, double[][] inputs, int from, int steps, double[] out, int outOffset) {
        long base = nextStep;
        nextStep += steps;
        jobSeq = jobSeq + 1; // odd: being written
        jobBase = base;
        jobSteps = steps;
        jobX = x;
        jobInputs = inputs;
        jobFrom = from;
        jobOut = out;
        jobOffset = outOffset;
        jobSeq = jobSeq + 1; // even: published
        for (int k = 0; k < workers.length; k++) {
            if (parked.get(k) == 1) {
                LockSupport.unpark(workers[k]);
            }
        }
        try {
            runSteps(0, base, steps, x, inputs, from, out, outOffset);
        } catch (Throwable t) {
            failure = t;
        }
        awaitFinished((base + steps) * threads);
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("a stepping thread failed", t);
        }
        if ((steps & 1) == 1) { // even steps write into x, odd ones into the second buffer
            System.arraycopy(other, 0, x, 0, n);
        }
    }

    private void work(int home) {
        long seen = 0;
        while (true) {
            long seq = jobSeq;
            int spins = 0;
            while ((seq == seen || (seq & 1) == 1) && !closed) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    // flag, then re-check: the caller publishes before reading the flag, so either it sees the
                    // flag and unparks, or this thread sees the new job (no lost wake-up)
                    parked.set(home - 1, 1);
                    if (jobSeq == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parked.set(home - 1, 0);
                    spins = 0;
                }
                seq = jobSeq;
            }
            if (closed) {
                return;
            }
            long base = jobBase;
            int steps = jobSteps;
            double[] x = jobX;
            double[][] inputs = jobInputs;
            int from = jobFrom;
            double[] out = jobOut;
            int offset = jobOffset;
            VarHandle.loadLoadFence();
            if (jobSeq != seq) {
                continue; // a newer job was being written: read again
            }
            seen = seq;
            try {
                runSteps(home, base, steps, x, inputs, from, out, offset);
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /**
     * The steps of one job as seen by one thread: for each step, wait until the previous one is complete, then
     * compute every part this thread can claim, its own first. Step t of the job reads buffer {@code t % 2} (x,
     * then the second buffer) and writes the other one.
     */
    private void runSteps(int home, long base, int steps, double[] x, double[][] inputs, int from, double[] out,
            int offset) {
        for (int t = 0; t < steps; t++) {
            long s = base + t;
            if (!awaitFinished(s * threads)) {
                return;
            }
            double[] src = (t & 1) == 0 ? x : other;
            double[] dst = (t & 1) == 0 ? other : x;
            double[] u = inputs == null ? single : inputs[from + t];
            for (int k = 0; k < threads; k++) {
                int part = home + k < threads ? home + k : home + k - threads;
                if (claim(part, s)) {
                    computePart(part, src, u, dst, out, out == null ? 0 : offset + t * n);
                    finished.incrementAndGet();
                }
            }
        }
    }

    /** True if this thread is the first to claim part p of global step s. */
    private boolean claim(int p, long s) {
        int slot = p * PAD;
        long v = claimed.get(slot);
        while (v < s) {
            if (claimed.compareAndSet(slot, v, s)) {
                return true;
            }
            v = claimed.get(slot);
        }
        return false;
    }

    /** Rows of part p: the reservoir's own row-range update from src into dst, copied into out when given. */
    private void computePart(int p, double[] src, double[] u, double[] dst, double[] out, int rowStart) {
        int s0 = sliceBounds[p];
        int s1 = sliceBounds[p + 1];
        reservoir.updateSlices(src, u, null, pre, dst, s0, s1);
        if (out != null) {
            int r0 = s0 * EllMatrix.C;
            int r1 = Math.min(n, s1 * EllMatrix.C);
            System.arraycopy(dst, r0, out, rowStart + r0, r1 - r0);
        }
    }

    /** Waits until {@code finished} reaches the target; false when a thread failed. */
    private boolean awaitFinished(long target) {
        int spins = 0;
        while (finished.get() < target) {
            if (failure != null) {
                return false;
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return true;
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
