package io.lode.sst;

import io.lode.core.memory.Layouts;
import io.lode.core.memory.MalformedVarintException;
import io.lode.core.memory.Varints;
import io.lode.sst.block.BlockHandle;
import io.lode.sst.block.BlockTrailer;
import io.lode.sst.block.Footer;
import com.github.luben.zstd.Zstd;
import io.lode.sst.format.ChecksumType;
import io.lode.sst.format.SstCorruptionException;
import io.lode.sst.format.SstCorruptionException.Kind;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads one block of a table from its source, as LevelDB's {@code ReadBlock} does: the block and
 * its trailer (docs/sst-format.md, "Block" and "Trailer"), the length the source returned checked, the trailer's
 * checksum verified over the block and its type byte, then the contents uncompressed. Whether a
 * block is kept, and where, is the {@link SstReader}'s business, so this class has two steps.
 *
 * <p>Immutable and safe to share between threads.
 */
final class BlockReader {
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();
    /** LZ4 cannot expand input by more than this factor, which bounds a claimed decompressed size. */
    private static final long LZ4_MAX_RATIO = 255;
    /**
     * Nor ZSTD by more than this (a run-length block of 3 bytes encodes up to 128 KiB): a bound that
     * keeps a corrupt prefix from asking for gigabytes.
     */
    private static final long ZSTD_MAX_RATIO = 1 << 16;

    private final SstSource source;
    private final String name;
    private final ChecksumType checksumType;
    private final Footer footer;

    BlockReader(SstSource source, String name, Footer footer) {
        this.source = source;
        this.name = name;
        this.checksumType = footer.checksumType();
        this.footer = footer;
    }

    /**
     * The block at {@code handle} (already checked to lie before the footer) as stored, followed by
     * its type byte: {@code handle.size() + 1} bytes whose checksum is verified.
     */
    MemorySegment readVerified(BlockHandle handle, String what) {
        return readVerified(handle, what, null);
    }

    /** {@link #readVerified(BlockHandle, String)}, into {@code buffer} (null: none) if the source reads into one. */
    MemorySegment readVerified(BlockHandle handle, String what, MemorySegment buffer) {
        long size = handle.size();
        MemorySegment raw = source.read(handle.offset(), size + BlockTrailer.LENGTH, buffer);
        if (raw.byteSize() != size + BlockTrailer.LENGTH) {
            throw corruption(Kind.CORRUPTION, handle.offset(), "source returned " + raw.byteSize() + " bytes for a "
                    + what + " block of " + (size + BlockTrailer.LENGTH));
        }
        int stored = raw.get(Layouts.U32_LE, size + 1);
        MemorySegment checked = raw.asSlice(0, size + 1);
        int actual = BlockTrailer.checksum(checksumType, checked) + footer.contextModifier(handle.offset());
        if (stored != actual) {
            throw corruption(Kind.CHECKSUM_MISMATCH, handle.offset(), what + " block of " + size + " bytes: "
                    + checksumType + " is 0x" + Integer.toHexString(actual) + ", trailer says 0x"
                    + Integer.toHexString(stored));
        }
        return checked;
    }

    /** Whether a block {@link #readVerified read} was stored uncompressed: its contents are then the source's own bytes. */
    static boolean isUncompressed(MemorySegment verified) {
        return typeByte(verified) == Compression.NONE.typeByte();
    }

    /** The contents of a verified block: a slice of it when stored uncompressed, else decompressed into a new array. */
    MemorySegment contents(MemorySegment verified, long offset, String what) {
        return contents(verified, offset, what, null);
    }

    /**
     * {@link #contents(MemorySegment, long, String)}, an LZ4 block decompressed into {@code buffer}
     * if it is not null and large enough ({@link #contentsSize} tells how large).
     */
    MemorySegment contents(MemorySegment verified, long offset, String what, MemorySegment buffer) {
        MemorySegment payload = verified.asSlice(0, verified.byteSize() - 1);
        return switch (compression(verified, offset, what)) {
            case NONE -> payload;
            case LZ4 -> decompressLz4(payload, offset, what, buffer);
            case ZSTD -> decompressZstd(payload, offset, what);
        };
    }

    /** The size of a verified block's contents: its own when stored uncompressed, else the size its prefix claims. */
    long contentsSize(MemorySegment verified, long offset, String what) {
        MemorySegment payload = verified.asSlice(0, verified.byteSize() - 1);
        return switch (compression(verified, offset, what)) {
            case NONE -> payload.byteSize();
            case LZ4 -> sizePrefix(payload, offset, what, "LZ4", LZ4_MAX_RATIO)[0];
            case ZSTD -> sizePrefix(payload, offset, what, "ZSTD", ZSTD_MAX_RATIO)[0];
        };
    }

    private Compression compression(MemorySegment verified, long offset, String what) {
        int typeByte = typeByte(verified);
        Compression compression = Compression.ofTypeByte(typeByte);
        if (compression == null) {
            throw new SstCorruptionException(Kind.UNSUPPORTED, name, offset, what + " block compressed with "
                    + Compression.rocksDbName(typeByte) + " (type 0x" + Integer.toHexString(typeByte)
                    + "); this reader decompresses LZ4, LZ4HC and ZSTD blocks");
        }
        return compression;
    }

    private static int typeByte(MemorySegment verified) {
        return verified.get(ValueLayout.JAVA_BYTE, verified.byteSize() - 1) & 0xFF;
    }

    /**
     * The decompressed size that RocksDB (format_version 2 and later) puts before LZ4 and ZSTD data as
     * a varint32, checked against what {@code maxRatio} bytes out per byte in allows; and where the
     * compressed data starts.
     */
    private long[] sizePrefix(MemorySegment compressed, long offset, String what, String codec, long maxRatio) {
        long size = compressed.byteSize();
        int length;
        int prefix;
        try {
            length = Varints.read32(compressed, 0, size);
            prefix = Varints.lengthAt(compressed, 0, size, Varints.MAX_VARINT32_BYTES);
        } catch (MalformedVarintException e) {
            throw corruption(Kind.CORRUPTION, offset, what + " block: bad " + codec + " length prefix: " + e.getMessage());
        }
        long claimed = Integer.toUnsignedLong(length);
        if (claimed > (size - prefix) * maxRatio + 16 || claimed > Integer.MAX_VALUE - 16) {
            throw corruption(Kind.CORRUPTION, offset, what + " block claims " + claimed + " bytes decompressed from "
                    + (size - prefix));
        }
        return new long[] {claimed, prefix};
    }

    private MemorySegment decompressLz4(MemorySegment compressed, long offset, String what, MemorySegment buffer) {
        long[] sized = sizePrefix(compressed, offset, what, "LZ4", LZ4_MAX_RATIO);
        int length = (int) sized[0];
        MemorySegment out = buffer != null && buffer.byteSize() >= length
                ? buffer.asSlice(0, length)
                : MemorySegment.ofArray(new byte[length]);
        ByteBuffer src = compressed.asSlice(sized[1]).asByteBuffer();
        int produced;
        try {
            produced = LZ4.decompress(src, 0, src.remaining(), out.asByteBuffer(), 0, length);
        } catch (LZ4Exception e) {
            throw new SstCorruptionException(Kind.CORRUPTION, name, offset, what + " block: bad LZ4 data: " + e.getMessage(), e);
        }
        checkSize(length, produced, offset, what);
        return out;
    }

    private MemorySegment decompressZstd(MemorySegment compressed, long offset, String what) {
        long[] sized = sizePrefix(compressed, offset, what, "ZSTD", ZSTD_MAX_RATIO);
        byte[] out = new byte[(int) sized[0]];
        byte[] src = compressed.asSlice(sized[1]).toArray(ValueLayout.JAVA_BYTE);
        long produced = Zstd.decompressByteArray(out, 0, out.length, src, 0, src.length);
        if (Zstd.isError(produced)) {
            throw corruption(Kind.CORRUPTION, offset, what + " block: bad ZSTD data: " + Zstd.getErrorName(produced));
        }
        checkSize(out.length, produced, offset, what);
        return MemorySegment.ofArray(out);
    }

    private void checkSize(long claimed, long produced, long offset, String what) {
        if (produced != claimed) {
            throw corruption(Kind.CORRUPTION, offset, what + " block decompressed to " + produced + " bytes, not "
                    + claimed);
        }
    }

    private SstCorruptionException corruption(Kind kind, long offset, String what) {
        return new SstCorruptionException(kind, name, offset, what);
    }
}
