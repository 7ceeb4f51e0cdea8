package io.lode.isle;

import io.lode.internal.Require;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of an {@link IsleReader}: start from {@link #defaults()} and change what you need with
 * the {@code with} methods, each of which returns a new value. A later version may add options,
 * with defaults, without breaking code written against this one.
 *
 * <p>Tables are read in one of three ways: downloaded whole into memory (the default), downloaded
 * whole into a local {@link #cacheDir()} and mapped, or read block by block with ranged requests
 * through an off-heap block cache ({@link #rangeReads()}), for large tables of which a reader
 * touches little.
 */
public final class ReaderOptions {
    private static final ReaderOptions DEFAULTS = new ReaderOptions(null, 1L << 30, 64L << 20, false, 256L << 20);

    private final Path cacheDir;
    private final long cacheBytes;
    private final long blobCacheBytes;
    private final boolean rangeReads;
    private final long blockCacheBytes;

    private ReaderOptions(Path cacheDir, long cacheBytes, long blobCacheBytes, boolean rangeReads, long blockCacheBytes) {
        Require.argument(cacheBytes >= 0, "cacheBytes must not be negative");
        Require.argument(blobCacheBytes >= 0, "blobCacheBytes must not be negative");
        Require.argument(blockCacheBytes >= 0, "blockCacheBytes must not be negative");
        Require.argument(cacheDir == null || !rangeReads, "choose either a cacheDir or rangeReads, not both");
        this.cacheDir = cacheDir;
        this.cacheBytes = cacheBytes;
        this.blobCacheBytes = blobCacheBytes;
        this.rangeReads = rangeReads;
        this.blockCacheBytes = blockCacheBytes;
    }

    /** Whole tables in memory, a 64 MiB blob cache. */
    public static ReaderOptions defaults() {
        return DEFAULTS;
    }

    /** A local directory where downloaded SSTs are kept, mapped and verified, and reused after a restart; null (the default) for none. */
    public Path cacheDir() {
        return cacheDir;
    }

    /** The most bytes of SSTs kept in {@link #cacheDir()} (default 1 GiB). */
    public long cacheBytes() {
        return cacheBytes;
    }

    /** How many bytes of recently read blobs to keep in memory (default 64 MiB; 0 for none). */
    public long blobCacheBytes() {
        return blobCacheBytes;
    }

    /** Whether tables are read block by block with ranged requests instead of downloaded (default false). */
    public boolean rangeReads() {
        return rangeReads;
    }

    /** The off-heap block cache of range-read mode (default 256 MiB). */
    public long blockCacheBytes() {
        return blockCacheBytes;
    }

    /** Keeps downloaded SSTs in {@code directory}; not together with range reads. */
    public ReaderOptions withCacheDir(Path directory) {
        return new ReaderOptions(directory, cacheBytes, blobCacheBytes, rangeReads, blockCacheBytes);
    }

    /** See {@link #cacheBytes()}. */
    public ReaderOptions withCacheBytes(long bytes) {
        return new ReaderOptions(cacheDir, bytes, blobCacheBytes, rangeReads, blockCacheBytes);
    }

    /** See {@link #blobCacheBytes()}. */
    public ReaderOptions withBlobCacheBytes(long bytes) {
        return new ReaderOptions(cacheDir, cacheBytes, bytes, rangeReads, blockCacheBytes);
    }

    /** Range-read mode with a block cache of {@code bytes}; not together with a cache directory. */
    public ReaderOptions withRangeReads(long bytes) {
        return new ReaderOptions(cacheDir, cacheBytes, blobCacheBytes, true, bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReaderOptions r && Objects.equals(cacheDir, r.cacheDir) && cacheBytes == r.cacheBytes
                && blobCacheBytes == r.blobCacheBytes && rangeReads == r.rangeReads && blockCacheBytes == r.blockCacheBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cacheDir, cacheBytes, blobCacheBytes, rangeReads, blockCacheBytes);
    }

    @Override
    public String toString() {
        return "ReaderOptions[cacheDir=" + cacheDir + ", cacheBytes=" + cacheBytes + ", blobCacheBytes=" + blobCacheBytes
                + ", rangeReads=" + rangeReads + ", blockCacheBytes=" + blockCacheBytes + "]";
    }
}
