package io.lode.sst;

import io.lode.core.memory.Layouts;
import io.lode.core.memory.MalformedVarintException;
import io.lode.core.memory.Varints;
import io.lode.sst.block.BlockHandle;
import io.lode.sst.block.BlockTrailer;
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

    private final SstSource source;
    private final String name;
    private final ChecksumType checksumType;

    BlockReader(SstSource source, String name, ChecksumType checksumType) {
        this.source = source;
        this.name = name;
        this.checksumType = checksumType;
    }

    /**
     * The block at {@code handle} (already checked to lie before the footer) as stored, followed by
     * its type byte: {@code handle.size() + 1} bytes whose checksum is verified.
     */
    MemorySegment readVerified(BlockHandle handle, String what) {
        long size = handle.size();
        MemorySegment raw = source.read(handle.offset(), size + BlockTrailer.LENGTH);
        if (raw.byteSize() != size + BlockTrailer.LENGTH) {
            throw corruption(Kind.CORRUPTION, handle.offset(), "source returned " + raw.byteSize() + " bytes for a "
                    + what + " block of " + (size + BlockTrailer.LENGTH));
        }
        int stored = raw.get(Layouts.U32_LE, size + 1);
        MemorySegment checked = raw.asSlice(0, size + 1);
        int actual = BlockTrailer.checksum(checksumType, checked);
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
        int typeByte = typeByte(verified);
        MemorySegment payload = verified.asSlice(0, verified.byteSize() - 1);
        Compression compression = Compression.ofTypeByte(typeByte);
        if (compression == Compression.NONE) {
            return payload;
        }
        if (compression == Compression.LZ4) {
            return decompressLz4(payload, offset, what);
        }
        throw corruption(Kind.CORRUPTION, offset, what + " block has unsupported compression type 0x" + Integer.toHexString(typeByte));
    }

    private static int typeByte(MemorySegment verified) {
        return verified.get(ValueLayout.JAVA_BYTE, verified.byteSize() - 1) & 0xFF;
    }

    private MemorySegment decompressLz4(MemorySegment compressed, long offset, String what) {
        long size = compressed.byteSize();
        int length;
        int prefix;
        try {
            length = Varints.read32(compressed, 0, size);
            prefix = Varints.lengthAt(compressed, 0, size, Varints.MAX_VARINT32_BYTES);
        } catch (MalformedVarintException e) {
            throw corruption(Kind.CORRUPTION, offset, what + " block: bad LZ4 length prefix: " + e.getMessage());
        }
        long claimed = Integer.toUnsignedLong(length);
        if (claimed > (size - prefix) * LZ4_MAX_RATIO + 16 || claimed > Integer.MAX_VALUE - 16) {
            throw corruption(Kind.CORRUPTION, offset, what + " block claims " + claimed + " bytes decompressed from "
                    + (size - prefix));
        }
        byte[] out = new byte[(int) claimed];
        ByteBuffer src = compressed.asSlice(prefix).asByteBuffer();
        int produced;
        try {
            produced = LZ4.decompress(src, 0, src.remaining(), ByteBuffer.wrap(out), 0, out.length);
        } catch (LZ4Exception e) {
            throw new SstCorruptionException(Kind.CORRUPTION, name, offset, what + " block: bad LZ4 data: " + e.getMessage(), e);
        }
        if (produced != out.length) {
            throw corruption(Kind.CORRUPTION, offset, what + " block decompressed to " + produced + " bytes, not "
                    + out.length);
        }
        return MemorySegment.ofArray(out);
    }

    private SstCorruptionException corruption(Kind kind, long offset, String what) {
        return new SstCorruptionException(kind, name, offset, what);
    }
}
