package org.weir.cli;

/**
 * Checks whether K threads really run at the same time right now: the same fixed, cache-resident arithmetic is
 * timed on one thread and then on K threads at once; {@code efficiency = time(1) / time(K)} is 1 when the K threads
 * had K cores and about 1/K when they shared one (another process, or a host that time-slices this machine's virtual
 * cores). Multi-threaded benchmark figures are only comparable when it is near 1, so {@code weir bench} reports it
 * next to them. Takes about 0.1-0.3 s.
 *
 * <p>{@link #handoffNanos()} times how long one thread's write takes to reach another spinning on it (a cache line
 * travelling between two cores): a multi-threaded step that exchanges its state every step slows down when the two
 * threads land on cores far apart (on this machine's host: about 40-80 ns on near cores, 200 ns and more on far
 * ones, changing while a program runs).
 */
final class ParallelismProbe {
    /** Iterations of the multiply-add chains per thread (about 40 ms on a 3 GHz core). */
    private static final long ITERATIONS = 8_000_000L;

    private ParallelismProbe() {
    }

    /**
     * One thread's work: sixteen independent multiply-add chains, more than the floating-point units can overlap, so
     * that the time measures a core's arithmetic throughput (two threads sharing one core's units take twice as long).
     */
    static double work(long iterations) {
        double a0 = 1, a1 = 1, a2 = 1, a3 = 1, a4 = 1, a5 = 1, a6 = 1, a7 = 1;
        double b0 = 1, b1 = 1, b2 = 1, b3 = 1, b4 = 1, b5 = 1, b6 = 1, b7 = 1;
        double m = 0.9999999;
        double c = 1e-9;
        for (long i = 0; i < iterations; i++) {
            a0 = a0 * m + c;
            a1 = a1 * m + c;
            a2 = a2 * m + c;
            a3 = a3 * m + c;
            a4 = a4 * m + c;
            a5 = a5 * m + c;
            a6 = a6 * m + c;
            a7 = a7 * m + c;
            b0 = b0 * m + c;
            b1 = b1 * m + c;
            b2 = b2 * m + c;
            b3 = b3 * m + c;
            b4 = b4 * m + c;
            b5 = b5 * m + c;
            b6 = b6 * m + c;
            b7 = b7 * m + c;
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7;
    }

    /**
     * {@code time(1) / time(threads)} for the same per-thread work, the best of three tries of each (after a
     * warm-up), so that a single preemption does not decide it.
     *
     * @param threads threads to run at once, at least 2
     */
    static double efficiency(int threads) {
        if (threads < 2) {
            throw new IllegalArgumentException("threads must be at least 2, got " + threads);
        }
        work(ITERATIONS / 10);
        long one = Long.MAX_VALUE;
        long many = Long.MAX_VALUE;
        for (int trial = 0; trial < 3; trial++) {
            long t0 = System.nanoTime();
            double sink = work(ITERATIONS);
            one = Math.min(one, System.nanoTime() - t0);
            many = Math.min(many, together(threads));
            if (sink == 0) {
                throw new AssertionError("unreachable: keeps the work alive");
            }
        }
        return Math.min(1.0, (double) one / many);
    }

    /** Nanoseconds for {@code threads} threads (the caller and threads - 1 more) each doing the work once. */
    private static long together(int threads) {
        Thread[] others = new Thread[threads - 1];
        double[] sinks = new double[threads];
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int k = 0; k < others.length; k++) {
            int slot = k + 1;
            others[k] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sinks[slot] = work(ITERATIONS);
            }, "weir-parallelism-probe");
            others[k].setDaemon(true);
            others[k].start();
        }
        long t0 = System.nanoTime();
        go.countDown();
        sinks[0] = work(ITERATIONS);
        try {
            for (Thread t : others) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing parallelism", e);
        }
        return System.nanoTime() - t0;
    }

    /**
     * Median over five tries of the one-way time, in nanoseconds, for a value written by one thread to be seen by
     * another thread spinning on it (20,000 round trips per try).
     */
    static double handoffNanos() {
        double[] tries = new double[5];
        pingPong(2_000);
        for (int k = 0; k < tries.length; k++) {
            tries[k] = pingPong(20_000);
        }
        java.util.Arrays.sort(tries);
        return tries[tries.length / 2];
    }

    /** One-way nanoseconds per hand-off over {@code rounds} round trips between the caller and one thread. */
    private static double pingPong(int rounds) {
        java.util.concurrent.atomic.AtomicLong turn = new java.util.concurrent.atomic.AtomicLong();
        long end = 2L * rounds;
        Thread other = new Thread(() -> {
            for (long i = 1; i < end; i += 2) {
                while (turn.get() != i) {
                    Thread.onSpinWait();
                }
                turn.set(i + 1);
            }
        }, "weir-handoff-probe");
        other.setDaemon(true);
        other.start();
        long t0 = System.nanoTime();
        for (long i = 0; i < end; i += 2) {
            while (turn.get() != i) {
                Thread.onSpinWait();
            }
            turn.set(i + 1);
        }
        while (turn.get() != end) {
            Thread.onSpinWait();
        }
        long t1 = System.nanoTime();
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing hand-off latency", e);
        }
        return (t1 - t0) / (double) end;
    }
}
