package io.lode.sst.block;

import io.lode.core.memory.Layouts;
import io.lode.core.memory.MalformedVarintException;
import io.lode.sst.format.ChecksumType;
import io.lode.sst.format.GrowableBuffer;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;

/**
 * The last 53 bytes of a table, in one of RocksDB's two footer layouts (docs/sst-format.md, "Footer"):
 *
 * <pre>
 * format_version 1 to 5:
 *   checksum type u8 | metaindex handle | index handle | zero padding to byte 41 | format_version u32 LE | magic u64 LE
 * format_version 6 and 7:
 *   checksum type u8 | 3E 00 7A 00 | footer checksum u32 LE | base context checksum u32 LE
 *   | metaindex size u32 LE | 24 zero bytes | format_version u32 LE | magic u64 LE
 * </pre>
 *
 * From version 6 the metaindex block lies right before the footer, the index handle is in the
 * metaindex (under {@code rocksdb.index}; {@link #index} is then null), the footer has a checksum of
 * its own, and every checksum in the file is offset by a {@linkplain #contextModifier per-block
 * context} that the base context checksum seeds, so a block copied to another offset or another file
 * no longer verifies.
 *
 * @param baseContextChecksum the seed of the context modifier, 0 before version 6 (no modifier)
 */
public record Footer(ChecksumType checksumType, BlockHandle metaindex, BlockHandle index, int formatVersion,
        int baseContextChecksum) {
    public static final int LENGTH = 1 + 2 * BlockHandle.MAX_ENCODED_LENGTH + 4 + 8;
    public static final long BLOCK_BASED_TABLE_MAGIC = 0x88e241b785f4cff7L;
    /** The version we write. */
    public static final int FORMAT_VERSION = 5;
    /** The first version with the extended footer, the index handle in the metaindex and context checksums. */
    public static final int CONTEXT_CHECKSUM_VERSION = 6;
    /** The newest version we read: 7 changed only how custom compressions are named, which we do not read. */
    public static final int NEWEST_READABLE_VERSION = 7;
    private static final int OLDEST_READABLE_VERSION = 2;
    /** The bytes that follow the checksum type in an extended footer. */
    private static final int EXTENDED_MAGIC = 0x007a003e; // 3E 00 7A 00, read little-endian

    /** A footer of a version before 6. */
    public Footer(ChecksumType checksumType, BlockHandle metaindex, BlockHandle index, int formatVersion) {
        this(checksumType, metaindex, index, formatVersion, 0);
    }

    public void encodeTo(GrowableBuffer out) {
        if (formatVersion >= CONTEXT_CHECKSUM_VERSION) {
            throw new IllegalStateException("we write format_version " + FORMAT_VERSION + " footers only");
        }
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
     * What version 6 adds to the checksum of the block (or footer) at {@code offset}: RocksDB's
     * {@code ChecksumModifierForContext}, the base context checksum xor the sum of the offset's two
     * halves; 0 when the base is 0 (before version 6).
     */
    public int contextModifier(long offset) {
        if (baseContextChecksum == 0) {
            return 0;
        }
        return baseContextChecksum ^ ((int) offset + (int) (offset >>> 32));
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
        if (version < OLDEST_READABLE_VERSION || version > NEWEST_READABLE_VERSION) {
            throw new SstCorruptionException(SstCorruptionException.Kind.UNSUPPORTED, source, fileSize - 12,
                    "format_version " + Integer.toUnsignedString(version) + " (this reader reads " + OLDEST_READABLE_VERSION
                            + " to " + NEWEST_READABLE_VERSION + ")");
        }
        int code = footer.get(Layouts.U8, 0) & 0xFF;
        ChecksumType type = ChecksumType.ofCode(code);
        if (type == null) {
            throw new SstCorruptionException(SstCorruptionException.Kind.UNSUPPORTED, source, start,
                    "checksum type " + code + " (" + ChecksumType.rocksDbName(code) + "); this reader verifies "
                            + "CRC32C, xxHash64 and XXH3");
        }
        if (version >= CONTEXT_CHECKSUM_VERSION) {
            return decodeExtended(footer, start, type, version, source);
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

    private static Footer decodeExtended(MemorySegment footer, long start, ChecksumType type, int version, String source) {
        if (footer.get(Layouts.U32_LE, 1) != EXTENDED_MAGIC) {
            throw corruption(source, start + 1, "format_version " + version + " footer lacks its extended magic 3E 00 7A 00");
        }
        int stored = footer.get(Layouts.U32_LE, 5);
        int base = footer.get(Layouts.U32_LE, 9);
        long metaindexSize = Integer.toUnsignedLong(footer.get(Layouts.U32_LE, 13));
        byte[] unsigned = footer.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        java.util.Arrays.fill(unsigned, 5, 9, (byte) 0); // the checksum covers the footer with its own field zeroed
        Footer decoded = new Footer(type, null, null, version, base);
        int actual = BlockTrailer.checksum(type, MemorySegment.ofArray(unsigned)) + decoded.contextModifier(start);
        if (actual != stored) {
            throw new SstCorruptionException(SstCorruptionException.Kind.CHECKSUM_MISMATCH, source, start, "footer: "
                    + type + " is 0x" + Integer.toHexString(actual) + ", the footer says 0x" + Integer.toHexString(stored));
        }
        if (metaindexSize > start - BlockTrailer.LENGTH) {
            throw corruption(source, start + 13, "metaindex of " + metaindexSize + " bytes does not fit before the footer at "
                    + start);
        }
        BlockHandle metaindex = new BlockHandle(start - BlockTrailer.LENGTH - metaindexSize, metaindexSize);
        return new Footer(type, metaindex, null, version, base);
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
