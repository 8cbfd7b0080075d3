package org.weir.reservoir;

import java.lang.management.ManagementFactory;

/**
 * Float arrays whose working block starts on a 64-byte cache-line boundary, so that the 512-bit vector loads of the
 * batched kernels ({@link FloatStateBatch}) are never split across two lines (measured: 1.25-1.5x on 64 lanes of
 * N=1000, see BENCHMARKS.md). Java does not expose array addresses; this relies on one documented property of the
 * G1 collector (the default): an array of at least half a heap region is a humongous object, placed at the start
 * of a region (so at a known alignment) and never moved. With G1 and compressed class pointers a float array's
 * element 0 then sits 16 bytes past a region boundary, and the block starts at element {@value #G1_OFFSET}.
 *
 * <p>Only speed depends on this: the block's contents and every result are the same at any offset. With another
 * collector, or when the JVM's settings cannot be read, arrays are allocated plainly (offset 0).
 */
final class AlignedFloats {
    /** Element offset of the block in a humongous float array (16-byte header, 64-byte lines). */
    static final int G1_OFFSET = 12;
    /** Blocks smaller than this (floats) are allocated plainly: they live in L1/L2 where splits cost little. */
    static final int MIN_BLOCK = 16_384;
    /** Floats that make an array humongous under G1, or 0 when the trick does not apply. */
    private static final int HUMONGOUS_FLOATS = detect();

    private AlignedFloats() {
    }

    private static int detect() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (!"true".equals(vm.getVMOption("UseG1GC").getValue())
                    || !"true".equals(vm.getVMOption("UseCompressedClassPointers").getValue())) {
                return 0;
            }
            long region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
            long floats = region / 2 / Float.BYTES + 1;
            return region > 0 && floats < Integer.MAX_VALUE / 2 ? (int) floats : 0;
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** The element offset that {@link #allocate} uses for a block of {@code length} floats. */
    static int offset(int length) {
        return HUMONGOUS_FLOATS > 0 && length >= MIN_BLOCK ? G1_OFFSET : 0;
    }

    /** An array holding a block of {@code length} floats at {@link #offset(int)}. */
    static float[] allocate(int length) {
        int off = offset(length);
        if (off == 0) {
            return new float[length];
        }
        return new float[Math.max(Math.addExact(length, off), HUMONGOUS_FLOATS)];
    }
}
