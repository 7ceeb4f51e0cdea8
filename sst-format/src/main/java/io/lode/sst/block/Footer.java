package io.lode.sst.block;

import io.lode.core.memory.Layouts;
import io.lode.core.memory.MalformedVarintException;
import io.lode.sst.format.ChecksumType;
import io.lode.sst.format.GrowableBuffer;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;

/**
 * The last 53 bytes of a table (RocksDB footer for format_version 1 to 5):
 *
 * <pre>
 * checksum type u8 | metaindex handle | index handle | zero padding to byte 41 | format_version u32 LE | magic u64 LE
 * </pre>
 */
public record Footer(ChecksumType checksumType, BlockHandle metaindex, BlockHandle index, int formatVersion) {
    public static final int LENGTH = 1 + 2 * BlockHandle.MAX_ENCODED_LENGTH + 4 + 8;
    public static final long BLOCK_BASED_TABLE_MAGIC = 0x88e241b785f4cff7L;
    /** The version we write. Versions 2 to 5 share the checksum scheme and block formats we read. */
    public static final int FORMAT_VERSION = 5;
    private static final int OLDEST_READABLE_VERSION = 2;

    public void encodeTo(GrowableBuffer out) {
        int start = out.size();
        out.putByte(checksumType.code());
        metaindex.encodeTo(out);
        index.encodeTo(out);
        int padding = start + 1 + 2 * BlockHandle.MAX_ENCODED_LENGTH - out.size();
        for (int i = 0; i < padding; i++) {
            out.putByte(0);
        }
        out.putFixed32(formatVersion);
        out.putFixed64(BLOCK_BASED_TABLE_MAGIC);
    }

    /**
     * Decodes the footer at the end of a file of {@code fileSize} bytes; {@code footer} holds its last
     * {@link #LENGTH} bytes. Every handle is checked to lie before the footer.
     */
    public static Footer decode(MemorySegment footer, long fileSize, String source) {
        long start = fileSize - LENGTH;
        if (footer.byteSize() != LENGTH) {
            // a source that returns fewer bytes than the table's size claims is a truncated table
            throw corruption(source, start, "the footer read returned " + footer.byteSize() + " of " + LENGTH + " bytes");
        }
        long magic = footer.get(Layouts.U64_LE, LENGTH - 8);
        if (magic != BLOCK_BASED_TABLE_MAGIC) {
            throw corruption(source, fileSize - 8, "bad table magic number 0x" + Long.toHexString(magic));
        }
        int version = footer.get(Layouts.U32_LE, LENGTH - 12);
        if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
            throw corruption(source, fileSize - 12, "unsupported format_version " + Integer.toUnsignedString(version));
        }
        int code = footer.get(Layouts.U8, 0) & 0xFF;
        ChecksumType type = ChecksumType.ofCode(code);
        if (type == null) {
            throw corruption(source, start, "unsupported checksum type " + code);
        }
        long[] next = new long[1];
        BlockHandle metaindex;
        BlockHandle index;
        try {
            metaindex = BlockHandle.decode(footer, 1, LENGTH - 12, next);
            index = BlockHandle.decode(footer, next[0], LENGTH - 12, next);
        } catch (MalformedVarintException e) {
            throw corruption(source, start, "bad block handle in footer: " + e.getMessage());
        }
        checkBeforeFooter(metaindex, start, source, "metaindex", start);
        checkBeforeFooter(index, start, source, "index", start);
        return new Footer(type, metaindex, index, version);
    }

    /**
     * Throws unless {@code handle} (with its trailer) lies in {@code [0, limit)}; the error names
     * {@code foundAt}, the offset of the structure holding the handle, since the handle itself is suspect.
     */
    public static void checkBeforeFooter(BlockHandle handle, long limit, String source, String what, long foundAt) {
        if (handle.size() > limit || handle.offset() > limit - handle.size() - BlockTrailer.LENGTH) {
            throw corruption(source, foundAt, what + " block handle " + handle.offset() + "+" + handle.size()
                    + " runs past the end of the blocks at " + limit);
        }
    }

    private static SstCorruptionException corruption(String source, long offset, String what) {
        return new SstCorruptionException(SstCorruptionException.Kind.CORRUPTION, source, offset, what);
    }
}
