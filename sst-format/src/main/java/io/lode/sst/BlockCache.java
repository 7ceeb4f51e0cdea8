package io.lode.sst;

import java.lang.foreign.MemorySegment;

/**
 * Holds blocks that were read, verified and decompressed, keyed by table and block offset, so that a
 * hot block costs neither a read nor a checksum nor decompression. Implementations must be
 * thread-safe; a segment handed to {@link #put} is never modified afterwards.
 */
public interface BlockCache {
    /** A cache that holds nothing. */
    BlockCache NONE = new BlockCache() {
        @Override
        public MemorySegment get(long tableId, long blockOffset) {
            return null;
        }

        @Override
        public void put(long tableId, long blockOffset, MemorySegment contents) {}
    };

    /** The contents of the block at {@code blockOffset} of table {@code tableId}, or {@code null}. */
    MemorySegment get(long tableId, long blockOffset);

    /** Remembers verified, uncompressed block contents. */
    void put(long tableId, long blockOffset, MemorySegment contents);
}
