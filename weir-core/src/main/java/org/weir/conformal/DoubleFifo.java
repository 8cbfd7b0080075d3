package org.weir.conformal;

/** A growable first-in first-out queue of doubles (ring buffer); allocates only when it grows. */
final class DoubleFifo {
    private double[] items;
    private int head;
    private int size;

    DoubleFifo(int initialCapacity) {
        items = new double[Math.max(2, initialCapacity)];
    }

    void push(double v) {
        if (size == items.length) {
            double[] bigger = new double[items.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = items[(head + i) % items.length];
            }
            items = bigger;
            head = 0;
        }
        items[(head + size) % items.length] = v;
        size++;
    }

    double pop() {
        if (size == 0) {
            throw new IllegalStateException("no issued interval is waiting for its observation");
        }
        double v = items[head];
        head = (head + 1) % items.length;
        size--;
        return v;
    }

    double peek() {
        if (size == 0) {
            throw new IllegalStateException("no issued interval is waiting for its observation");
        }
        return items[head];
    }

    int size() {
        return size;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}
