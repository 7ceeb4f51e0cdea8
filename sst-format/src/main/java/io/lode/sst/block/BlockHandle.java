package io.lode.sst.block;

import io.lode.core.memory.MalformedVarintException;
import io.lode.core.memory.Varints;
import io.lode.sst.format.GrowableBuffer;
import java.lang.foreign.MemorySegment;

/**
 * Where a block lives in the file: its offset and the size of its contents, not counting the 5-byte
 * trailer. Encoded as two varint64s.
 */
public record BlockHandle(long offset, long size) {
    /** Two varint64s at most. */
    public static final int MAX_ENCODED_LENGTH = 2 * Varints.MAX_VARINT64_BYTES;

    public BlockHandle {
        if (offset < 0 || size < 0) {
            throw new IllegalArgumentException("negative block handle " + offset + "/" + size);
        }
    }

    public void encodeTo(GrowableBuffer out) {
        out.putVarint(offset);
        out.putVarint(size);
    }

    /** The file offset just past this block's trailer. */
    public long end() {
        return offset + size + BlockTrailer.LENGTH;
    }

    /**
     * Decodes a handle at {@code position}, reading nothing at or past {@code limit}; {@code next[0]}
     * receives the position after it.
     *
     * @throws MalformedVarintException if the varints are truncated or too long
     */
    public static BlockHandle decode(MemorySegment segment, long position, long limit, long[] next) {
        long offset = Varints.read64(segment, position, limit);
        long at = position + Varints.lengthAt(segment, position, limit, Varints.MAX_VARINT64_BYTES);
        long size = Varints.read64(segment, at, limit);
        at += Varints.lengthAt(segment, at, limit, Varints.MAX_VARINT64_BYTES);
        if (offset < 0 || size < 0) {
            throw new MalformedVarintException("block handle " + Long.toUnsignedString(offset) + "/"
                    + Long.toUnsignedString(size) + " exceeds any file size");
        }
        next[0] = at;
        return new BlockHandle(offset, size);
    }
}
