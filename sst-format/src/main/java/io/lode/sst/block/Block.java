package io.lode.sst.block;

import io.lode.core.memory.Layouts;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;

/**
 * A verified, uncompressed block (trailer already checked and removed) with its restart array
 * located and bounded. Entries are read through a {@link BlockCursor}.
 */
public final class Block {
    /** RocksDB sets this bit of the restart count when a data block carries a hash index. */
    private static final int HASH_INDEX_FLAG = 1 << 31;

    private final MemorySegment contents;
    private final String source;
    private final long fileOffset;
    private final long restartsStart;
    private final int restartCount;
    /** Whether the restart points are decoded into {@link #restartIndex} at the second seek. */
    private final boolean indexRestarts;
    /**
     * For an {@link #indexed} block searched before: per restart point {@code i}, the first 16 bytes
     * of its user key as two big-endian words ({@link KeyPrefix}) at {@code [3i, 3i + 2)} and the
     * entry's offset at {@code 3i + 2}; otherwise null. Decoded by whichever seek needs it first
     * (two may race: they compute the same array).
     */
    private volatile long[] restartIndex;
    /** Whether a seek has searched this block in place already; for an {@link #indexed} block. */
    private volatile boolean searched;

    /**
     * @param contents the block's bytes without the trailer
     * @param source the file or object name, for error messages
     * @param fileOffset where the block starts in the file, for error messages
     */
    public Block(MemorySegment contents, String source, long fileOffset) {
        this(contents, source, fileOffset, false);
    }

    /**
     * A data block (internal keys) whose restart points are decoded once into a plain array, so that
     * a seek binary-searches heap memory instead of reading the block's restart array and the keys at
     * its restart points: on a table larger than the caches those are two dependent cache misses per
     * lookup. For blocks that are kept and searched many times (a mapped table's remembered blocks,
     * a block cache's); it costs 24 bytes per restart point. The points are decoded at the second
     * seek: the first searches the restart array in place, as an unindexed block is, so a block read
     * once (a cold reader's, a scan's) never pays for decoding them.
     */
    public static Block indexed(MemorySegment contents, String source, long fileOffset) {
        return new Block(contents, source, fileOffset, true);
    }

    private Block(MemorySegment contents, String source, long fileOffset, boolean indexRestarts) {
        this.contents = contents;
        this.source = source;
        this.fileOffset = fileOffset;
        long size = contents.byteSize();
        if (size < 4) {
            throw corruption("block of " + size + " bytes has no restart count");
        }
        int count = contents.get(Layouts.U32_LE, size - 4);
        if ((count & HASH_INDEX_FLAG) != 0) {
            throw corruption("data block hash index is not supported");
        }
        long start = size - 4 - 4L * count;
        if (start < 0) {
            throw corruption("restart count " + count + " does not fit in a block of " + size + " bytes");
        }
        this.restartCount = count;
        this.restartsStart = start;
        this.indexRestarts = indexRestarts;
    }

    /**
     * This block over {@code copy}, a byte-for-byte copy of its contents elsewhere (a cache moving
     * it): nothing is decoded again.
     */
    public Block relocated(MemorySegment copy) {
        if (copy.byteSize() != contents.byteSize()) {
            throw new IllegalArgumentException("a copy of " + copy.byteSize() + " bytes of a block of " + contents.byteSize());
        }
        return new Block(copy, this);
    }

    private Block(MemorySegment copy, Block original) {
        this.contents = copy;
        this.source = original.source;
        this.fileOffset = original.fileOffset;
        this.restartsStart = original.restartsStart;
        this.restartCount = original.restartCount;
        this.indexRestarts = original.indexRestarts;
        this.restartIndex = original.restartIndex;
        this.searched = original.searched;
    }

    /**
     * The decoded restart points of an {@link #indexed} block, decoding them now if a seek has
     * searched the block before; null for the first seek of a block, and for unindexed blocks.
     *
     * @throws io.lode.sst.format.SstCorruptionException if a restart point or its key is malformed
     */
    long[] restartIndex() {
        long[] index = restartIndex;
        if (index != null || !indexRestarts) {
            return index;
        }
        if (!searched) {
            searched = true;
            return null;
        }
        index = new BlockCursor().reset(this).decodeRestarts();
        restartIndex = index;
        return index;
    }

    public MemorySegment contents() {
        return contents;
    }

    /** The offset where the entries end and the restart array begins. */
    public long entriesEnd() {
        return restartsStart;
    }

    public int restartCount() {
        return restartCount;
    }

    /** The offset of the entry at restart {@code i}, checked to lie within the entries. */
    public long restartOffset(int i) {
        long offset = Integer.toUnsignedLong(contents.get(Layouts.U32_LE, restartsStart + 4L * i));
        if (offset >= restartsStart) {
            throw corruption("restart point " + i + " at " + offset + " is past the entries (" + restartsStart + ")");
        }
        return offset;
    }

    public long fileOffset() {
        return fileOffset;
    }

    public String source() {
        return source;
    }

    /** A structural corruption of this block. */
    public SstCorruptionException corruption(String what) {
        return new SstCorruptionException(SstCorruptionException.Kind.CORRUPTION, source, fileOffset, what);
    }
}
