package io.lode.isle;

import io.lode.internal.Require;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of an {@link IsleReader}: start from {@link #defaults()} and change what you need with
 * the {@code with} methods, each of which returns a new value. A later version may add options,
 * with defaults, without breaking code written against this one.
 *
 * <p>Tables are read in one of three ways, each with a byte budget, so that a reader's memory
 * follows its budget, not the size of the database:
 * <ul>
 *   <li>block by block with ranged requests through an off-heap block cache of
 *       {@link #blockCacheBytes()} (the default, {@link #withRangeReads});</li>
 *   <li>downloaded whole into a local {@link #cacheDir()} of at most {@link #cacheBytes()} and
 *       mapped ({@link #withCacheDir}), which survives a restart;</li>
 *   <li>downloaded whole into the Java heap ({@link #withTablesInMemory}), fastest for a database
 *       that fits in the heap with room to spare: its memory grows with the tables in the view.</li>
 * </ul>
 * Each {@code with} method that picks a way switches the others off.
 *
 * <p>In every way, decompressed blocks of compressed tables are kept in an off-heap block cache of
 * {@link #blockCacheBytes()}, so that a hot block is decompressed once; in range-read mode it also
 * saves the request. Readers of one cache directory share the directory's block cache.
 */
public final class ReaderOptions {
    private static final ReaderOptions DEFAULTS = new ReaderOptions(null, 1L << 30, 64L << 20, true, 256L << 20);

    private final Path cacheDir;
    private final long cacheBytes;
    private final long blobCacheBytes;
    private final boolean rangeReads;
    private final long blockCacheBytes;

    private ReaderOptions(Path cacheDir, long cacheBytes, long blobCacheBytes, boolean rangeReads, long blockCacheBytes) {
        Require.argument(cacheBytes >= 0, "cacheBytes must not be negative");
        Require.argument(blobCacheBytes >= 0, "blobCacheBytes must not be negative");
        Require.argument(blockCacheBytes >= 0, "blockCacheBytes must not be negative");
        this.cacheDir = cacheDir;
        this.cacheBytes = cacheBytes;
        this.blobCacheBytes = blobCacheBytes;
        this.rangeReads = rangeReads;
        this.blockCacheBytes = blockCacheBytes;
    }

    /** Range reads through a 256 MiB off-heap block cache, a 64 MiB blob cache. */
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

    /** Whether tables are read block by block with ranged requests instead of downloaded (default true). */
    public boolean rangeReads() {
        return rangeReads;
    }

    /**
     * The off-heap cache of decompressed blocks (default 256 MiB): verified, decompressed data blocks
     * in native memory, outside the heap. For a cache directory, the first reader of the directory
     * sizes the cache its readers share.
     */
    public long blockCacheBytes() {
        return blockCacheBytes;
    }

    /** Whether tables are downloaded whole into the Java heap (default false). */
    public boolean tablesInMemory() {
        return cacheDir == null && !rangeReads;
    }

    /** Downloads tables whole into {@code directory}, keeps at most {@link #cacheBytes()} there, and maps them. */
    public ReaderOptions withCacheDir(Path directory) {
        Require.argument(directory != null, "cacheDir must not be null; use withRangeReads or withTablesInMemory instead");
        return new ReaderOptions(directory, cacheBytes, blobCacheBytes, false, blockCacheBytes);
    }

    /**
     * Downloads tables whole into the Java heap. Their memory is not bounded by a budget: it grows
     * with the tables of the reader's view, so choose this only for a database much smaller than
     * the heap.
     */
    public ReaderOptions withTablesInMemory() {
        return new ReaderOptions(null, cacheBytes, blobCacheBytes, false, blockCacheBytes);
    }

    /** See {@link #cacheBytes()}. */
    public ReaderOptions withCacheBytes(long bytes) {
        return new ReaderOptions(cacheDir, bytes, blobCacheBytes, rangeReads, blockCacheBytes);
    }

    /** See {@link #blobCacheBytes()}. */
    public ReaderOptions withBlobCacheBytes(long bytes) {
        return new ReaderOptions(cacheDir, cacheBytes, bytes, rangeReads, blockCacheBytes);
    }

    /** See {@link #blockCacheBytes()}; keeps the way tables are read. */
    public ReaderOptions withBlockCacheBytes(long bytes) {
        return new ReaderOptions(cacheDir, cacheBytes, blobCacheBytes, rangeReads, bytes);
    }

    /** Range reads (the default way) with a block cache of {@code bytes}. */
    public ReaderOptions withRangeReads(long bytes) {
        return new ReaderOptions(null, cacheBytes, blobCacheBytes, true, bytes);
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
