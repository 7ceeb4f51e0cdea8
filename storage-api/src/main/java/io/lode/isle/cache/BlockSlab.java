package io.lode.isle.cache;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One slab of an {@link OffHeapBlockCache}: native memory that cached blocks are copied into one
 * after another, and the keys of the blocks it holds, so that dropping the slab drops them. The
 * memory belongs to an automatic arena: it is freed once the slab is dropped and no read still
 * holds one of its blocks, so dropping never pulls memory from under a reader. Its contents start
 * undefined: every block is copied in before it is read.
 */
final class BlockSlab {
    /** The order in which the cache started filling it; set, under the cache's lock, before any block is copied in. */
    long generation;
    private final MemorySegment memory;
    /** Bytes handed out; guarded by the cache. */
    private long used;
    /** The cache keys of the blocks copied here; guarded by the cache. */
    final List<Object> keys = new ArrayList<>();
    /** Set, under the cache's lock, once the slab is dropped: a block copied here is not cached after that. */
    volatile boolean dropped;
    /**
     * The latest epoch whose reads must end before the memory is reused, -1 before the slab is
     * quarantined, {@link ReadEpochs#REUSED} after; guarded by the {@link ReadEpochs}.
     */
    long quarantinedIn = -1;

    /** @param memory the slab's memory, aligned to 8 bytes, in an automatic arena */
    BlockSlab(MemorySegment memory) {
        this.memory = memory;
    }

    /** The next {@code bytes} of the slab, or null when they do not fit; guarded by the cache. */
    MemorySegment take(long bytes) {
        long start = (used + Long.BYTES - 1) & -Long.BYTES;
        if (start + bytes > memory.byteSize()) {
            return null;
        }
        used = start + bytes;
        return memory.asSlice(start, bytes);
    }

    long used() {
        return used;
    }

    long bytes() {
        return memory.byteSize();
    }

    MemorySegment memory() {
        return memory;
    }
}
