package io.lode.isle.cache;

import io.lode.internal.Require;
import io.lode.sst.BlockCache;
import io.lode.sst.LruBlockCache;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A {@link BlockCache} for range-read mode whose blocks live in native memory, so that a large cache
 * adds nothing to the heap the garbage collector scans: a block read by ranged GET (a heap array) is
 * copied out of the heap when it is cached. Bounded in bytes, least recently used block first, by
 * {@link LruBlockCache}, which this cache fills with the copies.
 *
 * <p>Each copy is allocated in an automatic arena rather than carved from one slab that eviction
 * recycles: a reader may still be searching a block that was just evicted, and an automatic arena
 * frees the memory only once no one holds the segment, so eviction can never pull memory from under
 * a reader. Such memory is counted against {@code -XX:MaxDirectMemorySize}, whose limit makes the JVM
 * collect evicted blocks before it allocates past it. Thread-safe.
 */
public final class OffHeapBlockCache implements BlockCache {
    private final long capacityBytes;
    private final LruBlockCache blocks;

    /** A cache holding at most {@code capacityBytes} of block contents. */
    public OffHeapBlockCache(long capacityBytes) {
        Require.argument(capacityBytes >= 0, "the block cache size must not be negative, got " + capacityBytes);
        this.capacityBytes = capacityBytes;
        this.blocks = new LruBlockCache(capacityBytes);
    }

    @Override
    public MemorySegment get(long tableId, long blockOffset) {
        return blocks.get(tableId, blockOffset);
    }

    @Override
    public void put(long tableId, long blockOffset, MemorySegment contents) {
        if (contents.byteSize() > capacityBytes) {
            return; // never held: do not copy it
        }
        // Always copied, even from native memory: the source's memory may belong to an arena that closes.
        MemorySegment copy = Arena.ofAuto().allocate(contents.byteSize());
        MemorySegment.copy(contents, 0, copy, 0, contents.byteSize());
        blocks.put(tableId, blockOffset, copy);
    }

    /** Bytes of block contents currently held. */
    public long sizeBytes() {
        return blocks.sizeBytes();
    }
}
