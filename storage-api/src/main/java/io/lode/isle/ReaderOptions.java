package io.lode.isle;

import io.lode.internal.Require;
import java.nio.file.Path;

/**
 * Options of an {@link IsleReader}.
 *
 * @param cacheDir a local directory where downloaded SSTs are kept, mapped and verified, and reused
 *     after a restart; null to hold tables in memory only
 * @param cacheBytes the most bytes of SSTs kept in {@code cacheDir} (default 1 GiB); least recently
 *     used tables that no read holds are evicted
 * @param blobCacheBytes how many bytes of recently read blobs to keep in memory (default 64 MiB)
 */
public record ReaderOptions(Path cacheDir, long cacheBytes, long blobCacheBytes) {
    public ReaderOptions {
        Require.argument(cacheBytes >= 0, "cacheBytes must not be negative");
        Require.argument(blobCacheBytes >= 0, "blobCacheBytes must not be negative");
    }

    public static ReaderOptions defaults() {
        return new ReaderOptions(null, 1L << 30, 64L << 20);
    }

    public ReaderOptions withCacheDir(Path directory) {
        return new ReaderOptions(directory, cacheBytes, blobCacheBytes);
    }

    public ReaderOptions withCacheBytes(long bytes) {
        return new ReaderOptions(cacheDir, bytes, blobCacheBytes);
    }
}
