package io.lode.sst.block;

import io.lode.core.memory.Layouts;
import io.lode.sst.SstCorruptionException;
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

    /**
     * @param contents the block's bytes without the trailer
     * @param source the file or object name, for error messages
     * @param fileOffset where the block starts in the file, for error messages
     */
    public Block(MemorySegment contents, String source, long fileOffset) {
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
