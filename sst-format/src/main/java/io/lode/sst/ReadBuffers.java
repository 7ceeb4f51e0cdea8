package io.lode.sst;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Native buffers that a block-cache miss reads a block into and decompresses it into, before the
 * cache copies what it keeps: taken and given back, so that a miss allocates nothing. A byte array
 * per miss was 60 % of the bytes a reader beside a writer allocated, and the collections it caused
 * were the reads' slowest thousandth (IsleMixedBenchmark, docs/BENCHMARKS.md).
 *
 * <p>Memory: at most {@value #SLOTS} idle buffers of at most {@value #MAX_BYTES} bytes each (4 MiB),
 * plus those taken at the moment, which is one or two per thread in a miss. A larger block, and a
 * thread that finds no idle buffer, gets a buffer of its own, which the garbage collector frees.
 * Shared by every reader of the JVM; safe for any number of threads, platform or virtual.
 */
final class ReadBuffers {
    static final int SLOTS = 16;
    static final long MAX_BYTES = 256 << 10;
    /** The least buffer made: most blocks of 4–64 KiB then share one size class. */
    static final long MIN_BYTES = 64 << 10;
    private static final AtomicReferenceArray<MemorySegment> IDLE = new AtomicReferenceArray<>(SLOTS);

    private ReadBuffers() {}

    /** A buffer of at least {@code bytes} bytes, or null if it would be larger than {@link #MAX_BYTES}. */
    static MemorySegment take(long bytes) {
        if (bytes > MAX_BYTES) {
            return null;
        }
        // Start where this thread's buffer most likely is, so that threads seldom meet on a slot.
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            MemorySegment b = IDLE.get(slot);
            if (b != null && b.byteSize() >= bytes && IDLE.compareAndSet(slot, b, null)) {
                return b;
            }
        }
        return Arena.ofAuto().allocate(Math.max(MIN_BYTES, Long.highestOneBit(bytes - 1) << 1));
    }

    /** Gives back a buffer {@link #take} returned (null is ignored); its contents must no longer be used. */
    static void give(MemorySegment buffer) {
        if (buffer == null) {
            return;
        }
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (IDLE.get(slot) == null && IDLE.compareAndSet(slot, null, buffer)) {
                return;
            }
        }
        // Every slot holds one: this buffer goes with the garbage collector.
    }

    /** Bytes of the idle buffers kept: at most {@value #SLOTS} × {@value #MAX_BYTES}; for tests. */
    static long idleBytes() {
        long bytes = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            MemorySegment b = IDLE.get(slot);
            bytes += b == null ? 0 : b.byteSize();
        }
        return bytes;
    }
}
