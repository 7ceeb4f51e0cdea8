package io.lode.sst;

import io.lode.sst.format.ChecksumType;
import java.util.concurrent.Executor;

/**
 * How an {@link SstWriter} lays out a table.
 *
 * @param blockSize target size of an uncompressed data block in bytes; a block is cut once it
 *     reaches this size (default 4 KiB; object storage may prefer 16 or 64 KiB)
 * @param restartInterval keys between full (unshared) keys in a data block (default 16)
 * @param compression block compression; a block that does not shrink by at least 12% is stored raw
 * @param checksumType the block checksum
 * @param bloomBitsPerKey bits per key of the Bloom filter, 0 for no filter (default 10, ~1% false
 *     positives)
 * @param sealingExecutor where data blocks are compressed and checksummed while the next ones are
 *     built, or null to do it on the writer's thread (default); the table is the same either way
 */
public record SstWriterOptions(int blockSize, int restartInterval, Compression compression, ChecksumType checksumType,
        int bloomBitsPerKey, Executor sealingExecutor) {
    public static final int DEFAULT_BLOCK_SIZE = 4096;
    public static final int DEFAULT_RESTART_INTERVAL = 16;
    public static final int DEFAULT_BLOOM_BITS_PER_KEY = 10;

    public SstWriterOptions {
        if (blockSize < 64 || blockSize > (256 << 20)) {
            throw new IllegalArgumentException("block size must be in [64 B, 256 MiB], got " + blockSize);
        }
        if (restartInterval < 1) {
            throw new IllegalArgumentException("restart interval must be at least 1, got " + restartInterval);
        }
        if (bloomBitsPerKey < 0 || bloomBitsPerKey > 64) {
            throw new IllegalArgumentException("bloom bits per key must be in [0, 64], got " + bloomBitsPerKey);
        }
        if (compression == null || checksumType == null) {
            throw new IllegalArgumentException("compression and checksum type are required");
        }
    }

    /** 4 KiB blocks, restart interval 16, no compression, CRC32C, 10 bits per key. */
    public static SstWriterOptions defaults() {
        return new SstWriterOptions(DEFAULT_BLOCK_SIZE, DEFAULT_RESTART_INTERVAL, Compression.NONE, ChecksumType.CRC32C,
                DEFAULT_BLOOM_BITS_PER_KEY, null);
    }

    public SstWriterOptions withBlockSize(int size) {
        return new SstWriterOptions(size, restartInterval, compression, checksumType, bloomBitsPerKey, sealingExecutor);
    }

    public SstWriterOptions withRestartInterval(int keys) {
        return new SstWriterOptions(blockSize, keys, compression, checksumType, bloomBitsPerKey, sealingExecutor);
    }

    public SstWriterOptions withCompression(Compression c) {
        return new SstWriterOptions(blockSize, restartInterval, c, checksumType, bloomBitsPerKey, sealingExecutor);
    }

    public SstWriterOptions withChecksumType(ChecksumType t) {
        return new SstWriterOptions(blockSize, restartInterval, compression, t, bloomBitsPerKey, sealingExecutor);
    }

    public SstWriterOptions withBloomBitsPerKey(int bits) {
        return new SstWriterOptions(blockSize, restartInterval, compression, checksumType, bits, sealingExecutor);
    }

    /** Seals (compresses and checksums) data blocks on {@code executor}, null for the writer's thread. */
    public SstWriterOptions withSealingExecutor(Executor executor) {
        return new SstWriterOptions(blockSize, restartInterval, compression, checksumType, bloomBitsPerKey, executor);
    }
}
