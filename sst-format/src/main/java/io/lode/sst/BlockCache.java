package io.lode.sst;

import io.lode.sst.block.Block;
import java.lang.foreign.MemorySegment;
import java.util.function.Function;

/**
 * Holds data blocks that were read, verified and decompressed, keyed by table and block offset, as
 * {@link Block}s with their restart points decoded, so that a hot block costs neither a read nor a
 * checksum nor decompression nor a walk of its restart array. Implementations must be thread-safe.
 */
public interface BlockCache {
    /** A cache that holds nothing: every block is read again. */
    BlockCache NONE = new BlockCache() {
        @Override
        public Block get(long tableId, long blockOffset) {
            return null;
        }

        @Override
        public Block put(long tableId, long blockOffset, MemorySegment contents, Function<MemorySegment, Block> block) {
            return block.apply(contents);
        }
    };

    /**
     * Whether {@link #put} copies contents of {@code bytes} bytes into memory of its own, so that
     * the caller may reuse the memory it read them into (default: no, which is always safe).
     */
    default boolean copies(long bytes) {
        return false;
    }

    /** The block at {@code blockOffset} of table {@code tableId}, or {@code null}. */
    Block get(long tableId, long blockOffset);

    /**
     * Remembers a verified, uncompressed block. The cache copies {@code contents} into memory it owns
     * if it keeps them (the caller may reuse or drop {@code contents} afterwards, unless this is
     * {@link #NONE}), builds the block over its copy with {@code block}, and returns the block the
     * caller should read: the cached one, or one over {@code contents} when the block is not kept.
     */
    Block put(long tableId, long blockOffset, MemorySegment contents, Function<MemorySegment, Block> block);
}
