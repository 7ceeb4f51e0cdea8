package io.lode.sst;

import io.lode.core.memory.Layouts;
import io.lode.sst.block.BlockHandle;
import io.lode.sst.block.BlockTrailer;
import io.lode.sst.format.ChecksumType;
import io.lode.sst.format.GrowableBuffer;
import com.github.luben.zstd.Zstd;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * One data block between the builder and the output: its raw contents, then the bytes that go to the
 * file (the payload, compressed or not, and the 5-byte trailer), then its place in the index (the
 * separator key that follows it and its handle). Sealing, compression and checksum, is the costly
 * part and the only one that may run on another thread; {@link SstWriter} reuses these holders.
 */
final class SealedBlock {
    private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();
    /** RocksDB's default ZSTD level. */
    private static final int ZSTD_LEVEL = 3;

    /** The block's contents; swapped with the block builder's buffer, never copied. */
    GrowableBuffer raw = new GrowableBuffer(4096);
    private final GrowableBuffer compressed = new GrowableBuffer(4096);
    private final byte[] trailer = new byte[BlockTrailer.LENGTH];
    private final MemorySegment trailerSegment = MemorySegment.ofArray(trailer);
    /** The index key between this block and the next; valid once {@link #hasSeparator} is set. */
    final GrowableBuffer separator = new GrowableBuffer(64);

    boolean hasSeparator;
    /** The block's position among the table's data blocks, from 0. */
    long index;
    /** Whether sealing should try the table's compression (see {@link CompressionBackoff}). */
    boolean tryCompression;
    /** Completes when the block is sealed; null when it was sealed on the builder's thread. */
    CompletableFuture<Void> sealing;
    /** Where the block went in the file; null until it is written. */
    BlockHandle handle;

    private GrowableBuffer payload;
    private Compression stored;

    /** Makes the holder ready for the next block. */
    void reset() {
        raw.clear();
        hasSeparator = false;
        sealing = null;
        handle = null;
        payload = null;
    }

    /**
     * Compresses {@link #raw} when asked and worth it, and computes the trailer's checksum over the
     * payload and its type byte. Reads and writes nothing but this holder.
     */
    void seal(Compression compression, ChecksumType checksumType) {
        payload = raw;
        stored = Compression.NONE;
        int rawLength = raw.size();
        if (tryCompression && compression != Compression.NONE && rawLength > 0) {
            // As RocksDB from format_version 2: the decompressed size as a varint32, then the data.
            compressed.clear();
            compressed.putVarint(rawLength);
            int prefix = compressed.size();
            int length = compression == Compression.LZ4 ? compressLz4(rawLength, prefix) : compressZstd(rawLength, prefix);
            compressed.setSize(prefix + length);
            // Store raw unless compression saves at least 12%: decompressing costs more than it saves.
            if ((long) compressed.size() * 100 <= (long) rawLength * 88) {
                payload = compressed;
                stored = compression;
            }
        }
        sealRaw(payload, stored, checksumType, trailer, trailerSegment);
    }

    private int compressLz4(int rawLength, int prefix) {
        int max = LZ4.maxCompressedLength(rawLength);
        compressed.ensureRoom(max + 1L);
        return LZ4.compress(raw.array(), 0, rawLength, compressed.array(), prefix, max);
    }

    /** Kept apart from LZ4's path: the first use of zstd-jni loads its native library (a few hundred ms). */
    private int compressZstd(int rawLength, int prefix) {
        int max = (int) Zstd.compressBound(rawLength);
        compressed.ensureRoom(max + 1L);
        long length = Zstd.compressByteArray(compressed.array(), prefix, max, raw.array(), 0, rawLength, ZSTD_LEVEL);
        if (Zstd.isError(length)) {
            throw new IllegalStateException("ZSTD could not compress a block of " + rawLength + " bytes: "
                    + Zstd.getErrorName(length));
        }
        return (int) length;
    }

    /**
     * Puts the type byte after {@code payload}'s contents (in its spare byte) and fills {@code trailer}
     * with type and checksum: the one definition of a block trailer for data and meta blocks alike.
     */
    static void sealRaw(GrowableBuffer payload, Compression type, ChecksumType checksumType, byte[] trailer,
            MemorySegment trailerSegment) {
        int length = payload.size();
        payload.ensureRoom(1);
        byte[] bytes = payload.array();
        bytes[length] = (byte) type.typeByte();
        int checksum = BlockTrailer.checksum(checksumType, bytes, 0, length + 1);
        trailer[0] = (byte) type.typeByte();
        trailerSegment.set(Layouts.U32_LE, 1, checksum);
    }

    /** Whether the sealed payload is compressed. */
    boolean isCompressed() {
        return stored != Compression.NONE;
    }

    GrowableBuffer payload() {
        return payload;
    }

    byte[] trailer() {
        return trailer;
    }
}
