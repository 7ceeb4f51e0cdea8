package io.lode.isle;

import io.lode.internal.Require;
import java.nio.file.Path;

/**
 * Options of an {@link IsleReader}. Tables are read in one of three ways: downloaded whole into
 * memory (the default), downloaded whole into a local {@code cacheDir} and mapped, or read block by
 * block with ranged requests through an off-heap block cache ({@code rangeReads}), for large tables
 * of which a reader touches little.
 *
 * @param cacheDir a local directory where downloaded SSTs are kept, mapped and verified, and reused
 *     after a restart; null for none
 * @param cacheBytes the most bytes of SSTs kept in {@code cacheDir} (default 1 GiB)
 * @param blobCacheBytes how many bytes of recently read blobs to keep in memory (default 64 MiB)
 * @param rangeReads read tables block by block with ranged requests instead of downloading them
 * @param blockCacheBytes the off-heap block cache of range-read mode (default 256 MiB)
 */
public record ReaderOptions(Path cacheDir, long cacheBytes, long blobCacheBytes, boolean rangeReads, long blockCacheBytes) {
    public ReaderOptions {
        Require.argument(cacheBytes >= 0, "cacheBytes must not be negative");
        Require.argument(blobCacheBytes >= 0, "blobCacheBytes must not be negative");
        Require.argument(blockCacheBytes >= 0, "blockCacheBytes must not be negative");
        Require.argument(cacheDir == null || !rangeReads, "choose either a cacheDir or rangeReads, not both");
    }

    public static ReaderOptions defaults() {
        return new ReaderOptions(null, 1L << 30, 64L << 20, false, 256L << 20);
    }

    public ReaderOptions withCacheDir(Path directory) {
        return new ReaderOptions(directory, cacheBytes, blobCacheBytes, rangeReads, blockCacheBytes);
    }

    public ReaderOptions withCacheBytes(long bytes) {
        return new ReaderOptions(cacheDir, bytes, blobCacheBytes, rangeReads, blockCacheBytes);
    }

    /** Range-read mode with a block cache of {@code bytes}. */
    public ReaderOptions withRangeReads(long bytes) {
        return new ReaderOptions(cacheDir, cacheBytes, blobCacheBytes, true, bytes);
    }
}
