package org.weir.readout;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs another {@link Readout.Fit}'s accumulation on a second thread while the caller keeps producing rows
 * (for a reservoir: harvesting the next states while the Gram matrix of the previous ones accumulates).
 * Rows are copied into chunks; full chunks pass through a bounded queue to one worker thread that hands
 * them, in order, to the wrapped fit. The wrapped fit therefore sees exactly the same calls in exactly the
 * same order as without the pipeline, and its result is bit-identical; only the wall time changes, to about
 * {@code max(harvest, accumulate)} instead of their sum on two or more cores.
 *
 * <p>Close it (try-with-resources) when the rows are abandoned before {@link #finish()}: the worker stops.
 * An exception thrown by the wrapped fit on the worker is rethrown by the next {@link #add} or
 * {@link #finish()} on the caller's thread. Not for use by several producer threads at once.
 */
public final class PipelinedFit implements Readout.Fit, AutoCloseable {
    /** Rows per chunk handed to the worker. */
    static final int CHUNK_ROWS = 256;
    /** Chunks that may wait for the worker (the producer blocks beyond). */
    static final int QUEUE_CHUNKS = 16;

    private static final Chunk END = new Chunk(0, 0, 0);

    private final Readout.Fit inner;
    private final int features;
    private final int outputs;
    private final BlockingQueue<Chunk> toWorker = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final BlockingQueue<Chunk> recycled = new ArrayBlockingQueue<>(QUEUE_CHUNKS + 2);
    private final Thread worker;
    private volatile Throwable failure;
    private Chunk current;
    private long count;
    private boolean ended;
    private boolean closed;

    private static final class Chunk {
        final double[][] x;
        final double[][] y;
        int rows;

        Chunk(int capacity, int features, int outputs) {
            x = new double[capacity][features];
            y = new double[capacity][outputs];
        }
    }

    /**
     * @param inner the fit that receives the rows, on the worker thread
     * @param features length of every x
     * @param outputs length of every y
     */
    public PipelinedFit(Readout.Fit inner, int features, int outputs) {
        if (inner == null) {
            throw new IllegalArgumentException("the wrapped fit must not be null");
        }
        if (features < 0 || outputs < 1) {
            throw new IllegalArgumentException("need features >= 0 and outputs >= 1, got " + features + " and " + outputs);
        }
        this.inner = inner;
        this.features = features;
        this.outputs = outputs;
        this.current = new Chunk(CHUNK_ROWS, features, outputs);
        this.worker = new Thread(this::work, "weir-readout-accumulator");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** True when a second core is there to overlap the two halves of the work. */
    public static boolean worthwhile() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    private void work() {
        try {
            while (true) {
                Chunk c = toWorker.take();
                if (c == END) {
                    return;
                }
                for (int i = 0; i < c.rows; i++) {
                    inner.add(c.x[i], c.y[i]);
                }
                c.rows = 0;
                recycled.offer(c);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            toWorker.clear(); // unblock a producer waiting for room; it sees the failure next
        }
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t != null) {
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("readout accumulation failed", t);
        }
    }

    /** Adds a row; after {@link #finish()} rows go straight to the wrapped fit (the worker has stopped). */
    @Override
    public void add(double[] x, double[] y) {
        if (closed) {
            throw new IllegalStateException("rows added after close()");
        }
        if (x.length != features || y.length != outputs) {
            throw new IllegalArgumentException("expected " + features + " features and " + outputs + " targets, got "
                    + x.length + " and " + y.length);
        }
        if (ended) {
            inner.add(x, y);
            count++;
            return;
        }
        rethrowFailure();
        Chunk c = current;
        System.arraycopy(x, 0, c.x[c.rows], 0, features);
        System.arraycopy(y, 0, c.y[c.rows], 0, outputs);
        c.rows++;
        count++;
        if (c.rows == CHUNK_ROWS) {
            handOver(c);
            Chunk next = recycled.poll();
            current = next != null ? next : new Chunk(CHUNK_ROWS, features, outputs);
        }
    }

    private void handOver(Chunk c) {
        try {
            while (!toWorker.offer(c, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrowFailure();
                if (!worker.isAlive()) {
                    throw new IllegalStateException("readout accumulator stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while handing rows to the readout accumulator", e);
        }
    }

    /** Whether the worker thread still runs (for tests). */
    boolean workerAlive() {
        return worker.isAlive();
    }

    @Override
    public long count() {
        return count;
    }

    /** Waits for the worker to take every row, then finishes the wrapped fit on the caller's thread. */
    @Override
    public LinearReadout finish() {
        if (!ended) {
            if (current.rows > 0) {
                handOver(current);
                current = new Chunk(0, features, outputs);
            }
            ended = true;
            stopWorker();
        }
        rethrowFailure();
        return inner.finish();
    }

    private void stopWorker() {
        try {
            while (worker.isAlive() && !toWorker.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the readout accumulator", e);
        }
    }

    @Override
    public Map<String, Object> diagnostics() {
        return inner.diagnostics();
    }

    /** Stops the worker; rows not yet finished are dropped (no effect after {@link #finish()}). Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (!ended) {
            ended = true;
            worker.interrupt();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
