package io.lode.core.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * Large zeroed off-heap regions backed by transparent huge pages where Linux offers them, for data
 * structures that are searched at random, such as the memtable's arena.
 *
 * <p>A random access to a region far larger than the CPU caches usually misses the TLB as well; with
 * 4 KiB pages each miss costs a page-table walk, under virtualisation a nested one. With 2 MiB pages
 * the TLB covers a thousand times more memory. Measured by {@code MemoryLatencyBenchmark} (see
 * {@code docs/BENCHMARKS.md}).
 *
 * <p>The region is mapped with {@code mmap(MAP_PRIVATE | MAP_ANONYMOUS)}, aligned to 2 MiB inside a
 * slightly larger mapping, and advised {@code MADV_HUGEPAGE}, which works when
 * {@code /sys/kernel/mm/transparent_hugepage/enabled} is {@code always} or {@code madvise}. Pages are
 * zeroed by the kernel on first touch rather than all at once when the region is created. Elsewhere
 * (not Linux, native access denied, or the call failing) the region comes from
 * {@link Arena#allocate(long, long)}: the same zeroed memory, on ordinary pages.
 */
public final class HugePageMemory {
    /** The huge page size of x86-64 and of aarch64 with 4 KiB base pages. */
    public static final long HUGE_PAGE_BYTES = 2L << 20;
    private static final int MADV_HUGEPAGE = 14;
    private static final boolean LINUX =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

    private HugePageMemory() {}

    /**
     * Zeroed memory of {@code bytes}, aligned to at least 64 bytes, freed when {@code arena} closes.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public static MemorySegment allocate(Arena arena, long bytes) {
        return allocate(NativeAdvice.SYSTEM, arena, bytes);
    }

    /** Whether {@link #allocate} maps huge-page-advised memory here rather than falling back. */
    public static boolean isAvailable() {
        return LINUX && NativeAdvice.SYSTEM.canMapMemory();
    }

    static MemorySegment allocate(NativeAdvice calls, Arena arena, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a region of " + bytes + " bytes");
        }
        if (!LINUX || !calls.canMapMemory() || bytes > Long.MAX_VALUE - 2 * HUGE_PAGE_BYTES) {
            return arena.allocate(bytes, 64);
        }
        long rounded = roundUp(bytes);
        long length = rounded + HUGE_PAGE_BYTES; // room to align the start to a huge page
        long mapping = calls.mapAnonymous(length);
        if (mapping == 0) {
            return arena.allocate(bytes, 64);
        }
        long start = (mapping + HUGE_PAGE_BYTES - 1) & -HUGE_PAGE_BYTES;
        // Advice only: if the kernel refuses it, the region still works on ordinary pages.
        calls.adviseRaw(start, rounded, MADV_HUGEPAGE);
        try {
            return MemorySegment.ofAddress(start).reinterpret(bytes, arena, unused -> calls.unmap(mapping, length));
        } catch (IllegalCallerException | IllegalStateException e) {
            // Native access denied to this module after all, or the arena already closed.
            calls.unmap(mapping, length);
            return arena.allocate(bytes, 64);
        }
    }

    private static long roundUp(long bytes) {
        return (bytes + HUGE_PAGE_BYTES - 1) & -HUGE_PAGE_BYTES;
    }
}
