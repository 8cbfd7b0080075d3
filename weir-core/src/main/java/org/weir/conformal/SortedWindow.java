package org.weir.conformal;

/**
 * The last {@code capacity} values of a stream, kept both in arrival order (a ring of slots) and in sorted
 * order (an index array over the slots, and the values themselves in increasing order), so that rank queries
 * cost O(1) and weighted quantiles O(window) over contiguous memory without sorting per step. {@link #add} is
 * O(capacity) through array shifts and allocates nothing.
 */
public final class SortedWindow {
    private final int capacity;
    private final double[] values;
    private final long[] stamps;
    private final int[] order;
    private final double[] sortedValues;
    private int size;
    private int next;
    private long count;

    /** @param capacity maximum number of values kept, at least 1 */
    public SortedWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.values = new double[capacity];
        this.stamps = new long[capacity];
        this.order = new int[capacity];
        this.sortedValues = new double[capacity];
    }

    public int capacity() {
        return capacity;
    }

    /** Number of values held. */
    public int size() {
        return size;
    }

    /** Number of values ever added (the stamp the next value will get). */
    public long count() {
        return count;
    }

    /** Removes every value. */
    public void clear() {
        size = 0;
        next = 0;
        count = 0;
    }

    /**
     * Appends a value, evicting the oldest when full.
     *
     * @return the slot the value was stored in (slots are reused in arrival order)
     */
    public int add(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("window values must not be NaN");
        }
        int slot = next;
        if (size == capacity) {
            removeFromOrder(slot);
        } else {
            size++;
        }
        values[slot] = v;
        stamps[slot] = count++;
        insertIntoOrder(slot, size - 1);
        next = next + 1 == capacity ? 0 : next + 1;
        return slot;
    }

    /** The slot that the next {@link #add} will overwrite. */
    public int nextSlot() {
        return next;
    }

    /** The value in a slot. */
    public double valueAt(int slot) {
        return values[slot];
    }

    /** Age of the value in a slot: 1 for the newest value, 2 for the one before, ... */
    public long ageAt(int slot) {
        return count - stamps[slot];
    }

    /** The slot holding the k-th smallest value (k from 0). */
    public int slotOfRank(int k) {
        return order[k];
    }

    /** The k-th smallest value (k from 0 to size-1). */
    public double sorted(int k) {
        return sortedValues[k];
    }

    /** Live view of the values in increasing order (first {@link #size()} entries used). */
    double[] sortedValues() {
        return sortedValues;
    }

    /** Live view of the slot values (index by slot, only the first {@link #size()} slots are used). */
    double[] slotValues() {
        return values;
    }

    /** Live view of the sorted order (first {@link #size()} entries are slots in increasing value). */
    int[] sortedSlots() {
        return order;
    }

    private void removeFromOrder(int slot) {
        double v = values[slot];
        int i = lowerBound(v, size);
        while (order[i] != slot) {
            i++;
        }
        System.arraycopy(order, i + 1, order, i, size - 1 - i);
        System.arraycopy(sortedValues, i + 1, sortedValues, i, size - 1 - i);
    }

    /** Inserts slot into the order array that currently holds n entries. */
    private void insertIntoOrder(int slot, int n) {
        double v = values[slot];
        int pos = upperBound(v, n);
        System.arraycopy(order, pos, order, pos + 1, n - pos);
        System.arraycopy(sortedValues, pos, sortedValues, pos + 1, n - pos);
        order[pos] = slot;
        sortedValues[pos] = v;
    }

    private int lowerBound(double v, int n) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedValues[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(double v, int n) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedValues[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
